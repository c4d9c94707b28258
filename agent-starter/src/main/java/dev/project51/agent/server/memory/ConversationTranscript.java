package dev.project51.agent.server.memory;

import java.util.Optional;

import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;

/**
 * The visible history of conversations: what {@code GET /api/v1/conversations/{id}}
 * returns. Separate from the model memory, which may hold tool calls, a system message
 * and knowledge excerpts, and which a memory window trims.
 *
 * @since 0.1.0
 */
public interface ConversationTranscript {

	/**
	 * Appends a message to a conversation, creating the conversation if needed.
	 * @param conversationId the conversation id
	 * @param message the message
	 */
	void append(String conversationId, ConversationMessage message);

	/**
	 * A conversation with its messages, oldest first.
	 * @param conversationId the conversation id
	 * @return the conversation, empty if it has no message
	 */
	Optional<Conversation> find(String conversationId);

	/**
	 * Forgets a conversation. Idempotent.
	 * @param conversationId the conversation id
	 */
	void delete(String conversationId);

}
