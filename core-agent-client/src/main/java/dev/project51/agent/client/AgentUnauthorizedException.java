package dev.project51.agent.client;

import dev.project51.agent.contract.ProblemDetail;

/**
 * The agent refused the credentials: HTTP 401 or 403. Check the API token
 * ({@code AGENT_API_TOKEN}). Not retriable.
 *
 * @since 0.1.0
 */
public class AgentUnauthorizedException extends AgentClientException {

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 */
	public AgentUnauthorizedException(String message) {
		this(message, -1, null, null);
	}

	/**
	 * An exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentUnauthorizedException(String message, Throwable cause) {
		this(message, -1, null, cause);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1}
	 * @param problem the problem detail, may be {@code null}
	 * @param cause the cause, may be {@code null}
	 */
	public AgentUnauthorizedException(String message, int status, ProblemDetail problem, Throwable cause) {
		super(message, status, problem, false, cause);
	}

}
