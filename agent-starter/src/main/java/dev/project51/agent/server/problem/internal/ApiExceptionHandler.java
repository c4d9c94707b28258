package dev.project51.agent.server.problem.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.connector.RequestBodyDeadlineValve;
import dev.project51.server.internal.json.StrictJsonTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * The error handling both agent APIs share, whatever the request's {@code Accept} header
 * says: problems, bodies that cannot be read or are not JSON, Spring MVC's own errors
 * (keeping headers such as {@code Allow}) and clients that went away. Each API's advice
 * says how an unexpected exception is answered. Answers are written by
 * {@link ProblemResponses} ({@code application/problem+json}, or OpenAI's error shape
 * under {@code /v1/**}).
 *
 * @since 0.1.0
 */
public abstract class ApiExceptionHandler {

	private final JsonMapper json;

	/**
	 * Creates a handler writing problems with the given mapper.
	 * @param json the JSON mapper
	 */
	protected ApiExceptionHandler(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The mapper of error bodies.
	 * @return the JSON mapper
	 */
	protected final JsonMapper json() {
		return this.json;
	}

	/**
	 * The problem of an exception no other handler explained.
	 * @param ex the exception
	 * @return the problem to answer with
	 */
	protected abstract AgentProblemException unexpected(Exception ex);

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
		respond(new AgentProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"The body must be JSON: send it with 'Content-Type: application/json'."), request, response);
	}

	/**
	 * The client of a streamed answer went away: there is nobody to answer, and its turn
	 * was cancelled when the write failed.
	 */
	@ExceptionHandler(AsyncRequestNotUsableException.class)
	void clientGone(AsyncRequestNotUsableException ex) {
		LoggerFactory.getLogger(getClass()).debug("Client went away: {}", ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	void other(Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (ex instanceof ErrorResponse error) {
			// One of Spring MVC's own errors (wrong method, unacceptable Accept, missing
			// parameter...): its headers such as Allow stay.
			error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
			ProblemDetail problem = ProblemResponses.forStatus(error.getStatusCode().value(), request);
			ProblemResponses.write(request, response, problem, this.json);
			return;
		}
		respond(unexpected(ex), request, response);
	}

	private void respond(AgentProblemException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ProblemResponses.write(request, response, ex.toProblem(request.getRequestURI()), this.json);
	}

	/**
	 * The problem for a body that cannot be read: too large, too slow, a field of the
	 * wrong type (named), or not the expected JSON.
	 */
	private static AgentProblemException unreadable(HttpMessageNotReadableException ex) {
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
