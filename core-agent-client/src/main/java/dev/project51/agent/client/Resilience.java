package dev.project51.agent.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.project51.agent.contract.CircuitState;

/**
 * The resilience of one client: retries (resilience4j) around its circuit breaker
 * (resilience4j), which failures each one counts and retries, how long to wait, and the
 * circuit's state as the client reports it.
 */
final class Resilience {

	private static final Logger logger = LoggerFactory.getLogger(AgentClient.class);

	private final URI baseUrl;

	private final RetryPolicy retryPolicy;

	private final CircuitBreakerPolicy circuitBreakerPolicy;

	private final Clock clock;

	private final ListenerCalls listener;

	private final Retry idempotentRetry;

	private final Retry chatRetry;

	private final CircuitBreaker circuitBreaker;

	private volatile Instant openedAt;

	/** The breaker's state as last reported; guarded by itself while it changes. */
	private volatile CircuitBreaker.State reportedState = CircuitBreaker.State.CLOSED;

	private final Object reporting = new Object();

	Resilience(AgentClientBuilder settings, ListenerCalls listener) {
		this.retryPolicy = settings.retryPolicy;
		this.circuitBreakerPolicy = settings.circuitBreaker;
		this.clock = settings.clock;
		this.baseUrl = settings.baseUrl;
		this.listener = listener;
		IntervalFunction backoff = (this.retryPolicy.jitter() > 0)
				? IntervalFunction.ofExponentialRandomBackoff(this.retryPolicy.initialBackoff(),
						this.retryPolicy.multiplier(), this.retryPolicy.jitter(), this.retryPolicy.maxBackoff())
				: IntervalFunction.ofExponentialBackoff(this.retryPolicy.initialBackoff(),
						this.retryPolicy.multiplier(), this.retryPolicy.maxBackoff());
		this.idempotentRetry = retry("idempotent", backoff, true);
		this.chatRetry = retry("chat", backoff, false);
		this.circuitBreaker = this.circuitBreakerPolicy.isEnabled() ? circuitBreaker() : null;
	}

	/**
	 * The retry of idempotent calls, or of chats (retried only when the agent provably
	 * did not process them).
	 */
	Retry retry(boolean idempotent) {
		return idempotent ? this.idempotentRetry : this.chatRetry;
	}

	private Retry retry(String name, IntervalFunction backoff, boolean idempotent) {
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(this.retryPolicy.maxAttempts())
			.retryOnException((failure) -> isRetried(failure, idempotent))
			.intervalBiFunction(
					(attempt, outcome) -> delayBefore(attempt, outcome.isLeft() ? outcome.getLeft() : null, backoff))
			.failAfterMaxAttempts(false)
			.build();
		return Retry.of("agent-client-" + name, config);
	}

