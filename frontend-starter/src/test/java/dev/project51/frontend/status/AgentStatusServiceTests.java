package dev.project51.frontend.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentServerException;
import dev.project51.agent.client.ChatStream;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;
import dev.project51.testsupport.time.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AgentStatusService} with a real client against a fake agent.
 */
class AgentStatusServiceTests {

	private static final FakeAgent agent = FakeAgents.start();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

	private AgentClient client;

	@AfterAll
	static void stopAgent() {
		agent.close();
	}

	@BeforeEach
	void setUp() {
		agent.reset();
		this.client = AgentClient.builder()
			.baseUrl(agent.baseUrl())
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void reusesACheckWithinItsTimeToLive() {
		AgentStatusService service = service(Duration.ofSeconds(2), Duration.ofSeconds(3));
		assertThat(service.current().state()).isEqualTo(AgentStatus.State.HEALTHY);
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(service.current().state()).isEqualTo(AgentStatus.State.HEALTHY);
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).hasSize(1);
		this.clock.advance(Duration.ofMillis(600));
		agent.readiness("DOWN");
		assertThat(service.current().state()).isEqualTo(AgentStatus.State.UNAVAILABLE);
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).hasSize(2);
	}

	@Test
	void invalidateForcesANewCheck() {
		AgentStatusService service = service(Duration.ofMinutes(1), Duration.ofSeconds(3));
		service.current();
		service.invalidate();
		service.current();
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).hasSize(2);
	}

	@Test
	void concurrentCallersShareOneCheck() throws Exception {
		agent.readinessDelay(Duration.ofMillis(300));
		AgentStatusService service = service(Duration.ZERO, Duration.ofSeconds(3));
		List<CompletableFuture<AgentStatus>> callers = java.util.stream.IntStream.range(0, 8)
			.mapToObj((i) -> CompletableFuture.supplyAsync(service::current))
			.toList();
		for (CompletableFuture<AgentStatus> caller : callers) {
			assertThat(caller.get(5, TimeUnit.SECONDS).state()).isEqualTo(AgentStatus.State.HEALTHY);
		}
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void aCheckThatEndsBeforeItsCallerWaitsIsStillAnswered() {
		// An executor that runs the check on the caller's thread: the check is done
		// before the caller waits for it, as with a fast agent on a busy machine.
		AgentStatusService service = new AgentStatusService(this.client, Duration.ZERO, Duration.ofSeconds(3),
				this.clock, Runnable::run);
		for (int i = 0; i < 3; i++) {
			assertThat(service.current().state()).isEqualTo(AgentStatus.State.HEALTHY);
		}
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).hasSize(3);
	}

	@Test
	void aCheckThatCannotStartCountsAsUnavailable() {
		AgentStatusService service = new AgentStatusService(this.client, Duration.ZERO, Duration.ofSeconds(3),
				this.clock, (task) -> {
					throw new RejectedExecutionException("shutting down");
				});
		AgentStatus status = service.current();
		assertThat(status.state()).isEqualTo(AgentStatus.State.UNAVAILABLE);
		assertThat(status.detail()).isEqualTo("The assistant's status could not be checked.");
	}

	@Test
	void aHangingAgentCountsAsUnavailableAfterTheCheckTimeout() {
		agent.readinessDelay(Duration.ofSeconds(3));
		AgentStatusService service = service(Duration.ZERO, Duration.ofMillis(300));
		long start = System.nanoTime();
		AgentStatus status = service.current();
		assertThat(status.state()).isEqualTo(AgentStatus.State.UNAVAILABLE);
		assertThat(status.detail()).contains("did not answer a status check within 0.3 s");
		assertThat(Duration.ofNanos(System.nanoTime() - start))
			.as("ended by the 0.3 s check timeout, not by the agent's answer after 3 s")
			.isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aRecoveringPreferredModelIsDegradedButStillInUse() {
		AgentStatus status = AgentStatusService
			.fromChain(List.of(new ModelStatus("gpt-test", "openai", CircuitState.HALF_OPEN, "timeout", 5, 3),
					new ModelStatus("local", "local", CircuitState.CLOSED, null, 1, 0)), this.clock.instant());
		assertThat(status.state()).isEqualTo(AgentStatus.State.DEGRADED);
		assertThat(status.model()).isEqualTo("local");
		status = AgentStatusService.fromChain(
				List.of(new ModelStatus("gpt-test", "openai", CircuitState.HALF_OPEN, "timeout", 5, 3)),
				this.clock.instant());
		assertThat(status.state()).isEqualTo(AgentStatus.State.DEGRADED);
		assertThat(status.model()).isEqualTo("gpt-test");
		assertThat(status.detail()).contains("recovering");
	}

	@Test
	void aPreferredModelThatFailsWhileItsCircuitIsClosedMakesTheAgentDegraded() {
		AgentStatus status = AgentStatusService.fromChain(
				List.of(new ModelStatus("gpt-4o-mini", "openai", CircuitState.CLOSED, "no first token within 8 s", 6, 2,
						true), new ModelStatus("local", "local", CircuitState.CLOSED, null, 2, 0)),
				this.clock.instant());
		assertThat(status.state()).isEqualTo(AgentStatus.State.DEGRADED);
		assertThat(status.model()).isEqualTo("local");
		assertThat(status.detail()).isEqualTo(
				"gpt-4o-mini is failing (no first token within 8 s), so local answers in its place until it recovers.");
	}

	@Test
	void theModelThatAnswersInsteadIsTheFirstThatServes() {
		AgentStatus status = AgentStatusService.fromChain(List.of(
				new ModelStatus("gpt-4o-mini", "openai", CircuitState.OPEN,
						"rate limited (HTTP 429), asked to wait 20 s", 9, 7),
				new ModelStatus("claude", "anthropic", CircuitState.CLOSED, "HTTP 529 overloaded", 3, 1, true),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 3, 0)), this.clock.instant());
		assertThat(status.state()).isEqualTo(AgentStatus.State.DEGRADED);
		assertThat(status.model()).isEqualTo("local");
		assertThat(status.detail()).isEqualTo("gpt-4o-mini is failing (rate limited (HTTP 429), asked to wait 20 s),"
				+ " so local answers in its place until it recovers.");
	}

	@Test
	void aPreferredModelWhoseLastCallSucceededIsHealthyAgain() {
		AgentStatus status = AgentStatusService.fromChain(
				List.of(new ModelStatus("gpt-4o-mini", "openai", CircuitState.CLOSED, "no first token within 8 s", 9, 2,
						false), new ModelStatus("local", "local", CircuitState.CLOSED, null, 2, 0)),
				this.clock.instant());
		assertThat(status.state()).isEqualTo(AgentStatus.State.HEALTHY);
		assertThat(status.model()).isEqualTo("gpt-4o-mini");
	}

	@Test
	void neverShowsAnExceptionClassName() {
		for (String lastError : List.of("java.net.SocketTimeoutException: Read timed out",
				"SocketTimeoutException: Read timed out", "dev.langchain4j.exception.HttpException: 500",
				"timeout in io.netty.channel.AbstractChannel$AnnotatedConnectException")) {
			AgentStatus status = AgentStatusService
				.fromChain(
						List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, lastError, 5, 5),
								new ModelStatus("local", "local", CircuitState.CLOSED, null, 1, 0)),
						this.clock.instant());
			assertThat(status.detail()).as(lastError)
				.isEqualTo("gpt-test is failing, so local answers in its place until it recovers.");
		}
	}

	@Test
	void aFallbackAnswerMakesAHealthyResultOutOfDate() {
		AgentStatusService service = service(Duration.ofMinutes(1), Duration.ofSeconds(3));
		assertThat(service.current().state()).isEqualTo(AgentStatus.State.HEALTHY);
		service.observe(false);
		service.current();
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).as("an answer that agrees").hasSize(1);
		agent.models(List.of(
				new ModelStatus("gpt-test", "openai", CircuitState.CLOSED, "no first token within 8 s", 3, 1, true),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 1, 0)));
		service.observe(true);
		AgentStatus status = service.current();
		assertThat(agent.requests("GET", AgentApi.READINESS_PATH)).as("an answer that disagrees").hasSize(2);
		assertThat(status.state()).isEqualTo(AgentStatus.State.DEGRADED);
		assertThat(status.detail()).contains("no first token within 8 s");
	}

	@Test
	void aChainThatIsAllOpenIsUnavailable() {
		AgentStatus status = AgentStatusService.fromChain(
				List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, "HTTP 500", 5, 5)),
				this.clock.instant());
		assertThat(status.state()).isEqualTo(AgentStatus.State.UNAVAILABLE);
	}

	@Test
	void anAgentThatIsBackEndsTheClientsOpenCircuitAtTheNextCheck() {
		try (AgentClient guarded = AgentClient.builder()
			.baseUrl(agent.baseUrl())
			.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.builder()
				.slidingWindowSize(2)
				.minimumNumberOfCalls(2)
				.waitDurationInOpenState(Duration.ofMinutes(10))
				.build())
			.build()) {
			agent.stream(Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "boom", null)));
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(AgentServerException.class).isThrownBy(() -> {
					try (ChatStream stream = guarded.stream(ChatRequest.of("hi"))) {
						stream.iterator().forEachRemaining((event) -> {
						});
					}
				});
			}
			assertThat(guarded.circuitState()).isEqualTo(CircuitState.OPEN);
			// The agent is back: the status check's readiness probe half-opens the
			// circuit and
			// its model list is the trial call, long before the 10 minutes are over.
			AgentStatusService service = new AgentStatusService(guarded, Duration.ZERO, Duration.ofSeconds(3),
					this.clock);
			assertThat(service.current().state()).isEqualTo(AgentStatus.State.HEALTHY);
		}
	}

	private AgentStatusService service(Duration ttl, Duration timeout) {
		return new AgentStatusService(this.client, ttl, timeout, this.clock);
	}

}
