package dev.project51.server.internal.http;

import java.io.IOException;

import dev.project51.agent.contract.ProblemDetail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a filter shared by both servers sends the problem it answers a request with: each
 * server writes it as it writes its own (the agent in OpenAI's error shape under
 * {@code /v1/}, both with the request's trace id).
 */
@FunctionalInterface
public interface ProblemSink {

	/**
	 * Writes a problem as the whole answer, with its status and, when it has one, its
	 * {@code Retry-After}.
	 * @param request the request
	 * @param response the response, not committed
	 * @param problem the problem
	 * @throws IOException if the answer cannot be written
	 */
	void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException;

}
