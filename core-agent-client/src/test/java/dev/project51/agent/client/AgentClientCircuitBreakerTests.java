package dev.project51.agent.client;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.testsupport.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client-side circuit breaker, driven by a clock the test moves.
 */
class AgentClientCircuitBreakerTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final FakeTransport transport = new FakeTransport();

	private AgentClient client;

	@BeforeEach
	void build() {
		this.client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.clock(this.clock)
			.sleeper(new RecordingSleeper(this.clock))
			.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.builder()
				.slidingWindowSize(4)
				.minimumNumberOfCalls(4)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.permittedCallsInHalfOpenState(2)
				.build())
			.build();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	private void failTimes(int times) {
		for (int i = 0; i < times; i++) {
			this.transport.problem(500, "internal", "Internal error", "boom");
			assertThatExceptionOfType(AgentServerException.class).isThrownBy(this.client::models);
		}
	}

	@Test
	void opensAtTheFailureRateAndThenFailsFastWithoutCallingTheAgent() {
		this.transport.respondJson(Json.MODELS).respondJson(Json.MODELS);
		this.client.models();
		this.client.models();
		failTimes(2);
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		int calls = this.transport.count();
		assertThatExceptionOfType(AgentUnavailableException.class)
			.isThrownBy(() -> this.client.chat(ChatRequest.of("hi")))
			.withMessageContaining("circuit breaker is open")
			.satisfies((ex) -> {
				assertThat(ex.isCircuitOpen()).isTrue();
				assertThat(ex.isRequestNotSent()).isTrue();
				assertThat(ex.isRetriable()).isTrue();
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(10));
			});
		assertThat(this.transport.count()).isEqualTo(calls);
	}

	@Test
	void aRetryThatFindsTheCircuitOpenFailsFastInsteadOfWaitingAgain() {
		RecordingSleeper sleeper = new RecordingSleeper(this.clock);
		AgentClient retrying = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.clock(this.clock)
			.sleeper(sleeper)
			.circuitBreaker(CircuitBreakerPolicy.builder().slidingWindowSize(1).minimumNumberOfCalls(1).build())
			.build();
		try (retrying) {
			this.transport.problem(500, "internal", "Internal error", "boom");
			assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(retrying::models)
				.satisfies((ex) -> assertThat(ex.isCircuitOpen()).isTrue());
			assertThat(this.transport.count()).isOne();
			assertThat(sleeper.delays).hasSize(1);
		}
	}

	@Test
	void letsTrialCallsThroughAfterTheWaitAndClosesWhenTheySucceed() {
		failTimes(4);
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
		this.transport.respondJson(Json.MODELS).respondJson(Json.MODELS);
		this.client.models();
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
		this.client.models();
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void reopensWhenTrialCallsFail() {
		failTimes(4);
		this.clock.advance(Duration.ofSeconds(11));
		failTimes(2);
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(this.client::models)
			.satisfies((ex) -> assertThat(ex.isCircuitOpen()).isTrue());
	}

	@Test
	void clientErrorsAndRateLimitingDoNotOpenTheCircuit() {
		for (int i = 0; i < 5; i++) {
			this.transport.problem(404, "not-found", "Not found", "none");
			assertThatExceptionOfType(AgentNotFoundException.class).isThrownBy(() -> this.client.conversation("c-1"));
			this.transport.problem(429, "rate-limited", "Too many requests", "slow", "Retry-After", "60");
			assertThatExceptionOfType(AgentRateLimitedException.class).isThrownBy(this.client::models);
		}
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void healthBypassesTheOpenCircuitAndAReadyAgentGetsItsTrialCallsAtOnce() {
		failTimes(4);
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		this.transport.respond(200, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"UP\"}");
		assertThat(this.client.health().isUp()).isTrue();
		assertThat(this.client.circuitState()).as("half-open long before the 10 s wait")
			.isEqualTo(CircuitState.HALF_OPEN);
		this.transport.respondJson(Json.MODELS).respondJson(Json.MODELS);
		this.client.models();
		this.client.models();
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void anAgentThatIsNotReadyKeepsTheCircuitOpen() {
		failTimes(4);
		this.transport.respond(503, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"DOWN\"}");
		assertThat(this.client.health().isUp()).isFalse();
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(this.client::models)
			.satisfies((ex) -> assertThat(ex.isCircuitOpen()).isTrue());
	}

	@Test
	void trialCallsThatFailAfterAReadyAnswerOpenTheCircuitAgain() {
		failTimes(4);
		this.transport.respond(200, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"UP\"}");
		this.client.health();
		failTimes(2);
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void disabledBreakerNeverOpens() {
		try (AgentClient unguarded = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.build()) {
			for (int i = 0; i < 20; i++) {
				this.transport.problem(500, "internal", "Internal error", "boom");
				assertThatExceptionOfType(AgentServerException.class).isThrownBy(unguarded::models);
			}
			assertThat(unguarded.circuitState()).isEqualTo(CircuitState.CLOSED);
			assertThat(this.transport.count()).isEqualTo(20);
		}
	}

}
