package dev.project51.agent.client;

import dev.project51.agent.contract.ProblemDetail;

/**
 * The agent's answer broke the contract: malformed JSON, a wrong content type, a body
 * larger than {@code maxResponseBytes}, a broken event stream, an unexpected status. Not
 * retriable: sending the same request again would most likely get the same answer.
 *
 * @since 0.1.0
 */
public class AgentProtocolException extends AgentClientException {

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 */
	public AgentProtocolException(String message) {
		this(message, -1, null, null);
	}

	/**
	 * An exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentProtocolException(String message, Throwable cause) {
		this(message, -1, null, cause);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1}
	 * @param problem the problem detail, may be {@code null}
	 * @param cause the cause, may be {@code null}
	 */
	public AgentProtocolException(String message, int status, ProblemDetail problem, Throwable cause) {
		super(message, status, problem, false, cause);
	}

}
