package dev.project51.frontend.chat.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.frontend.problem.internal.FrontendProblemTypes;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import dev.project51.testsupport.agent.RecordedRequest;
import dev.project51.testsupport.agent.Script;
import dev.project51.testsupport.sse.SseEvents.Event;
import dev.project51.testsupport.sse.SseEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code POST /api/chat/stream} over real HTTP, against a fake agent that speaks
 * the contract.
 */
class ChatStreamControllerTests extends FrontendHttpTestSupport {

	@Test
	void relaysTheAgentsAnswerAsServerSentEvents() throws Exception {
		agent.stream(Script.answer("c-42", "gpt-test", false,
				List.of(new Citation("knowledge/rollback.md", "Rolling back", "Run deploy.sh --rollback")), "Roll ",
				"back ", "with deploy.sh."));
		HttpResponse<InputStream> response = post("{\"message\":\"How do I roll back?\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		List<Event> events = SseEvents.readAll(response.body());
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "token", "token", "done");
		assertThat(data(events.get(0)).get("conversationId").asString()).isEqualTo("c-42");
		assertThat(events.subList(1, 4)).extracting((event) -> data(event).get("text").asString())
			.containsExactly("Roll ", "back ", "with deploy.sh.");
		JsonNode done = data(events.get(4));
		assertThat(done.get("reply").asString()).isEqualTo("Roll back with deploy.sh.");
		assertThat(done.get("model").asString()).isEqualTo("gpt-test");
		assertThat(done.get("citations").get(0).get("source").asString()).isEqualTo("knowledge/rollback.md");
		assertEventsConformToTheContract(events);
	}

