package dev.project51.agent.server.chat;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.AgentProblemException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every error of the v1 agent API as {@code application/problem+json} with the
 * contract's type URIs; {@code Retry-After} accompanies 429 and 503.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = ChatController.class)
@Order(0)
public class ChatExceptionHandler {

	@ExceptionHandler(AgentProblemException.class)
	ResponseEntity<ProblemDetail> problem(AgentProblemException ex, HttpServletRequest request) {
		return respond(ex, request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return respond(unreadable(ex), request);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return respond(new AgentProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"The body must be JSON: send it with 'Content-Type: application/json'."), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> other(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse errorResponse) {
			HttpStatusCode status = errorResponse.getStatusCode();
			ProblemType type = (status.value() == 404) ? ProblemType.NOT_FOUND
					: (status.is4xxClientError() ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL);
			ProblemDetail problem = new ProblemDetail(type.uri(), type.title(), status.value(),
					"The request cannot be handled: " + status + ".", request.getRequestURI(), null, null);
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return respond(ChatService.toProblemException(ex), request);
	}

	/**
	 * The problem for a body that cannot be read: too large, or not the expected JSON.
	 * @param ex the exception
	 * @return the problem exception
	 */
	public static AgentProblemException unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof AgentProblemException problem) {
				return problem;
			}
		}
		return new AgentProblemException(ProblemType.INVALID_REQUEST,
				"The body is not the expected JSON: send an object like {\"message\": \"Hello\"}"
						+ " (and \"conversationId\" to continue a conversation).");
	}

	static ResponseEntity<ProblemDetail> respond(AgentProblemException ex, HttpServletRequest request) {
		ProblemDetail problem = ex.toProblem(request.getRequestURI());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status())
			.contentType(MediaType.valueOf(AgentApi.PROBLEM_JSON));
		if (problem.retryAfterSeconds() != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
		}
		return response.body(problem);
	}

}
