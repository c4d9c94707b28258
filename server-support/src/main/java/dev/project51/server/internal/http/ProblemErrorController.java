package dev.project51.server.internal.http;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The application's error page ({@code /error}): every error that reaches it, whatever
 * the path, is answered with the server's problem for the error's real status, never with
 * a stack trace or an exception's message. A request for {@code /error} itself is a 404,
 * not the 500 with status 999 that Spring Boot's page answers. Each starter registers a
 * subclass, annotated {@code @Controller}, that writes its own problems.
 */
@RequestMapping("${server.error.path:${error.path:/error}}")
public abstract class ProblemErrorController implements ErrorController {

	/**
	 * Answers an error dispatch, or a request for the error page itself.
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	@RequestMapping
	public final void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)
				? ((code >= 400) ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR)
				: HttpServletResponse.SC_NOT_FOUND;
		writeProblem(request, response, status);
	}

	/**
	 * Writes the server's problem of a status.
	 * @param request the request
	 * @param response the response, not committed yet
	 * @param status the HTTP status, at least 400
	 * @throws IOException if the answer cannot be written
	 */
	protected abstract void writeProblem(HttpServletRequest request, HttpServletResponse response, int status)
			throws IOException;

}
