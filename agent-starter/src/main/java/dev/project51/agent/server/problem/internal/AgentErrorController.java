package dev.project51.agent.server.problem.internal;

import java.io.IOException;

import dev.project51.server.internal.http.ProblemErrorController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;

/**
 * The agent's {@link ProblemErrorController}: {@code application/problem+json}, or
 * OpenAI's error shape under {@code /v1/}.
 *
 * @since 0.1.0
 */
@Controller
public class AgentErrorController extends ProblemErrorController {

	private final JsonMapper json;

	/**
	 * Creates the controller.
	 * @param json the mapper of error bodies
	 */
	public AgentErrorController(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void writeProblem(HttpServletRequest request, HttpServletResponse response, int status)
			throws IOException {
		ProblemResponses.write(request, response, ProblemResponses.forStatus(status, request), this.json);
	}

}
