package dev.project51.server.internal.http;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The application's error page ({@code /error}): every error that reaches it, whatever
 * the path, is answered with the server's problem for the error's real status, never with
 * a stack trace or an exception's message. A request for {@code /error} itself is a 404,
 * not the 500 with status 999 that Spring Boot's page answers. Each starter registers one
 * with its own problems.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	private final ProblemAnswers problems;

	/**
	 * Creates the error page.
	 * @param problems the server's problems
	 */
	public ProblemErrorController(ProblemAnswers problems) {
		this.problems = problems;
	}

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
		this.problems.writeStatus(request, response, status);
	}

}
