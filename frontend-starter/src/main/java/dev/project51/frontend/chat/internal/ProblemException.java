package dev.project51.frontend.chat.internal;

import dev.project51.agent.contract.ProblemDetail;

/**
 * A request of the page that fails with a problem ({@code application/problem+json}).
 */
final class ProblemException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient ProblemDetail problem;

	ProblemException(ProblemDetail problem) {
		super(problem.detail(), null, false, false);
		this.problem = problem;
	}

	ProblemDetail problem() {
		return this.problem;
	}

}