	@Test
	void relaysTokensThatJsonMustEscapeAsTheSameJson() throws Exception {
		String[] tokens = { "say \"hi\"", " C:\\temp\\", "\n\nline\r\tend\b\f", "\u0001\u001f", " /api/é😀" };
		agent.stream(Script.answer("c-1", "gpt-test", false, List.of(), tokens));
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Escape this\"}").body());
		assertThat(events).extracting(Event::name)
			.containsExactly("meta", "token", "token", "token", "token", "token", "done");
		List<Event> relayed = events.subList(1, 6);
		assertThat(relayed).extracting((event) -> data(event).get("text").asString()).containsExactly(tokens);
		assertThat(relayed).extracting(Event::data)
			.containsExactly(List.of(tokens)
				.stream()
				.map((token) -> JsonMapper.shared().writeValueAsString(new StreamEvent.Token(token)))
				.toArray(String[]::new));
		assertEventsConformToTheContract(events);
	}

	@Test
	void forwardsTheMessageAndConversationIdWithTheToken() throws Exception {
		HttpResponse<InputStream> response = post("{\"conversationId\":\"c-7\",\"message\":\"Hi there\"}");
		SseEvents.readAll(response.body());
		RecordedRequest request = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).get(0);
		assertThat(json(request.body()).get("conversationId").asString()).isEqualTo("c-7");
		assertThat(json(request.body()).get("message").asString()).isEqualTo("Hi there");
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
	}

	@Test
	void neverSendsTheAgentTokenToTheBrowser() throws Exception {
		HttpResponse<String> response = http.send(request("/api/chat/stream", "{\"message\":\"Hello\"}").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).contains("event:done").doesNotContain(TOKEN);
		assertThat(response.headers().map().toString()).doesNotContain(TOKEN);
	}

	@Test
	void aFailureAfterTheFirstTokenEndsTheAnswerAsInterrupted() throws Exception {
		agent.stream(Script.failAfter(ProblemDetail.of(ProblemType.MODELS_UNAVAILABLE,
				"The model stopped answering; every fallback is busy. Try again in a minute.", "/api/v1/chat/stream"),
				"Partial "));
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Hello\"}").body());
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "error");
		JsonNode problem = data(events.get(2)).get("problem");
		assertThat(problem.get("status").asInt()).isEqualTo(502);
		assertThat(problem.get("type").asString()).isEqualTo(ProblemType.ANSWER_INTERRUPTED.uri());
		assertThat(problem.get("detail").asString()).isEqualTo(ProblemDetail.answerInterrupted(null).detail())
			.doesNotContain("every fallback is busy");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/chat/stream");
		assertEventsConformToTheContract(events);
	}

	@Test
	void aFailureBeforeTheFirstTokenKeepsTheAgentsExplanation() throws Exception {
		agent.stream(Script.failAfter(ProblemDetail.of(ProblemType.MODELS_UNAVAILABLE,
				"Every model is failing; the assistant retries them by itself. Retry after 4 s.",
				"/api/v1/chat/stream")));
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Hello\"}").body());
		assertThat(events).extracting(Event::name).containsExactly("meta", "error");
		JsonNode problem = data(events.get(1)).get("problem");
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("type").asString()).isEqualTo(ProblemType.MODELS_UNAVAILABLE.uri());
		assertThat(problem.get("detail").asString()).contains("Retry after 4 s");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/chat/stream");
		assertEventsConformToTheContract(events);
	}

	@Test
	void relaysARateLimitWithItsRetryHint() throws Exception {
		agent.stream(Script
			.problem(ProblemDetail.of(ProblemType.RATE_LIMITED, "Too many messages; wait 7 s.", "/api/v1/chat/stream")
				.withRetryAfterSeconds(7), "Retry-After", "7"));
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Hello\"}").body());
		assertThat(events).extracting(Event::name).containsExactly("error");
		JsonNode problem = data(events.get(0)).get("problem");
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("retryAfterSeconds").asLong()).isEqualTo(7);
		assertEventsConformToTheContract(events);
	}

	@Test
	void explainsARefusedTokenWithoutDetailsOfTheAgent() throws Exception {
		agent.requireToken("another-token");
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Hello\"}").body());
		assertThat(events).extracting(Event::name).containsExactly("error");
		JsonNode problem = data(events.get(0)).get("problem");
		assertThat(problem.get("status").asInt()).isEqualTo(502);
		assertThat(problem.get("type").asString()).isEqualTo(FrontendProblemTypes.AGENT_REFUSED_CREDENTIALS);
		assertThat(problem.toString()).doesNotContain(TOKEN)
			.doesNotContain("another-token")
			.doesNotContain(agent.baseUrl().toString());
	}

	@Test
	void refusesABlankMessageBeforeCallingTheAgent() throws Exception {
		HttpResponse<String> response = send(request("/api/chat/stream", "{\"message\":\"   \"}"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		JsonNode problem = json(response.body());
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("message");
		assertThat(ContractSchemas.violations("ProblemDetail", response.body())).isEmpty();
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void refusesAMessageLongerThanTheLimit() throws Exception {
		HttpResponse<String> response = send(request("/api/chat/stream", "{\"message\":\"" + "x".repeat(51) + "\"}"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response.body()).get("detail").asString()).contains("51 characters").contains("at most 50");
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void refusesAMalformedConversationId() throws Exception {
		HttpResponse<String> response = send(
				request("/api/chat/stream", "{\"conversationId\":\"../../etc\",\"message\":\"Hi\"}"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("conversationId");
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void refusesABodyThatIsNotJson() throws Exception {
		HttpResponse<String> response = send(request("/api/chat/stream", "{\"message\":"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(json(response.body()).get("detail").asString()).contains("must be JSON");
	}

	@Test
	void refusesAFormPost() throws Exception {
		HttpResponse<String> response = send(request("/api/chat/stream", "message=hello").setHeader("Content-Type",
				"application/x-www-form-urlencoded"));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void refusesARequestFromAnotherSite() throws Exception {
		HttpResponse<String> response = send(
				request("/api/chat/stream", "{\"message\":\"Hello\"}").header("Sec-Fetch-Site", "cross-site")
					.header("Origin", "https://evil.example"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response.body()).get("detail").asString()).contains("cross-site");
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void refusesAForeignOriginFromABrowserWithoutFetchMetadata() throws Exception {
		HttpResponse<String> response = send(
				request("/api/chat/stream", "{\"message\":\"Hello\"}").header("Origin", "http://attacker.test"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).isEmpty();
	}

	@Test
	void acceptsARequestFromItsOwnPage() throws Exception {
		HttpResponse<String> response = send(
				request("/api/chat/stream", "{\"message\":\"Hello\"}").header("Sec-Fetch-Site", "same-origin")
					.header("Origin", "http://localhost:" + this.port));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("event:done");
	}

	@Test
	void theAnswerStreamIsNeverCompressedSoTokensArriveOneByOne() throws Exception {
		// The starter turns on compression for the page and JSON (text/event-stream is
		// not
		// among its types): a compressing stream would hold the tokens back in its
		// buffer.
		agent.stream(Script.slow("c-gzip", Duration.ofMillis(300), 5));
		HttpResponse<InputStream> response = this.http
			.send(request("/api/chat/stream", "{\"message\":\"Stream slowly\"}")
				.header("Accept-Encoding", "gzip, deflate, br")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
		List<Long> arrivals = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null && !line.startsWith("event:done")) {
				if (line.startsWith("event:token")) {
					arrivals.add(System.nanoTime());
				}
			}
		}
		assertThat(arrivals).hasSize(5);
		for (int i = 1; i < arrivals.size(); i++) {
			// Each token as the agent sent it, 300 ms apart, not all at once at the end.
			assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1))).as("gap before token %d", i)
				.isGreaterThan(Duration.ofMillis(150));
		}
	}

	@Test
	void cancelsTheAgentsStreamWhenTheBrowserLeaves() throws Exception {
		agent.stream(Script.slow("c-slow", Duration.ofMillis(100), 300));
		HttpResponse<InputStream> response = post("{\"message\":\"Tell me a long story\"}");
		try (InputStream body = response.body()) {
			assertThat(response.statusCode()).as(() -> "HTTP " + response.statusCode() + ": " + readAll(body))
				.isEqualTo(200);
			assertThat(SseEvents.read(body, 3)).extracting(Event::name).containsExactly("meta", "token", "token");
		}
		assertThat(agent.awaitStreamCancelled(Duration.ofSeconds(10))).as("agent stream cancelled").isTrue();
	}

	@Test
	void cancelsASilentAgentStreamWhenTheBrowserLeaves() throws Exception {
		agent.stream(Script.stallAfter("c-silent"));
		HttpResponse<InputStream> response = post("{\"message\":\"Think hard\"}");
		try (InputStream body = response.body()) {
			assertThat(SseEvents.read(body, 1)).extracting(Event::name).containsExactly("meta");
		}
		// Only the frontend's keep-alive comments can reveal that the browser left.
		assertThat(agent.awaitStreamCancelled(Duration.ofSeconds(10))).as("agent stream cancelled").isTrue();
	}

	private void assertEventsConformToTheContract(List<Event> events) {
		for (Event event : events) {
			String component = switch (event.name()) {
				case "meta" -> "MetaEvent";
				case "token" -> "TokenEvent";
				case "done" -> "DoneEvent";
				case "error" -> "ErrorEvent";
				default -> throw new AssertionError("Unexpected event " + event.name());
			};
			assertThat(ContractSchemas.violations(component, event.data())).as(event.toString()).isEmpty();
		}
	}

	private JsonNode data(Event event) {
		return json(event.data());
	}

	private static String readAll(InputStream body) {
		try {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private HttpResponse<InputStream> post(String body) throws IOException, InterruptedException {
		return this.http.send(request("/api/chat/stream", body).build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	private HttpRequest.Builder request(String path, String body) {
		return request(path).header("Content-Type", "application/json")
			.header("Accept", "text/event-stream, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

}
