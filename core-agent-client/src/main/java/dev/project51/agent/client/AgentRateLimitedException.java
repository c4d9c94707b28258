package dev.project51.agent.client;

import java.time.Duration;

import dev.project51.agent.contract.ProblemDetail;

/**
 * The agent limits the request rate of this client: HTTP 429. Wait {@link #retryAfter()}
 * before sending again. Retriable.
 *
 * @since 0.1.0
 */
public class AgentRateLimitedException extends AgentClientException {

	/** The delay the agent asked for, zero if none. */
	private final Duration retryAfter;

	/** Whether the agent asked for a delay. */
	private final boolean hasRetryAfter;

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 * @param retryAfter the delay the agent asked for, may be {@code null} if it gave
	 * none
	 */
	public AgentRateLimitedException(String message, Duration retryAfter) {
		this(message, retryAfter, null);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param retryAfter the delay the agent asked for, may be {@code null} if it gave
	 * none
	 * @param problem the problem detail, may be {@code null}
	 */
	public AgentRateLimitedException(String message, Duration retryAfter, ProblemDetail problem) {
		super(message, 429, problem, true, null);
		this.retryAfter = (retryAfter != null) ? retryAfter : Duration.ZERO;
		this.hasRetryAfter = retryAfter != null;
	}

	/**
	 * How long to wait before sending again ({@code Retry-After}).
	 * @return the delay; {@link Duration#ZERO} if the agent gave none
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the agent said how long to wait.
	 * @return {@code true} if {@link #retryAfter()} came from the agent
	 */
	public boolean hasRetryAfter() {
		return this.hasRetryAfter;
	}

}
