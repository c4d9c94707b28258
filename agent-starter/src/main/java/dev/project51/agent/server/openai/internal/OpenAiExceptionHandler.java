package dev.project51.agent.server.openai.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.chat.internal.ChatExceptionHandler;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.OpenAiErrors;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Answers errors of the OpenAI-compatible endpoint in OpenAI's error shape (see
 * {@link OpenAiErrors}), with the same statuses and {@code Retry-After} as the v1 API,
 * whatever the request's {@code Accept} header says.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = OpenAiCompatibleController.class)
@Order(0)
public class OpenAiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(OpenAiExceptionHandler.class);

	private final JsonMapper json;

	/**
	 * Creates a handler writing errors with the given mapper.
	 * @param json the JSON mapper
	 */
	public OpenAiExceptionHandler(JsonMapper json) {
		this.json = json;
	}

	@ExceptionHandler(AgentProblemException.class)
	void problem(AgentProblemException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		respond(ex, request, response);
	}

	@ExceptionHandler(OpenAiException.class)
	void openAi(OpenAiException ex, HttpServletResponse response) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(ex.status());
		ex.headers().forEach(response::setHeader);
		response.setCharacterEncoding("UTF-8");
		response.setContentType("application/json");
		byte[] body = this.json.writeValueAsBytes(ex.body());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	void unreadable(HttpMessageNotReadableException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		respond(ChatExceptionHandler.unreadable(ex), request, response);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		respond(ChatExceptionHandler.unsupportedMediaType(), request, response);
	}

	/**
	 * The client of a streamed completion went away: nobody to answer; its turn was
	 * cancelled when the write failed.
	 */
	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void clientGone(AsyncRequestNotUsableException ex) {
		logger.debug("Client went away: {}", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	void other(Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (ex instanceof ErrorResponse errorResponse) {
			ChatExceptionHandler.respond(errorResponse, request, response, this.json);
			return;
		}
		logger.error("A chat completion failed unexpectedly", ex);
		respond(new AgentProblemException(ProblemType.INTERNAL,
				"The agent failed unexpectedly; the server log has the details."), request, response);
	}

	private void respond(AgentProblemException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ProblemResponses.write(request, response, ex.toProblem(request.getRequestURI()), this.json);
	}

}
