package dev.project51.agent.server.openai.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.ApiExceptionHandler;
import dev.project51.agent.server.problem.internal.OpenAiErrors;
import dev.project51.server.internal.http.ProblemJson;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers errors of the OpenAI-compatible endpoint in OpenAI's error shape (see
 * {@link OpenAiErrors}), with the same statuses and {@code Retry-After} as the v1 API,
 * whatever the request's {@code Accept} header says.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = OpenAiCompatibleController.class)
@Order(0)
public class OpenAiExceptionHandler extends ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(OpenAiExceptionHandler.class);

	/**
	 * Creates a handler writing errors with the given mapper.
	 * @param json the JSON mapper
	 */
	public OpenAiExceptionHandler(JsonMapper json) {
		super(json);
	}

	@ExceptionHandler(OpenAiException.class)
	void openAi(OpenAiException ex, HttpServletResponse response) throws IOException {
		ProblemJson.send(response, ex.status(), ex.headers(), "application/json", json().writeValueAsBytes(ex.body()));
	}

	@Override
	protected AgentProblemException unexpected(Exception ex) {
		logger.error("A chat completion failed unexpectedly", ex);
		return new AgentProblemException(ProblemType.INTERNAL,
				"The agent failed unexpectedly; the server log has the details.");
	}

}
