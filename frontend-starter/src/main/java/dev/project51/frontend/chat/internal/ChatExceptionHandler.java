package dev.project51.frontend.chat.internal;

import java.util.List;
import java.util.Optional;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.observability.internal.TraceIds;
import dev.project51.server.internal.json.StrictJsonTypes;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the page's failed requests with {@code application/problem+json} in the shape
 * of the agent contract's problem, so the page handles one error format.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = { ChatStreamController.class, ConversationController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ChatExceptionHandler {

	static final MediaType PROBLEM_JSON = MediaType.parseMediaType(AgentApi.PROBLEM_JSON);

	/**
	 * A problem raised by a controller.
	 * @param ex the exception
	 * @return the problem response
	 */
	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		return respond(ex.problem());
	}

	/**
	 * A body that is not the expected JSON.
	 * @param ex the exception
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		Optional<ProblemDetail.FieldError> field = StrictJsonTypes.fieldError(ex);
		if (field.isPresent()) {
			return respond(invalid(field.get().field(),
					"The field '" + field.get().field() + "' " + field.get().reason() + ".", request.getRequestURI()));
		}
		return respond(ProblemDetail.of(ProblemType.INVALID_REQUEST,
				"The request body must be JSON like {\"message\": \"Hello\", \"conversationId\": null}.",
				request.getRequestURI()));
	}

	static ResponseEntity<ProblemDetail> respond(ProblemDetail given) {
		String traceId = TraceIds.current();
		ProblemDetail problem = (traceId != null && given.traceId() == null) ? given.withTraceId(traceId) : given;
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.valueOf(problem.status()))
			.contentType(PROBLEM_JSON)
			.cacheControl(CacheControl.noStore());
		if (problem.retryAfterSeconds() != null) {
			builder.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
		}
		return builder.body(problem);
	}

	static ProblemDetail invalid(String field, String reason, String instance) {
		return ProblemDetail.of(ProblemType.INVALID_REQUEST, reason, instance)
			.withErrors(List.of(new ProblemDetail.FieldError(field, reason)));
	}

}
