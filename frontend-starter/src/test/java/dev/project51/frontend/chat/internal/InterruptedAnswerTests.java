package dev.project51.frontend.chat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.frontend.problem.internal.FrontendProblemTypes;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import dev.project51.testsupport.agent.Script;
import dev.project51.testsupport.sse.SseEvents.Event;
import dev.project51.testsupport.sse.SseEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer that stops after its first token ends, over real HTTP, with the one
 * {@code answer-interrupted} problem, whichever layer noticed: the agent (its own event),
 * the frontend's agent client (idle timeout, broken connection, unreadable event) or any
 * other failure of the agent's stream. Before the first token the failures keep their own
 * explanations.
 * <p>
 * The application replaces the agent client with one whose silence timeouts are 1.5 s
 * (the properties refuse less than 10 s), so that a dead agent is noticed quickly.
 */
@Import(InterruptedAnswerTests.ShortSilenceClient.class)
class InterruptedAnswerTests extends FrontendHttpTestSupport {

	private static final Duration SILENCE = Duration.ofMillis(1500);

	private static final String INSTANCE = "/api/chat/stream";

	@Test
	void theAgentsOwnInterruptedEventIsRelayedAsTheOneProblem() throws Exception {
		// Even an agent that words it differently is relayed with the one wording.
		agent.stream(Script.failAfter(ProblemDetail.of(ProblemType.ANSWER_INTERRUPTED,
				"The model went silent after 15 s.", "/api/v1/chat/stream"), "Roll ", "back "));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "token", "error");
		assertIsTheInterruptedProblem(events.get(3));
	}

	@Test
	void aSilentAgentAfterTheFirstTokenIsAnInterruptedAnswerAndItsStreamIsCancelled() throws Exception {
		agent.stream(Script.silentAfter(SILENCE.multipliedBy(3), "Roll ", "back "));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "token", "error");
		assertIsTheInterruptedProblem(events.get(3));
		assertThat(agent.awaitStreamCancelled(Duration.ofSeconds(15))).as("agent stream cancelled").isTrue();
	}

	@Test
	void aBrokenConnectionAfterTheFirstTokenIsAnInterruptedAnswer() throws Exception {
		agent.stream(Script.dropAfter("Roll ", "back "));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "token", "error");
		assertIsTheInterruptedProblem(events.get(3));
	}

	@Test
	void anUnreadableEventAfterTheFirstTokenIsAnInterruptedAnswer() throws Exception {
		agent.stream(Script.garbleAfter("Roll "));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "error");
		assertIsTheInterruptedProblem(events.get(2));
	}

	@Test
	void anyOtherErrorEventAfterTheFirstTokenIsAnInterruptedAnswer() throws Exception {
		agent.stream(Script.failAfter(
				ProblemDetail.of(ProblemType.INTERNAL, "The agent failed unexpectedly.", "/api/v1/chat/stream"),
				"Roll "));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "error");
		assertIsTheInterruptedProblem(events.get(2));
	}

	@Test
	void keepAlivesKeepASlowAnswerAliveLongerThanTheSilenceTimeout() throws Exception {
		agent.stream(Script.keepAliveThenAnswer(SILENCE.multipliedBy(2), Duration.ofMillis(200), "local", true,
				"Answered ", "by the fallback."));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "token", "token", "done");
		assertThat(json(events.get(3).data()).get("degraded").asBoolean()).isTrue();
	}

	@Test
	void beforeTheFirstTokenABrokenConnectionMeansTheAgentIsUnreachable() throws Exception {
		agent.stream(Script.dropAfter());
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "error");
		JsonNode problem = problem(events.get(1));
		assertThat(problem.get("type").asString()).isEqualTo(FrontendProblemTypes.AGENT_UNREACHABLE);
		assertThat(problem.get("status").asInt()).isEqualTo(503);
	}

	@Test
	void beforeTheFirstTokenASilentAgentIsATimeout() throws Exception {
		agent.stream(Script.silentAfter(SILENCE.multipliedBy(3)));
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "error");
		JsonNode problem = problem(events.get(1));
		assertThat(problem.get("type").asString()).isEqualTo(ProblemType.TIMEOUT.uri());
		assertThat(problem.get("status").asInt()).isEqualTo(504);
	}

	@Test
	void beforeTheFirstTokenAnUnreadableEventIsAProtocolProblem() throws Exception {
		agent.stream(Script.garbleAfter());
		List<Event> events = stream();
		assertThat(events).extracting(Event::name).containsExactly("meta", "error");
		assertThat(problem(events.get(1)).get("type").asString()).isEqualTo(FrontendProblemTypes.AGENT_PROTOCOL);
	}

	private void assertIsTheInterruptedProblem(Event event) {
		assertThat(ContractSchemas.violations("ErrorEvent", event.data())).isEmpty();
		ProblemDetail expected = ProblemDetail.answerInterrupted(INSTANCE);
		JsonNode problem = problem(event);
		assertThat(problem.get("type").asString()).isEqualTo(expected.type());
		assertThat(problem.get("title").asString()).isEqualTo(expected.title());
		assertThat(problem.get("status").asInt()).isEqualTo(expected.status());
		assertThat(problem.get("detail").asString()).isEqualTo(expected.detail());
		assertThat(problem.get("instance").asString()).isEqualTo(INSTANCE);
		assertThat(problem.has("retryAfterSeconds")).isFalse();
	}

	private JsonNode problem(Event event) {
		return json(event.data()).get("problem");
	}

	private List<Event> stream() throws IOException, InterruptedException {
		HttpResponse<InputStream> response = this.http.send(request(INSTANCE).header("Content-Type", "application/json")
			.header("Accept", "text/event-stream, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"How do I roll back?\"}"))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			return SseEvents.readAll(body);
		}
	}

	/**
	 * The application's own agent client (the auto-configured one backs off), with short
	 * silence timeouts and no retries.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ShortSilenceClient {

		@Bean
		AgentClient agentClient() {
			return AgentClient.builder()
				.baseUrl(agent.baseUrl())
				.apiToken(TOKEN)
				.firstTokenTimeout(SILENCE)
				.idleTimeout(SILENCE)
				.retryPolicy(RetryPolicy.disabled())
				.circuitBreaker(CircuitBreakerPolicy.disabled())
				.build();
		}

	}

}
