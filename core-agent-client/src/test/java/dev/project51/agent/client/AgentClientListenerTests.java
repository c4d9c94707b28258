package dev.project51.agent.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.testsupport.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The listener hook: headers captured on the caller's thread and sent with every attempt
 * of the call (the way a trace context travels), retries and circuit transitions
 * reported, and a listener that fails never breaks a call.
 */
class AgentClientListenerTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final FakeTransport transport = new FakeTransport();

	private final Recording listener = new Recording();

	private AgentClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

	private AgentClient client(CircuitBreakerPolicy circuitBreaker) {
		this.client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.apiToken("secret")
			.transport(this.transport)
			.clock(this.clock)
			.sleeper(new RecordingSleeper(this.clock))
			.circuitBreaker(circuitBreaker)
			.listener(this.listener)
			.build();
		return this.client;
	}

	@Test
	void headersOfTheCallGoWithEveryAttemptOfIt() {
		this.transport.problem(503, "models-unavailable", "No model", "busy").respondJson(Json.MODELS);
		assertThat(client(CircuitBreakerPolicy.disabled()).models()).hasSize(2);
		assertThat(this.transport.requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.header("traceparent")).isEqualTo(TRACEPARENT));
		assertThat(this.listener.operations).containsExactly("GET /api/v1/models");
		assertThat(this.listener.retries).containsExactly("GET /api/v1/models#1");
	}

	@Test
	void streamHeadersAreTakenOnTheCallersThread() throws Exception {
		this.transport.respondStream(Json.META + Json.token("Hello") + Json.DONE);
		client(CircuitBreakerPolicy.disabled()).stream(ChatRequest.of("hi"), new StreamListener() {

			@Override
			public void onToken(String text) {
			}

			@Override
			public void onError(AgentClientException error) {
			}

		}).completion().get(5, TimeUnit.SECONDS);
		assertThat(this.listener.threads).containsExactly(Thread.currentThread().getName());
		assertThat(this.transport.lastRequest().header("traceparent")).isEqualTo(TRACEPARENT);
	}

	@Test
	void headersTheClientSetsItselfCannotBeReplaced() {
		this.listener.extra = Map.of("Authorization", "Bearer stolen", "User-Agent", "x", "X-Bad", "a\r\nb");
		this.transport.respondJson(Json.MODELS);
		client(CircuitBreakerPolicy.disabled()).models();
		assertThat(this.transport.lastRequest().header("Authorization")).isEqualTo("Bearer secret");
		assertThat(this.transport.lastRequest().header("User-Agent")).startsWith("project51-agent-client/");
		assertThat(this.transport.lastRequest().header("X-Bad")).isNull();
	}

	@Test
	void circuitTransitionsAreReported() {
		AgentClient client = client(CircuitBreakerPolicy.builder()
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.build());
		// Two failed attempts open the circuit; the third attempt fails fast on it.
		this.transport.problem(500, "internal", "Internal error", "boom")
			.problem(500, "internal", "Internal error", "boom");
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(client::models)
			.satisfies((ex) -> assertThat(ex.isCircuitOpen()).isTrue());
		assertThat(this.listener.transitions).containsExactly("CLOSED->OPEN");
		assertThat(this.listener.retries).containsExactly("GET /api/v1/models#1", "GET /api/v1/models#2");
	}

	@Test
	void aFailingListenerNeverBreaksACall() {
		AgentClient client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.listener(new AgentClientListener() {

				@Override
				public Map<String, String> requestHeaders(String operation) {
					throw new IllegalStateException("listener bug");
				}

			})
			.build();
		this.client = client;
		this.transport.respondJson(Json.MODELS);
		assertThat(client.models()).hasSize(2);
	}

	static final class Recording implements AgentClientListener {

		final List<String> operations = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		final List<String> retries = new CopyOnWriteArrayList<>();

		final List<String> transitions = new CopyOnWriteArrayList<>();

		volatile Map<String, String> extra = Map.of();

		@Override
		public Map<String, String> requestHeaders(String operation) {
			this.operations.add(operation);
			this.threads.add(Thread.currentThread().getName());
			java.util.Map<String, String> headers = new java.util.HashMap<>(this.extra);
			headers.put("traceparent", TRACEPARENT);
			return headers;
		}

		@Override
		public void retrying(String operation, int attempt, AgentClientException failure) {
			this.retries.add(operation + "#" + attempt);
		}

		@Override
		public void circuitStateChanged(CircuitState from, CircuitState to) {
			this.transitions.add(from + "->" + to);
		}

	}

}
