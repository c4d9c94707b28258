package dev.project51.server.internal.http;

import java.io.IOException;

import dev.project51.agent.contract.ProblemDetail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a server answers with a problem, for the filters and the error page both servers
 * share: its usual problem for an error status nothing more specific explained, and the
 * way it writes a problem (the agent in OpenAI's error shape under {@code /v1/}, both
 * with the request's trace id).
 */
public interface ProblemAnswers {

	/**
	 * The server's problem for an error status, with the detail it gives for it.
	 * @param request the request, also during its error dispatch
	 * @param status the HTTP status, at least 400
	 * @return the problem
	 */
	ProblemDetail forStatus(HttpServletRequest request, int status);

	/**
	 * Writes a problem as the whole answer, with its status and, when it has one, its
	 * {@code Retry-After}.
	 * @param request the request
	 * @param response the response, not committed
	 * @param problem the problem
	 * @throws IOException if the answer cannot be written
	 */
	void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException;

	/**
	 * Writes the server's problem for an error status.
	 * @param request the request
	 * @param response the response, not committed
	 * @param status the HTTP status, at least 400
	 * @throws IOException if the answer cannot be written
	 */
	default void writeStatus(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
		write(request, response, forStatus(request, status));
	}

}
