package dev.project51.frontend.problem.internal;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemJson;

/**
 * The frontend's problems (the agent contract's {@link ProblemDetail}) for the filters
 * that refuse a request before it reaches a controller; {@link ProblemJson} sends them.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * A problem of a contract type.
	 * @param type the type, whose URI and title the problem gets
	 * @param status the status, usually {@code type.status()}
	 * @param detail what went wrong and what to do
	 * @param instance the request URI, may be {@code null}
	 * @param traceId the trace id of the request, may be {@code null}
	 * @return the problem
	 */
	public static ProblemDetail of(ProblemType type, int status, String detail, String instance, String traceId) {
		return new ProblemDetail(type.uri(), type.title(), status, detail, instance, null, null, traceId);
	}

}
