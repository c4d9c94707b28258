package dev.project51.agent.server.failover;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.project51.agent.contract.CircuitState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;

/**
 * A {@link FailoverPolicy} in resilience4j's terms: the circuit breaker and retry of each
 * model of a {@link ModelChain}, and the circuit states the agent reports.
 */
final class ModelResilience {

	private ModelResilience() {
	}

	/**
	 * The circuit breaker of each model: opens on failures or slow first tokens, and
	 * half-opens only for the chain's own probes.
	 */
	static CircuitBreakerConfig circuitBreaker(FailoverPolicy policy, Clock clock) {
		return CircuitBreakerConfig.custom()
			.slidingWindow(policy.slidingWindowSize(),
					Math.min(policy.minimumNumberOfCalls(), policy.slidingWindowSize()),
					CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(policy.failureRateThreshold())
			.slowCallDurationThreshold(policy.slowCallDurationThreshold())
			.slowCallRateThreshold(policy.slowCallRateThreshold())
			.waitDurationInOpenState(policy.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.clock(clock)
			.build();
	}

	/** The state the agent reports for a resilience4j circuit state. */
	static CircuitState circuitState(CircuitBreaker.State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			default -> CircuitState.CLOSED;
		};
	}

	/**
	 * The retry of each model: transient failures only, jittered exponential backoff or
	 * the provider's {@code Retry-After} up to the policy's cap.
	 */
	static RetryConfig retry(FailoverPolicy policy) {
		IntervalFunction backoff = (policy.jitter() > 0)
				? IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(), policy.backoffMultiplier(),
						policy.jitter(), policy.maxBackoff())
				: IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), policy.backoffMultiplier(),
						policy.maxBackoff());
		Duration cap = policy.maxRetryAfter();
		return RetryConfig.custom()
			.maxAttempts(policy.maxAttempts())
			.retryOnException(Failures::isTransient)
			.intervalBiFunction((attempt, outcome) -> {
				Optional<Duration> retryAfter = outcome.isLeft() ? Failures.retryAfter(outcome.getLeft())
						: Optional.empty();
				if (retryAfter.isPresent() && !cap.isZero()) {
					Duration wait = (retryAfter.get().compareTo(cap) > 0) ? cap : retryAfter.get();
					return wait.toMillis();
				}
				return backoff.apply(attempt);
			})
			.failAfterMaxAttempts(false)
			.build();
	}

}
