package dev.project51.agent.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user message sent to the agent.
 *
 * @param conversationId the conversation to continue, or {@code null} to start a new one
 * (the server then assigns an id, returned in the reply)
 * @param message the user's message, not blank
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(String conversationId, String message) {

	/**
	 * A message that starts a new conversation.
	 * @param message the user's message
	 * @return the request
	 */
	public static ChatRequest of(String message) {
		return new ChatRequest(null, message);
	}

	/**
	 * A message that continues a conversation.
	 * @param conversationId the conversation id, or {@code null} for a new conversation
	 * @param message the user's message
	 * @return the request
	 */
	public static ChatRequest of(String conversationId, String message) {
		return new ChatRequest(conversationId, message);
	}

}
