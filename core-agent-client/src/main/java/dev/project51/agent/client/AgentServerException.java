package dev.project51.agent.client;

import dev.project51.agent.contract.ProblemDetail;

/**
 * The agent failed: HTTP 500 or another 5xx without a more specific kind. Retriable.
 *
 * @since 0.1.0
 */
public class AgentServerException extends AgentClientException {

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 */
	public AgentServerException(String message) {
		this(message, -1, null, null);
	}

	/**
	 * An exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentServerException(String message, Throwable cause) {
		this(message, -1, null, cause);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1}
	 * @param problem the problem detail, may be {@code null}
	 * @param cause the cause, may be {@code null}
	 */
	public AgentServerException(String message, int status, ProblemDetail problem, Throwable cause) {
		super(message, status, problem, true, cause);
	}

}
