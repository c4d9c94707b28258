package dev.project51.frontend.security.internal;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The application's error page ({@code /error}): every error that reaches it is answered
 * as {@code application/problem+json} with the error's real status, never with a stack
 * trace or an exception's message. A request for {@code /error} itself is a 404, not the
 * 500 with status 999 that Spring Boot's page answers.
 *
 * @since 0.1.0
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	@RequestMapping
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)
				? ((code >= 400) ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR)
				: HttpServletResponse.SC_NOT_FOUND;
		ApiProblemFilter.write(request, response, status);
	}

}