	private CircuitBreaker circuitBreaker() {
		CircuitBreakerPolicy policy = this.circuitBreakerPolicy;
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.failureRateThreshold(policy.failureRateThreshold())
			.slidingWindow(policy.slidingWindowSize(), policy.minimumNumberOfCalls(),
					CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.waitDurationInOpenState(policy.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(policy.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordException(Resilience::isServerSideFailure)
			.ignoreException(Resilience::isNeutral)
			.clock(this.clock)
			.writableStackTraceEnabled(false)
			.build();
		// No consumer on the breaker's event publisher: with one, the breaker builds a
		// timestamped event for every call; state changes are observed after each call.
		CircuitBreaker breaker = CircuitBreaker.of("agent-client", config);
		return breaker;
	}

	/**
	 * Reports the breaker's state if it changed since it was last reported: once, by the
	 * thread that sees the change first, after the breaker call that made it.
	 */
	private void observeState() {
		CircuitBreaker breaker = this.circuitBreaker;
		if (breaker == null || breaker.getState() == this.reportedState) {
			return;
		}
		synchronized (this.reporting) {
			CircuitBreaker.State from = this.reportedState;
			CircuitBreaker.State to = breaker.getState();
			if (from == to) {
				return;
			}
			this.reportedState = to;
			CircuitState fromState = circuitState(from);
			CircuitState toState = circuitState(to);
			if (fromState != toState) {
				this.listener.call((listener) -> listener.circuitStateChanged(fromState, toState));
			}
			if (to == CircuitBreaker.State.OPEN) {
				this.openedAt = this.clock.instant();
				logger.warn("Circuit breaker for agent {} opened (failure rate {}%): calls fail fast for {}",
						this.baseUrl, breaker.getMetrics().getFailureRate(),
						this.circuitBreakerPolicy.waitDurationInOpenState());
			}
			else {
				logger.info("Circuit breaker for agent {}: State transition from {} to {}", this.baseUrl, from, to);
			}
		}
	}

	private static CircuitState circuitState(CircuitBreaker.State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			default -> CircuitState.CLOSED;
		};
	}

	/**
	 * Whether a failure tells that the agent is in trouble (counts against the circuit).
	 */
	static boolean isServerSideFailure(Throwable failure) {
		return failure instanceof AgentServerException || failure instanceof AgentTimeoutException
				|| failure instanceof AgentUnavailableException || failure instanceof AgentProtocolException;
	}

	/**
	 * Whether a failure says nothing about the agent's health (neither success nor
	 * failure for the circuit): rate limiting, interruption, a listener's own failure.
	 */
	static boolean isNeutral(Throwable failure) {
		return !(failure instanceof AgentClientException) || failure instanceof AgentRateLimitedException
				|| failure instanceof StreamCall.ListenerFailure || failure.getClass() == AgentClientException.class;
	}

	private static boolean isRetried(Throwable failure, boolean idempotent) {
		if (!(failure instanceof AgentClientException exception) || !exception.isRetriable()) {
			return false;
		}
		if (exception instanceof AgentUnavailableException unavailable && unavailable.isCircuitOpen()) {
			return false;
		}
		if (idempotent || exception.isRequestNotSent()) {
			return true;
		}
		// A chat the agent declined without processing it: 429 or 503 with Retry-After.
		return (exception instanceof AgentRateLimitedException rateLimited && rateLimited.hasRetryAfter())
				|| (exception instanceof AgentUnavailableException unavailable && exception.status() == 503
						&& unavailable.retryAfter().isPresent());
	}

	private long delayBefore(int attempt, Throwable failure, IntervalFunction backoff) {
		Duration retryAfter = null;
		if (failure instanceof AgentRateLimitedException rateLimited && rateLimited.hasRetryAfter()) {
			retryAfter = rateLimited.retryAfter();
		}
		else if (failure instanceof AgentUnavailableException unavailable && !unavailable.isCircuitOpen()) {
			retryAfter = unavailable.retryAfter().orElse(null);
		}
		if (retryAfter != null) {
			// Honour the agent's wish, unless it is longer than we are willing to wait.
			return (retryAfter.compareTo(this.retryPolicy.maxBackoff()) <= 0) ? retryAfter.toMillis() : -1;
		}
		return backoff.apply(attempt);
	}

	/**
	 * Decides and logs whether to retry after a failed attempt.
	 */
	boolean mayRetry(String call, AgentClientException failure, int attempt, long delayMillis, long deadline) {
		if (delayMillis < 0) {
			if (attempt > 1 || failure.isRetriable()) {
				logger.debug("{} failed on attempt {}, not retried: {}", call, attempt, failure.getMessage());
			}
			return false;
		}
		if (TimeUnit.MILLISECONDS.toNanos(delayMillis) >= deadline - System.nanoTime()) {
			logger.info("{} failed on attempt {}; no time left to retry within the time limit: {}", call, attempt,
					failure.getMessage());
			return false;
		}
		logger.info("{} failed on attempt {} of {}; retrying in {} ms: {}", call, attempt,
				this.retryPolicy.maxAttempts(), delayMillis, failure.getMessage());
		this.listener.call((listener) -> listener.retrying(call, attempt, failure));
		return true;
	}

	/** One attempt through the circuit breaker. */
	@FunctionalInterface
	interface Attempt<T> {

		T run();

	}

	<T> T guarded(Call call, Attempt<T> attempt) {
		Guard guard = guard(call);
		try {
			T result = attempt.run();
			guard.succeeded();
			return result;
		}
		catch (RuntimeException | Error ex) {
			guard.failed(ex);
			throw ex;
		}
	}

	/**
	 * Lets one attempt through the circuit breaker, for an attempt that does not fit in
	 * one method call (a stream read event by event); settle the guard exactly once.
	 * @throws AgentUnavailableException if the circuit is open
	 */
	Guard guard(Call call) {
		CircuitBreaker breaker = call.guarded() ? this.circuitBreaker : null;
		if (breaker != null) {
			boolean permitted = breaker.tryAcquirePermission();
			observeState();
			if (!permitted) {
				throw circuitOpen(call.describe());
			}
		}
		return new Guard(breaker);
	}

	/** An attempt admitted by the circuit breaker, until its outcome is known. */
	final class Guard {

		private final CircuitBreaker breaker;

		private final long start = System.nanoTime();

		private Guard(CircuitBreaker breaker) {
			this.breaker = breaker;
		}

		void succeeded() {
			if (this.breaker != null) {
				this.breaker.onSuccess(System.nanoTime() - this.start, TimeUnit.NANOSECONDS);
				observeState();
			}
		}

		void failed(Throwable failure) {
			if (this.breaker == null) {
				return;
			}
			if (failure instanceof AgentClientException) {
				this.breaker.onError(System.nanoTime() - this.start, TimeUnit.NANOSECONDS, failure);
			}
			else {
				this.breaker.releasePermission();
			}
			observeState();
		}

	}

	private AgentUnavailableException circuitOpen(String call) {
		return new AgentUnavailableException(
				call + " not sent: the agent at " + this.baseUrl + " failed repeatedly and this client's circuit "
						+ "breaker is open; it lets trial calls through after "
						+ this.circuitBreakerPolicy.waitDurationInOpenState(),
				-1, null, this.circuitBreakerPolicy.waitDurationInOpenState(), null)
			.markCircuitOpen();
	}

	CircuitState circuitState() {
		if (this.circuitBreaker == null) {
			return CircuitState.CLOSED;
		}
		switch (this.circuitBreaker.getState()) {
			case OPEN:
				// The breaker moves to half-open lazily, on the next call: report what
				// that
				// call will find.
				Instant opened = this.openedAt;
				if (opened != null && this.clock.instant()
					.isAfter(opened.plus(this.circuitBreakerPolicy.waitDurationInOpenState()))) {
					return CircuitState.HALF_OPEN;
				}
				return CircuitState.OPEN;
			case FORCED_OPEN:
				return CircuitState.OPEN;
			case HALF_OPEN:
				return CircuitState.HALF_OPEN;
			default:
				return CircuitState.CLOSED;
		}
	}

	/**
	 * The agent says it is ready: if the circuit is open, trial calls decide now, not
	 * after the wait.
	 */
	void agentReady() {
		if (this.circuitBreaker != null && this.circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
			// The agent says it is ready: trial calls decide now, not after the wait.
			try {
				this.circuitBreaker.transitionToHalfOpenState();
			}
			catch (IllegalStateTransitionException ex) {
				// Another thread closed the circuit in the meantime.
			}
			observeState();
		}
	}

}
