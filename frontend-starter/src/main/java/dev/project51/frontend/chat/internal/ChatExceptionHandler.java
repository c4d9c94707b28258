package dev.project51.frontend.chat.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemJson;
import dev.project51.server.internal.json.StrictJsonTypes;
import dev.project51.server.internal.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the page's failed requests with {@code application/problem+json} in the shape
 * of the agent contract's problem, so the page handles one error format. The body is
 * written by {@link ProblemJson}, as the filters' refusals and the error valve's.
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = { ChatStreamController.class, ConversationController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ChatExceptionHandler {

	/**
	 * A problem raised by a controller.
	 * @param ex the exception
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	@ExceptionHandler(ProblemException.class)
	void problem(ProblemException ex, HttpServletResponse response) throws IOException {
		respond(ex.problem(), response);
	}

	/**
	 * A body that is not the expected JSON.
	 * @param ex the exception
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the answer cannot be written
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	void unreadable(HttpMessageNotReadableException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Optional<ProblemDetail.FieldError> field = StrictJsonTypes.fieldError(ex);
		if (field.isPresent()) {
			respond(invalid(field.get().field(),
					"The field '" + field.get().field() + "' " + field.get().reason() + ".", request.getRequestURI()),
					response);
			return;
		}
		respond(ProblemDetail.of(ProblemType.INVALID_REQUEST,
				"The request body must be JSON like {\"message\": \"Hello\", \"conversationId\": null}.",
				request.getRequestURI()), response);
	}

	private static void respond(ProblemDetail given, HttpServletResponse response) throws IOException {
		ProblemDetail problem = TraceIds.onto(given, TraceIds.current());
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		ProblemJson.write(response, problem);
	}

	static ProblemDetail invalid(String field, String reason, String instance) {
		return ProblemDetail.of(ProblemType.INVALID_REQUEST, reason, instance)
			.withErrors(List.of(new ProblemDetail.FieldError(field, reason)));
	}

}
