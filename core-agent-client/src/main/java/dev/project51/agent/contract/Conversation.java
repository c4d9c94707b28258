package dev.project51.agent.contract;

import java.util.List;

/**
 * The visible history of a conversation, oldest message first.
 *
 * @param conversationId the conversation id
 * @param messages the messages, never {@code null}
 * @since 0.1.0
 */
public record Conversation(String conversationId, List<ConversationMessage> messages) {

	public Conversation {
		messages = (messages != null) ? List.copyOf(messages) : List.of();
	}

}
