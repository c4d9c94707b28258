package dev.project51.agent.server.chat.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.connector.RequestBodyDeadlineValve;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.server.internal.json.StrictJsonTypes;
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
 * Answers every error of the v1 agent API as {@code application/problem+json} with the
 * contract's type URIs, whatever the request's {@code Accept} header says;
 * {@code Retry-After} accompanies 429 and 503.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = ChatController.class)
@Order(0)
public class ChatExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ChatExceptionHandler.class);

	private final JsonMapper json;

	/**
	 * Creates a handler writing problems with the given mapper.
	 * @param json the JSON mapper
	 */
	public ChatExceptionHandler(JsonMapper json) {
		this.json = json;
	}

	@ExceptionHandler(AgentProblemException.class)
	void problem(AgentProblemException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		respond(ex, request, response);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	void unreadable(HttpMessageNotReadableException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		respond(unreadable(ex), request, response);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		respond(unsupportedMediaType(), request, response);
	}

	/**
	 * The client of a streamed answer went away: there is nobody to answer, and its turn
	 * was cancelled when the write failed.
	 */
	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void clientGone(AsyncRequestNotUsableException ex) {
		logger.debug("Client went away: {}", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	void other(Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (ex instanceof ErrorResponse errorResponse) {
			respond(errorResponse, request, response, this.json);
			return;
		}
		respond(ChatRules.toProblemException(ex), request, response);
	}

	private void respond(AgentProblemException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ProblemResponses.write(request, response, ex.toProblem(request.getRequestURI()), this.json);
	}

	/**
	 * Writes the problem of one of Spring MVC's own errors (wrong method, unacceptable
	 * {@code Accept}, missing parameter...), keeping its headers such as {@code Allow}.
	 * @param error the error
	 * @param request the request
	 * @param response the response
	 * @param json the JSON mapper
	 * @throws IOException if the answer cannot be written
	 */
	public static void respond(ErrorResponse error, HttpServletRequest request, HttpServletResponse response,
			JsonMapper json) throws IOException {
		error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		ProblemDetail problem = ProblemResponses.forStatus(error.getStatusCode().value(), request);
		ProblemResponses.write(request, response, problem, json);
	}

	/**
	 * The problem for a body that is not JSON.
	 * @return the problem exception
	 */
	public static AgentProblemException unsupportedMediaType() {
		return new AgentProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"The body must be JSON: send it with 'Content-Type: application/json'.");
	}

	/**
	 * The problem for a body that cannot be read: too large, too slow, a field of the
	 * wrong type (named), or not the expected JSON.
	 * @param ex the exception
	 * @return the problem exception
	 */
	public static AgentProblemException unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof AgentProblemException problem) {
				return problem;
			}
		}
		if (RequestBodyDeadlineValve.isDeadline(ex)) {
			return new AgentProblemException(ProblemType.INVALID_REQUEST,
					"The request body did not arrive in time (project51.agent.limits.body-timeout); send it at once.");
		}
		Optional<ProblemDetail.FieldError> field = StrictJsonTypes.fieldError(ex);
		if (field.isPresent()) {
			return new AgentProblemException(ProblemType.INVALID_REQUEST,
					"The field '" + field.get().field() + "' " + field.get().reason() + ".", List.of(field.get()),
					null);
		}
		return new AgentProblemException(ProblemType.INVALID_REQUEST,
				"The body is not the expected JSON: send an object like {\"message\": \"Hello\"}"
						+ " (and \"conversationId\" to continue a conversation).");
	}

}
