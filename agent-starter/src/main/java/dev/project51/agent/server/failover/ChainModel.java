package dev.project51.agent.server.failover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ModelStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * One model of a {@link ModelChain}: its LangChain4j model, the circuit breaker and retry
 * in front of it, and what {@code GET /api/v1/models} reports about it.
 *
 * @since 0.1.0
 */
public final class ChainModel {

	private final String name;

	private final String provider;

	private final StreamingChatModel streamingChatModel;

	private final ChatModel inProcessChatModel;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Clock clock;

	private final FailoverMetrics metrics;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile String lastError;

	private volatile boolean failing;

	private volatile Instant nextProbe;

	ChainModel(String name, String provider, StreamingChatModel streamingChatModel, ChatModel inProcessChatModel,
			CircuitBreaker circuitBreaker, Retry retry, Clock clock, FailoverMetrics metrics) {
		this.name = name;
		this.provider = provider;
		this.streamingChatModel = streamingChatModel;
		this.inProcessChatModel = inProcessChatModel;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * The name shown to users and reported in every answer.
	 * @return the name, e.g. {@code gpt-4o-mini} or {@code local}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The provider kind.
	 * @return e.g. {@code openai}, {@code anthropic}, {@code gemini},
	 * {@code openai-compatible} or {@code local}
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The streaming model every call of the chain goes through (blocking calls collect
	 * its answer), except blocking calls of an in-process model.
	 * @return the model
	 */
	public StreamingChatModel streamingChatModel() {
		return this.streamingChatModel;
	}

	/**
	 * Whether the model runs in this process (the local model): it cannot hang on a
	 * network, and blocking calls use its blocking API.
	 * @return {@code true} for an in-process model
	 */
	public boolean isInProcess() {
		return this.inProcessChatModel != null;
	}

	/**
	 * The state of the circuit breaker.
	 * @return the state
	 */
	public CircuitState state() {
		return ModelResilience.circuitState(this.circuitBreaker.getState());
	}

	/**
	 * Whether the model takes calls now: its circuit is closed. An open circuit is probed
	 * in the background and closes when a probe answers in time; user calls never wait
	 * for a probe.
	 * @return {@code true} if calls go to this model
	 */
	public boolean isAvailable() {
		return state() == CircuitState.CLOSED;
	}

	/**
	 * The status reported by {@code GET /api/v1/models}.
	 * @return the status
	 */
	public ModelStatus status() {
		CircuitState state = state();
		return new ModelStatus(this.name, this.provider, state, this.lastError, this.calls.get(), this.failures.get(),
				this.failing || state != CircuitState.CLOSED);
	}

	/**
	 * How long until the next probe of an open circuit.
	 * @return zero when the model is available or a probe is due
	 */
	Duration untilNextProbe() {
		if (isAvailable()) {
			return Duration.ZERO;
		}
		Instant next = this.nextProbe;
		if (next == null) {
			return Duration.ZERO;
		}
		Duration remaining = Duration.between(this.clock.instant(), next);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	ChatModel inProcessChatModel() {
		return this.inProcessChatModel;
	}

	Retry retry() {
		return this.retry;
	}

	CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The last failure of this model as a sentence for people, e.g. {@code no first token
	 * within 6 s}.
	 * @return the description, or {@code null} before the first failure
	 */
	public String lastError() {
		return this.lastError;
	}

	void nextProbe(Instant at) {
		this.nextProbe = at;
	}

	Instant nextProbe() {
		return this.nextProbe;
	}

	/**
	 * A call answered; {@code firstTokenNanos} is how long its first token took, which
	 * makes it slow above the policy's threshold.
	 */
	void recordSuccess(long firstTokenNanos, Duration slowThreshold) {
		this.calls.incrementAndGet();
		if (firstTokenNanos > slowThreshold.toNanos()) {
			this.metrics.recordSlowCall(this);
			this.failing = true;
			this.lastError = "slow: first token after " + Failures.seconds(Duration.ofNanos(firstTokenNanos))
					+ " (slow above " + Failures.seconds(slowThreshold) + ")";
		}
		else {
			this.failing = false;
		}
		this.circuitBreaker.onSuccess(firstTokenNanos, TimeUnit.NANOSECONDS);
		this.metrics.recordCall(this, firstTokenNanos, true, null);
	}

	void recordFailure(long nanos, Throwable failure) {
		this.calls.incrementAndGet();
		this.failures.incrementAndGet();
		this.failing = true;
		this.lastError = Failures.describe(failure);
		this.circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
		this.metrics.recordCall(this, nanos, false, failure);
	}

	/** A call that ended without an outcome (the caller went away). */
	void recordAbandoned() {
		this.circuitBreaker.releasePermission();
	}

	/** A probe of the open circuit answered in time: calls go to the model again. */
	void recordRecovered() {
		this.metrics.recordProbe(this, "recovered");
		this.failing = false;
		this.circuitBreaker.transitionToClosedState();
	}

	/** A probe of the open circuit failed. */
	void recordProbeFailure(Throwable failure) {
		this.metrics.recordProbe(this, (failure instanceof Prober.SlowProbeException) ? "slow" : "failed");
		this.lastError = Failures.describe(failure);
		this.failing = true;
	}

	/**
	 * Keeps the circuit open for at least the given time (a provider's
	 * {@code Retry-After} longer than the call could wait).
	 */
	void holdOpen(Duration duration, Throwable cause) {
		this.lastError = Failures.describe(cause);
		this.failing = true;
		Instant until = this.clock.instant().plus(duration);
		if (this.circuitBreaker.getState() != CircuitBreaker.State.OPEN) {
			this.nextProbe = until;
			this.circuitBreaker.transitionToOpenState();
		}
		Instant planned = this.nextProbe;
		if (planned == null || planned.isBefore(until)) {
			this.nextProbe = until;
		}
	}

	@Override
	public String toString() {
		return "ChainModel[" + this.name + " (" + this.provider + "), " + state() + "]";
	}

}
