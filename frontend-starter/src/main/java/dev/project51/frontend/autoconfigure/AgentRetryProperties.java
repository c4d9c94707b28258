package dev.project51.frontend.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.project51.agent.client.RetryPolicy;
import dev.project51.server.internal.env.PropertyErrors;

/**
 * How calls to the agent are retried: only calls that are safe to repeat (reading a
 * conversation or the agent's status), and messages that provably never reached the agent
 * or that it declined with 429/503 and {@code Retry-After}; with exponential backoff and
 * jitter, honouring the agent's {@code Retry-After}.
 */
public class AgentRetryProperties {

	/**
	 * Attempts per call, the first included; 1 disables retries.
	 */
	private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;

	/**
	 * Delay before the second attempt; it doubles for each further attempt.
	 */
	private Duration initialBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF;

	/**
	 * Longest delay between two attempts, and the longest Retry-After the frontend waits
	 * for.
	 */
	private Duration maxBackoff = RetryPolicy.DEFAULT_MAX_BACKOFF;

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

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	/**
	 * The client policy these properties describe.
	 * @return the policy
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public RetryPolicy toPolicy() {
		return RetryPolicy.builder()
			.maxAttempts(this.maxAttempts)
			.initialBackoff(this.initialBackoff)
			.maxBackoff(this.maxBackoff)
			.build();
	}

	void validate(PropertyErrors problems) {
		problems.build("agent.retry", List.of("maxAttempts", "initialBackoff", "maxBackoff"), this::toPolicy);
	}

}
