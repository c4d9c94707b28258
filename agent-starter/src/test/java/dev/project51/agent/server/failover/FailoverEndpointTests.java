package dev.project51.agent.server.failover;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.AgentWithFakePrimary;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.Http.SseFrame;
import dev.project51.testsupport.providers.Fault;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running agent at the default failover settings whose preferred model is a real HTTP
 * server speaking OpenAI's protocol (configured as an {@code openai-compatible} provider,
 * nothing else changed) and whose chain ends in the local model: users see failures only
 * as a different model name and the degraded flag, traffic returns to the primary once it
 * recovers, and a stream is kept alive while the model is silent. Faults that take the
 * default budgets (6 s first token, 15 s idle) are tested end to end in
 * reliability-tests.
 */
class FailoverEndpointTests {

	@RegisterExtension
	static final AgentWithFakePrimary agent = new AgentWithFakePrimary(null, List.of());

	private static JsonNode chat(String message) {
		HttpResponse<String> response = agent.http().postJson("/api/v1/chat", "{\"message\":\"" + message + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ContractSchemas.assertValid("ChatReply", response.body());
	}

	private static List<SseFrame> stream(String message) {
		HttpResponse<String> response = agent.http()
			.postJson("/api/v1/chat/stream", "{\"message\":\"" + message + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.frames(response.body());
	}

	private static JsonNode model(String name) {
		JsonNode models = ContractSchemas.assertValidArray("ModelStatus", agent.http().get("/api/v1/models").body());
		for (JsonNode model : models) {
			if (model.path("name").asString().equals(name)) {
				return model;
			}
		}
		throw new AssertionError("no model " + name + " in " + models);
	}

	@Test
	void healthyPrimaryAnswersWithoutDegradation() {
		JsonNode reply = chat("How do I roll back a release?");
		assertThat(reply.path("reply").asString()).isEqualTo(agent.primary().answer());
		assertThat(reply.path("model").asString()).isEqualTo("primary");
		assertThat(reply.path("degraded").asBoolean()).isFalse();
		List<SseFrame> frames = stream("How do I roll back a release?");
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("primary");
		assertThat(meta.path("degraded").asBoolean()).isFalse();
		JsonNode done = ContractSchemas.assertValid("DoneEvent", frames.get(frames.size() - 1).data());
		assertThat(done.path("reply").asString()).isEqualTo(agent.primary().answer());
		JsonNode request = agent.primary().bodies().get(0);
		assertThat(request.path("model").asString()).isEqualTo("fake-gpt");
		assertThat(request.toString()).as("the knowledge excerpts go to the remote model too")
			.contains("knowledge/rolling-back.md");
	}

	@Test
	void failingPrimaryShowsOnlyAsModelAndDegradedFlagThenTrafficReturns() {
		agent.primary().failAlways(Fault.status(500));
		// before the circuit opens (during this chat): its time open is at most the time
		// since
		long beforeOpening = System.nanoTime();
		JsonNode reply = chat("How do I roll back a release?");
		assertThat(reply.path("model").asString()).isEqualTo("local");
		assertThat(reply.path("degraded").asBoolean()).isTrue();
		assertThat(reply.path("reply").asString()).contains("kubectl rollout undo");
		assertThat(reply.path("citations").get(0).path("source").asString()).isEqualTo("knowledge/rolling-back.md");

		List<SseFrame> frames = stream("What does the degraded flag mean?");
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("local");
		assertThat(meta.path("degraded").asBoolean()).isTrue();
		JsonNode done = ContractSchemas.assertValid("DoneEvent", frames.get(frames.size() - 1).data());
		assertThat(done.path("degraded").asBoolean()).isTrue();

		JsonNode status = model("primary");
		assertThat(status.path("state").asString()).as("three failed attempts open it").isEqualTo("OPEN");
		assertThat(status.path("failing").asBoolean()).isTrue();
		assertThat(status.path("lastError").asString()).isEqualTo("server error (HTTP 500)");
		assertThat(model("local").path("state").asString()).isEqualTo("CLOSED");
		assertThat(agent.http().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		int callsWhileOpen = agent.primary().requests();
		assertThat(chat("What is kind?").path("model").asString()).isEqualTo("local");
		// An open circuit sends no chat to the primary. It probes the primary in the
		// background once per wait in the open state (5 s by default), which a slow
		// machine
		// can reach by now: those probes are the only calls allowed.
		long probes = Duration.ofNanos(System.nanoTime() - beforeOpening)
			.dividedBy(FailoverPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE);
		assertThat(agent.primary().requests() - callsWhileOpen)
			.as("open circuit: no call to the primary but its background probes")
			.isLessThanOrEqualTo((int) probes);
		assertThat(agent.app()
			.bean(MeterRegistry.class)
			.get("project51.agent.model.failovers")
			.tags("from", "primary", "to", "local")
			.counter()
			.count()).isPositive();

		agent.primary().heal();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			JsonNode recovered = chat("What is Project51?");
			assertThat(recovered.path("model").asString()).isEqualTo("primary");
			assertThat(recovered.path("degraded").asBoolean()).isFalse();
		});
		assertThat(model("primary").path("state").asString()).isEqualTo("CLOSED");
	}

	@Test
	void aStreamIsKeptAliveWhileTheModelIsSilent() {
		agent.primary().failAlways(Fault.delay(Duration.ofMillis(2500)));
		HttpResponse<String> response = agent.http()
			.postJson("/api/v1/chat/stream", "{\"message\":\"How do I deploy?\"}");
		String beforeMeta = response.body().substring(0, response.body().indexOf("event: meta"));
		assertThat(response.body()).as("the first bytes, sent at once").startsWith(": keep-alive\n\n");
		assertThat(beforeMeta.split(": keep-alive", -1).length - 1).as("one a second while the model is silent")
			.isGreaterThanOrEqualTo(2);
		List<SseFrame> frames = Http.frames(response.body());
		assertThat(ContractSchemas.assertValid("MetaEvent", frames.get(0).data()).path("model").asString())
			.as("2.5 s is within the first-token budget: no failover")
			.isEqualTo("primary");
	}

	@Test
	void aClientThatLeavesWhileTheModelIsSilentFreesItsConversationAtOnce() throws Exception {
		String conversationId = chat("What is Project51?").path("conversationId").asString();
		agent.primary().failAlways(Fault.hangBeforeHeaders());
		String body = "{\"conversationId\":\"" + conversationId + "\",\"message\":\"How do I deploy?\"}";
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", agent.app().port())) {
			socket.getOutputStream()
				.write(("POST /api/v1/chat/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length() + "\r\n\r\n" + body)
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			java.io.InputStream in = socket.getInputStream();
			String head = new String(in.readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
			assertThat(head).isEqualTo("HTTP/1.1 200");
		}
		agent.primary().heal();
		long left = System.nanoTime();
		HttpResponse<String> again = agent.http().postJson("/api/v1/chat", body);
		Duration took = Duration.ofNanos(System.nanoTime() - left);
		assertThat(again.statusCode()).as("not 409 conversation-busy: %s", again.body()).isEqualTo(200);
		// The agent writes a keep-alive every second and notices the client gone at the
		// next
		// one; the model's deadline is the first-token timeout (6 s by default).
		assertThat(took).as("the agent noticed within its keep-alive interval, not at the model's deadline")
			.isLessThan(FailoverPolicy.DEFAULT_FIRST_TOKEN_TIMEOUT);
	}

	@Test
	void streamFailingAfterItsFirstTokenEndsInterruptedAndKeepsTheTextAsInterrupted() {
		agent.primary().failAlways(Fault.dropAfter(2));
		HttpResponse<String> response = agent.http()
			.postJson("/api/v1/chat/stream", "{\"message\":\"How do I deploy?\"}");
		List<SseFrame> frames = Http.frames(response.body());
		assertThat(frames).extracting(SseFrame::event).containsExactly("meta", "token", "token", "error");
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("primary");
		JsonNode error = ContractSchemas.assertValid("ErrorEvent", frames.get(3).data());
		assertThat(error.path("problem").path("type").asString()).isEqualTo(ProblemType.ANSWER_INTERRUPTED.uri());
		assertThat(error.path("problem").path("detail").asString())
			.isEqualTo(dev.project51.agent.contract.ProblemDetail.answerInterrupted(null).detail());
		String sent = tools.jackson.databind.json.JsonMapper.shared()
			.readTree(frames.get(1).data())
			.path("text")
			.asString()
				+ tools.jackson.databind.json.JsonMapper.shared()
					.readTree(frames.get(2).data())
					.path("text")
					.asString();
		JsonNode conversation = ContractSchemas.assertValid("Conversation",
				agent.http().get("/api/v1/conversations/" + meta.path("conversationId").asString()).body());
		JsonNode answer = conversation.path("messages").get(1);
		assertThat(answer.path("text").asString()).as("what the user saw").isEqualTo(sent);
		assertThat(answer.path("interrupted").asBoolean()).isTrue();
		assertThat(model("primary").path("lastError").asString()).isEqualTo("connection broken");
	}

	@Test
	void openAiEndpointFailsOverToo() {
		agent.primary().failAlways(Fault.status(503));
		HttpResponse<String> response = agent.http()
			.postJson("/v1/chat/completions",
					"{\"messages\":[{\"role\":\"user\",\"content\":\"What is Project51?\"}]}");
		JsonNode completion = tools.jackson.databind.json.JsonMapper.shared().readTree(response.body());
		assertThat(completion.path("model").asString()).isEqualTo("local");
		assertThat(completion.path("project51").path("degraded").asBoolean()).isTrue();
	}

}
