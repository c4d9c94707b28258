package dev.project51.agent.server.failover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ModelStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One model of a {@link ModelChain}: the LangChain4j models (blocking and streaming), the
 * circuit breaker in front of them, and call statistics.
 *
 * @since 0.1.0
 */
public final class ChainModel {

	private final String name;

	private final String provider;

	private final ChatModel chatModel;

	private final StreamingChatModel streamingChatModel;

	private final Duration callTimeout;

	private final CircuitBreaker circuitBreaker;

	private final Duration waitDurationInOpenState;

	private final Clock clock;

	private final FailoverMetrics metrics;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile String lastError;

	private volatile Instant openedAt;

	ChainModel(String name, String provider, ChatModel chatModel, StreamingChatModel streamingChatModel,
			Duration callTimeout, CircuitBreaker circuitBreaker, Duration waitDurationInOpenState, Clock clock,
			FailoverMetrics metrics) {
		this.name = name;
		this.callTimeout = callTimeout;
		this.provider = provider;
		this.chatModel = chatModel;
		this.streamingChatModel = streamingChatModel;
		this.circuitBreaker = circuitBreaker;
		this.waitDurationInOpenState = waitDurationInOpenState;
		this.clock = clock;
		this.metrics = metrics;
		circuitBreaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				this.openedAt = clock.instant();
			}
		});
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
	 * The blocking model behind the circuit breaker.
	 * @return the model
	 */
	public ChatModel chatModel() {
		return this.chatModel;
	}

	/**
	 * The streaming model behind the circuit breaker.
	 * @return the model
	 */
	public StreamingChatModel streamingChatModel() {
		return this.streamingChatModel;
	}

	/**
	 * One blocking call to the model, abandoned at the call timeout (see
	 * {@link ModelChain.Builder#model(String, String, ChatModel, StreamingChatModel, Duration)}).
	 * @param request the request
	 * @param executor runs the call when there is a deadline
	 * @return the response
	 * @throws dev.langchain4j.exception.TimeoutException when the deadline passes
	 */
	ChatResponse chat(ChatRequest request, ExecutorService executor) {
		if (this.callTimeout.isZero()) {
			return this.chatModel.chat(request);
		}
		Future<ChatResponse> call = executor.submit(() -> this.chatModel.chat(request));
		try {
			return call.get(this.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// Interrupting the call makes the JDK HTTP client abort the exchange.
			call.cancel(true);
			throw new dev.langchain4j.exception.TimeoutException(
					"no complete answer within " + this.callTimeout.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while waiting for model '" + this.name + "'");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * The state of the circuit breaker.
	 * @return the state
	 */
	public CircuitState state() {
		return switch (this.circuitBreaker.getState()) {
			case CLOSED, DISABLED, METRICS_ONLY -> CircuitState.CLOSED;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
		};
	}

	/**
	 * Whether the model may be called now or on the next call: its circuit is closed or
	 * half-open, or open with its wait duration elapsed (the next call is a probe).
	 * @return {@code true} if available
	 */
	public boolean isAvailable() {
		return switch (this.circuitBreaker.getState()) {
			case CLOSED, DISABLED, METRICS_ONLY, HALF_OPEN -> true;
			case FORCED_OPEN -> false;
			case OPEN -> remainingOpen().isZero();
		};
	}

	/**
	 * The status reported by {@code GET /api/v1/models}.
	 * @return the status
	 */
	public ModelStatus status() {
		return new ModelStatus(this.name, this.provider, state(), this.lastError, this.calls.get(),
				this.failures.get());
	}

	Duration remainingOpen() {
		Instant opened = this.openedAt;
		if (opened == null) {
			return Duration.ZERO;
		}
		Duration remaining = Duration.between(this.clock.instant(), opened.plus(this.waitDurationInOpenState));
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	boolean tryAcquirePermission() {
		return this.circuitBreaker.tryAcquirePermission();
	}

	void releasePermission() {
		this.circuitBreaker.releasePermission();
	}

	void onSuccess(long nanos) {
		this.calls.incrementAndGet();
		this.circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		this.metrics.recordCall(this, nanos, true);
	}

	void onError(long nanos, Throwable failure) {
		this.calls.incrementAndGet();
		this.failures.incrementAndGet();
		this.lastError = Failures.describe(failure);
		this.circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
		this.metrics.recordCall(this, nanos, false);
	}

	String lastError() {
		return this.lastError;
	}

	CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	@Override
	public String toString() {
		return "ChainModel[" + this.name + " (" + this.provider + "), " + state() + "]";
	}

}
