package dev.project51.agent.client;

import java.util.Optional;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;

/**
 * Base of every failure reported by an {@link AgentClient}. Unchecked.
 * <p>
 * {@link #isRetriable()} says whether the failure is transient (a later attempt may
 * succeed). The client already retried what was safe to retry before throwing; whether to
 * send a {@code chat} again is the caller's decision, because the agent may have
 * processed it.
 *
 * @since 0.1.0
 */
public class AgentClientException extends RuntimeException {

	/** The HTTP status, or -1. */
	private final int status;

	/**
	 * The agent's problem detail, if any (not serialized: records are not serializable).
	 */
	private final transient ProblemDetail problem;

	/** Whether the failure is transient. */
	private final boolean retriable;

	/** Whether the request provably never reached the agent. */
	private boolean requestNotSent;

	/**
	 * A failure that fits no more specific kind (for example the calling thread was
	 * interrupted, or a stream listener threw). Not retriable.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentClientException(String message, Throwable cause) {
		this(message, -1, null, false, cause);
	}

	/**
	 * A failure with all its attributes.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1} if there was no response
	 * @param problem the problem detail the agent answered, may be {@code null}
	 * @param retriable whether the failure is transient
	 * @param cause the cause, may be {@code null}
	 */
	protected AgentClientException(String message, int status, ProblemDetail problem, boolean retriable,
			Throwable cause) {
		super(message, cause);
		this.status = status;
		this.problem = problem;
		this.retriable = retriable;
	}

	/**
	 * Whether the failure is transient, so that the same request may succeed later.
	 * @return {@code true} if retriable
	 */
	public boolean isRetriable() {
		return this.retriable;
	}

	/**
	 * The {@code application/problem+json} body the agent answered, if any.
	 * @return the problem detail
	 */
	public Optional<ProblemDetail> problem() {
		return Optional.ofNullable(this.problem);
	}

	/**
	 * The kind of the agent's problem, by its type URI: the contract's
	 * {@link ProblemType}, the one definition the agent's answers are written with.
	 * @return the kind, empty if the agent sent no problem or one of a type the contract
	 * does not define
	 * @since 0.1.0
	 */
	public Optional<ProblemType> problemType() {
		return problem().map((problem) -> ProblemType.fromUri(problem.type()));
	}

	/**
	 * The HTTP status of the response, or of the stream {@code error} event's problem.
	 * @return the status, or {@code -1} if no response was received
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Whether the request provably never reached the agent (connection refused, connect
	 * timeout, unknown host, circuit breaker open), so that sending it again cannot
	 * duplicate work.
	 * @return {@code true} if the request was not sent
	 */
	public boolean isRequestNotSent() {
		return this.requestNotSent;
	}

	AgentClientException markRequestNotSent() {
		this.requestNotSent = true;
		return this;
	}

}
