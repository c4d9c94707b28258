package dev.project51.server.internal.http;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A filter of an API that answers the errors no controller explained with the server's
 * problem for their status, instead of the application's error page: an error dispatch
 * (an error the servlet container raised itself, such as a body that ended before its
 * {@code Content-Length}), and a {@code sendError} of the rest of the chain (Spring MVC's
 * answer to a wrong method, path or {@code Accept} header), through
 * {@link #problemResponse}.
 */
public abstract class ProblemFilter extends RequestAndErrorFilter {

	private final ProblemAnswers problems;

	/**
	 * Creates the filter.
	 * @param problems the server's problems
	 */
	protected ProblemFilter(ProblemAnswers problems) {
		this.problems = problems;
	}

	/**
	 * The server's problems.
	 * @return the problems the filter answers with
	 */
	protected final ProblemAnswers problems() {
		return this.problems;
	}

	/**
	 * Filters a request that is not an error dispatch.
	 * @param request the request
	 * @param response the response
	 * @param chain the rest of the chain
	 * @throws ServletException if the chain fails
	 * @throws IOException if the answer cannot be written
	 */
	protected abstract void filterRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException;

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			answerError(request, response);
			return;
		}
		filterRequest(request, response, chain);
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain filterChain) throws IOException {
		answerError(request, response);
	}

	/**
	 * Answers the error dispatch of a request with the problem of its error status.
	 */
	private void answerError(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) ? code
				: response.getStatus();
		this.problems.writeStatus(request, response, status);
	}

	/**
	 * A response whose {@code sendError} writes the problem of the status at once.
	 * @param request the request
	 * @param response the response to wrap
	 * @return the wrapped response
	 */
	protected final HttpServletResponse problemResponse(HttpServletRequest request, HttpServletResponse response) {
		return new ProblemResponse(request, response);
	}

	private final class ProblemResponse extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		ProblemResponse(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public void sendError(int status) throws IOException {
			sendError(status, null);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			if (isCommitted()) {
				super.sendError(status, message);
				return;
			}
			ProblemFilter.this.problems.writeStatus(this.request, (HttpServletResponse) getResponse(), status);
		}

	}

}
