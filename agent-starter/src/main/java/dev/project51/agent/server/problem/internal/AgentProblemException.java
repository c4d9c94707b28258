package dev.project51.agent.server.problem.internal;

import java.time.Duration;
import java.util.List;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;

/**
 * A request the agent answers with an error of one of the contract's {@link ProblemType
 * kinds}; the detail says what went wrong and how to fix it and never holds a stack trace
 * or a secret.
 *
 * @since 0.1.0
 */
public class AgentProblemException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private final transient List<ProblemDetail.FieldError> errors;

	private final transient Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param type the error kind
	 * @param detail what went wrong and how to fix it
	 */
	public AgentProblemException(ProblemType type, String detail) {
		this(type, detail, List.of(), null);
	}

	/**
	 * Creates an exception.
	 * @param type the error kind
	 * @param detail what went wrong and how to fix it
	 * @param errors the offending fields, never {@code null}
	 * @param retryAfter how long to wait before retrying, or {@code null}
	 */
	public AgentProblemException(ProblemType type, String detail, List<ProblemDetail.FieldError> errors,
			Duration retryAfter) {
		super(detail);
		this.type = type;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	/**
	 * The error kind.
	 * @return the kind
	 */
	public ProblemType type() {
		return this.type;
	}

	/**
	 * How long to wait before retrying.
	 * @return the wait, or {@code null}
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * The problem body.
	 * @param instance the request path, may be {@code null}
	 * @return the problem
	 */
	public ProblemDetail toProblem(String instance) {
		ProblemDetail problem = ProblemDetail.of(this.type, getMessage(), instance);
		if (!this.errors.isEmpty()) {
			problem = problem.withErrors(this.errors);
		}
		if (this.retryAfter != null) {
			problem = problem.withRetryAfterSeconds(RetryAfter.seconds(this.retryAfter));
		}
		return problem;
	}

}
