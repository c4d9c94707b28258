package dev.project51.frontend.problem.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemJson;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the frontend's problems ({@code application/problem+json}, the agent contract's
 * {@link ProblemDetail}) for the filters that refuse a request before it reaches a
 * controller, with {@link ProblemJson}'s body. {@code Retry-After} is sent when the
 * problem has {@code retryAfterSeconds}.
 */
public final class ProblemResponses {

	private ProblemResponses() {
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
	public static ProblemDetail problem(ProblemType type, int status, String detail, String instance, String traceId) {
		return new ProblemDetail(type.uri(), type.title(), status, detail, instance, null, null, traceId);
	}

	/**
	 * Writes a problem as the whole answer and flushes it ({@link ProblemJson#write}).
	 * @param response the response, not committed
	 * @param problem the problem
	 * @throws IOException if the answer cannot be written
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		ProblemJson.write(response, problem);
	}

}
