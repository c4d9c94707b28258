package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.server.internal.env.PropertyErrors;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Retries, circuit breakers and watchdogs of the failover chain. Every model call streams
 * (blocking ones collect the answer) ({@code project51.agent.failover.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class FailoverProperties {

	/**
	 * Attempts per model and call, the first included; only transient errors (5xx, 408,
	 * 429, broken connections, empty answers) are retried, and only within the model's
	 * first-token budget.
	 */
	private int maxAttempts = FailoverPolicy.DEFAULT_MAX_ATTEMPTS;

	/**
	 * Nominal wait before the first retry (then multiplied, randomized by the jitter).
	 */
	private Duration initialBackoff = FailoverPolicy.DEFAULT_INITIAL_BACKOFF;

	/**
	 * Factor applied to the wait after each retry.
	 */
	private double backoffMultiplier = FailoverPolicy.DEFAULT_BACKOFF_MULTIPLIER;

	/**
	 * Longest wait between two attempts.
	 */
	private Duration maxBackoff = FailoverPolicy.DEFAULT_MAX_BACKOFF;

	/**
	 * Randomization of each wait, as a fraction of it (0.5: within +-50 %).
	 */
	private double jitter = FailoverPolicy.DEFAULT_JITTER;

	/**
	 * A model's first-token budget: from its first attempt to its first token
	 * (connecting, retries and backoff included). When it is spent the call moves to the
	 * next model of the chain.
	 */
	private Duration firstTokenTimeout = FailoverPolicy.DEFAULT_FIRST_TOKEN_TIMEOUT;

	/**
	 * Longest silence of a model after its first token; a model that keeps sending within
	 * it is never cut off, however slow. When it passes, the answer ends as interrupted.
	 */
	private Duration idleTimeout = FailoverPolicy.DEFAULT_IDLE_TIMEOUT;

	/**
	 * Longest Retry-After of a provider that is honoured: a shorter one that fits in the
	 * first-token budget is waited for before the retry; a longer one keeps the model's
	 * circuit open that long (cut to this value). 0 ignores Retry-After.
	 */
	private Duration maxRetryAfter = FailoverPolicy.DEFAULT_MAX_RETRY_AFTER;

	/**
	 * The circuit breaker in front of each model.
	 */
	@NestedConfigurationProperty
	private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public double getBackoffMultiplier() {
		return this.backoffMultiplier;
	}

	public void setBackoffMultiplier(double backoffMultiplier) {
		this.backoffMultiplier = backoffMultiplier;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public Duration getFirstTokenTimeout() {
		return this.firstTokenTimeout;
	}

	public void setFirstTokenTimeout(Duration firstTokenTimeout) {
		this.firstTokenTimeout = firstTokenTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getMaxRetryAfter() {
		return this.maxRetryAfter;
	}

	public void setMaxRetryAfter(Duration maxRetryAfter) {
		this.maxRetryAfter = maxRetryAfter;
	}

	public CircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The failover policy these properties describe. The defaults and the rules of every
	 * value are the policy's ({@link FailoverPolicy}).
	 * @return the policy
	 * @throws IllegalArgumentException if a value is out of range or the slow-call
	 * threshold exceeds the first-token timeout
	 */
	public FailoverPolicy toPolicy() {
		return apply(FailoverPolicy.builder(), null).build();
	}

	/**
	 * Reports each value the policy's builder refuses as an error of its property, with
	 * the builder's message. The slow-call threshold's bound is part of the timeout
	 * budget ({@link TimeoutBudget}).
	 */
	void validate(PropertyErrors problems) {
		apply(FailoverPolicy.builder(), problems);
	}

	/**
	 * Sets every value on the builder; with {@code problems}, a refused value is rejected
	 * and the others are still checked, without, the first refusal throws.
	 */
	private FailoverPolicy.Builder apply(FailoverPolicy.Builder policy, PropertyErrors problems) {
		CircuitBreakerProperties breaker = this.circuitBreaker;
		set(problems, "maxAttempts", () -> policy.maxAttempts(this.maxAttempts));
		set(problems, "initialBackoff", () -> policy.initialBackoff(this.initialBackoff));
		set(problems, "backoffMultiplier", () -> policy.backoffMultiplier(this.backoffMultiplier));
		set(problems, "maxBackoff", () -> policy.maxBackoff(this.maxBackoff));
		set(problems, "jitter", () -> policy.jitter(this.jitter));
		set(problems, "firstTokenTimeout", () -> policy.firstTokenTimeout(this.firstTokenTimeout));
		set(problems, "idleTimeout", () -> policy.idleTimeout(this.idleTimeout));
		set(problems, "maxRetryAfter", () -> policy.maxRetryAfter(this.maxRetryAfter));
		set(problems, "circuitBreaker.slidingWindowSize",
				() -> policy.slidingWindowSize(breaker.getSlidingWindowSize()));
		set(problems, "circuitBreaker.minimumNumberOfCalls",
				() -> policy.minimumNumberOfCalls(breaker.getMinimumNumberOfCalls()));
		set(problems, "circuitBreaker.failureRateThreshold",
				() -> policy.failureRateThreshold(breaker.getFailureRateThreshold()));
		set(problems, "circuitBreaker.slowCallDurationThreshold",
				() -> policy.slowCallDurationThreshold(breaker.getSlowCallDurationThreshold()));
		set(problems, "circuitBreaker.slowCallRateThreshold",
				() -> policy.slowCallRateThreshold(breaker.getSlowCallRateThreshold()));
		set(problems, "circuitBreaker.waitDurationInOpenState",
				() -> policy.waitDurationInOpenState(breaker.getWaitDurationInOpenState()));
		return policy;
	}

	/**
	 * Runs one setter of the policy's builder: a refusal throws, or with {@code problems}
	 * becomes an error of the property.
	 */
	private static void set(PropertyErrors problems, String property, Runnable setter) {
		if (problems == null) {
			setter.run();
		}
		else {
			problems.check("failover." + property, setter);
		}
	}

}
