package dev.project51.frontend.chat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import dev.project51.testsupport.agent.Script;
import dev.project51.testsupport.sse.SseEvents.Event;
import dev.project51.testsupport.sse.SseEvents;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first message after the agent is back gets an answer, even though the agent
 * client's circuit would still wait (here ten minutes) before letting a call through.
 */
@TestPropertySource(properties = { "project51.frontend.agent.retry.max-attempts=1",
		"project51.frontend.agent.circuit-breaker.sliding-window-size=2",
		"project51.frontend.agent.circuit-breaker.minimum-number-of-calls=2",
		"project51.frontend.agent.circuit-breaker.wait-duration-in-open-state=10m" })
class RecoveryAfterOutageTests extends FrontendHttpTestSupport {

	@Autowired
	private AgentClient client;

	private HttpResponse<InputStream> post(String body) throws IOException, InterruptedException {
		return this.http.send(request("/api/chat/stream").header("Content-Type", "application/json")
			.header("Accept", "text/event-stream, application/problem+json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	@Test
	void theFirstMessageAfterTheAgentIsBackIsAnswered() throws Exception {
		agent.stream(Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "down", null)));
		for (int i = 0; i < 2; i++) {
			List<Event> events = SseEvents.readAll(post("{\"message\":\"Hello\"}").body());
			assertThat(events).extracting(Event::name).containsExactly("error");
		}
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);

		agent.reset();
		agent.requireToken(TOKEN);
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Are you back?\"}").body());
		assertThat(events).extracting(Event::name).endsWith("done");
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void whileTheAgentIsStillDownTheMessageFailsFast() throws Exception {
		agent.stream(Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "down", null)));
		agent.readiness("DOWN");
		for (int i = 0; i < 3; i++) {
			SseEvents.readAll(post("{\"message\":\"Hello\"}").body());
		}
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		int streamCalls = agent.requests("POST", "/api/v1/chat/stream").size();
		List<Event> events = SseEvents.readAll(post("{\"message\":\"Still down?\"}").body());
		assertThat(events).extracting(Event::name).containsExactly("error");
		assertThat(agent.requests("POST", "/api/v1/chat/stream")).as("no call while the agent is not ready")
			.hasSize(streamCalls);
		// Leave the shared fake agent healthy and the circuit closed for the other tests.
		agent.reset();
		agent.requireToken(TOKEN);
		SseEvents.readAll(post("{\"message\":\"Back\"}").body());
	}

}
