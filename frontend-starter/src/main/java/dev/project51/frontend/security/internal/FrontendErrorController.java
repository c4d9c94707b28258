package dev.project51.frontend.security.internal;

import java.io.IOException;

import dev.project51.server.internal.http.ProblemErrorController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;

/**
 * The frontend's {@link ProblemErrorController}: {@code application/problem+json}.
 *
 * @since 0.1.0
 */
@Controller
public class FrontendErrorController extends ProblemErrorController {

	@Override
	protected void writeProblem(HttpServletRequest request, HttpServletResponse response, int status)
			throws IOException {
		ApiProblemFilter.write(request, response, status);
	}

}
