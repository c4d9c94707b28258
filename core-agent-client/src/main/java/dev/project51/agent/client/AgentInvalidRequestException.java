package dev.project51.agent.client;

import dev.project51.agent.contract.ProblemDetail;

/**
 * The agent rejected the request (HTTP 400, 409, 413, 415, 422 and other 4xx), or the
 * client refused to send it because it is invalid. {@link #problem()} carries the agent's
 * problem detail, including the offending fields. Not retriable.
 *
 * @since 0.1.0
 */
public class AgentInvalidRequestException extends AgentClientException {

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 */
	public AgentInvalidRequestException(String message) {
		this(message, -1, null, null);
	}

	/**
	 * An exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentInvalidRequestException(String message, Throwable cause) {
		this(message, -1, null, cause);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1}
	 * @param problem the problem detail, may be {@code null}
	 * @param cause the cause, may be {@code null}
	 */
	public AgentInvalidRequestException(String message, int status, ProblemDetail problem, Throwable cause) {
		super(message, status, problem, false, cause);
	}

}
