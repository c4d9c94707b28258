package dev.project51.agent.server.chat.internal;

import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.ApiExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every error of the v1 agent API as {@code application/problem+json} with the
 * contract's type URIs, whatever the request's {@code Accept} header says;
 * {@code Retry-After} accompanies 429 and 503. A failed turn is mapped to its problem
 * (models unavailable, interrupted, timed out, or internal, logged as one line).
 *
 * @since 0.1.0
 */
@RestControllerAdvice(assignableTypes = ChatController.class)
@Order(0)
public class ChatExceptionHandler extends ApiExceptionHandler {

	/**
	 * Creates a handler writing problems with the given mapper.
	 * @param json the JSON mapper
	 */
	public ChatExceptionHandler(JsonMapper json) {
		super(json);
	}

	@Override
	protected AgentProblemException unexpected(Exception ex) {
		return ChatRules.toProblemException(ex);
	}

}
