package dev.project51.agent.client;

import dev.project51.agent.contract.ProblemDetail;

/**
 * A time limit ran out: connecting ({@code connectTimeout}), the whole call
 * ({@code requestTimeout} / {@code streamTimeout}), the first stream event
 * ({@code firstTokenTimeout}), the gap between stream events ({@code idleTimeout}), or
 * the agent's own limit (HTTP 504). The exchange was closed. Retriable.
 *
 * @since 0.1.0
 */
public class AgentTimeoutException extends AgentClientException {

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 */
	public AgentTimeoutException(String message) {
		this(message, -1, null, null);
	}

	/**
	 * An exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentTimeoutException(String message, Throwable cause) {
		this(message, -1, null, cause);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1}
	 * @param problem the problem detail, may be {@code null}
	 * @param cause the cause, may be {@code null}
	 */
	public AgentTimeoutException(String message, int status, ProblemDetail problem, Throwable cause) {
		super(message, status, problem, true, cause);
	}

}
