package dev.project51.frontend.security.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.problem.internal.Problems;
import dev.project51.server.internal.http.MethodQueryFilter;
import dev.project51.server.internal.http.ProblemAnswers;
import dev.project51.server.internal.http.ProblemFilter;
import dev.project51.server.internal.http.ProblemJson;
import dev.project51.server.internal.http.RequestPaths;
import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers every error of the frontend's API ({@code /api/**}) that no controller
 * explained as {@code application/problem+json}, like the controllers' own errors: a
 * wrong method, path or {@code Accept} header that Spring MVC refuses, and errors the
 * servlet container raises itself (a {@code TRACE}, a body that ends before its
 * {@code Content-Length}). Paths are taken as the container mapped them (decoded,
 * normalized, without path parameters), so {@code /api;x/…} counts as {@code /api/…}.
 * Other paths are left to the application's error page.
 *
 * @since 0.1.0
 */
public class ApiProblemFilter extends ProblemFilter {

	private static final ProblemAnswers ANSWERS = new ProblemAnswers() {

		@Override
		public ProblemDetail forStatus(HttpServletRequest request, int status) {
			return Problems.of(ProblemType.forStatus(status), status, detail(status, request),
					RequestPaths.uri(request), TraceIds.of(request));
		}

		@Override
		public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
				throws IOException {
			ProblemJson.write(response, TraceIds.onto(problem, TraceIds.of(request)));
		}

	};

	private final String prefix;

	/**
	 * Create a filter for the API under the given path.
	 * @param apiPath the path of the API below the context path, e.g. {@code /api}
	 */
	public ApiProblemFilter(String apiPath) {
		super(answers());
		this.prefix = apiPath + "/";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !path(request).startsWith(this.prefix);
	}

	@Override
	protected void filterRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestPaths.remember(request);
		chain.doFilter(request, problemResponse(request, response));
	}

	static String path(HttpServletRequest request) {
		return RequestPaths.of(request);
	}

	/**
	 * The frontend's problems, for the filters and the error page it shares with the
	 * agent: each with the request's trace id, sent by {@link ProblemJson}.
	 * @return the frontend's problems
	 */
	public static ProblemAnswers answers() {
		return ANSWERS;
	}

	/**
	 * The filter that refuses {@code TRACE} with the path's {@code Allow}, with the
	 * frontend's problems.
	 * @return the filter
	 */
	public static MethodQueryFilter methodQueryFilter() {
		return new MethodQueryFilter(ANSWERS, ApiProblemFilter::path);
	}

	private static String detail(int status, HttpServletRequest request) {
		return switch (status) {
			case 401 -> "This endpoint needs the deployment's token: send 'Authorization: Bearer <AGENT_API_TOKEN>'.";
			case 404 -> "There is no endpoint " + path(request) + ".";
			case 405 -> "Method " + request.getMethod() + " is not supported on " + path(request) + ".";
			case 406 -> "The answer cannot be produced in the media type the Accept header asks for; accept "
					+ "application/json (or text/event-stream for the chat stream).";
			case 408 -> "The request did not arrive in time (project51.frontend.limits.header-timeout and"
					+ " body-timeout); send it at once.";
			case 413 -> "The request body is too large; send a shorter message.";
			case 415 -> "Send the request body as JSON with 'Content-Type: application/json'.";
			default -> (status >= 500) ? "The frontend failed unexpectedly; the server log has the details."
					: "The request is malformed (HTTP status " + status + "); check its body and headers.";
		};
	}

}
