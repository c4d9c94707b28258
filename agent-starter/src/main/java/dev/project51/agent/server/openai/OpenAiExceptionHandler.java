package dev.project51.agent.server.openai;

import java.util.Map;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.chat.ChatExceptionHandler;
import dev.project51.agent.server.problem.AgentProblemException;
import dev.project51.agent.server.problem.OpenAiErrors;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers errors of the OpenAI-compatible endpoint in OpenAI's error shape (see
 * {@link OpenAiErrors}), with the same statuses and {@code Retry-After} as the v1 API.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = OpenAiCompatibleController.class)
@Order(0)
public class OpenAiExceptionHandler {

	@ExceptionHandler(AgentProblemException.class)
	ResponseEntity<Map<String, Object>> problem(AgentProblemException ex, HttpServletRequest request) {
		return respond(ex.toProblem(request.getRequestURI()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return respond(ChatExceptionHandler.unreadable(ex).toProblem(request.getRequestURI()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return respond(new AgentProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"The body must be JSON: send it with 'Content-Type: application/json'.")
			.toProblem(request.getRequestURI()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> other(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse errorResponse) {
			int status = errorResponse.getStatusCode().value();
			ProblemType type = (status == 404) ? ProblemType.NOT_FOUND
					: ((status < 500) ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL);
			return respond(new ProblemDetail(type.uri(), type.title(), status,
					"The request cannot be handled: HTTP " + status + ".", request.getRequestURI(), null, null));
		}
		return respond(new AgentProblemException(ProblemType.INTERNAL,
				"The agent failed unexpectedly; the server log has the details.")
			.toProblem(request.getRequestURI()));
	}

	static ResponseEntity<Map<String, Object>> respond(ProblemDetail problem) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (problem.retryAfterSeconds() != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
		}
		return response.body(OpenAiErrors.of(problem));
	}

}
