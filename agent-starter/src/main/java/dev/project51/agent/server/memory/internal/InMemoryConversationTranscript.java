package dev.project51.agent.server.memory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.server.memory.ConversationTranscript;

/**
 * A {@link ConversationTranscript} in memory, used when the application has no
 * {@code DataSource}: conversations do not survive a restart.
 *
 * @since 0.1.0
 */
public class InMemoryConversationTranscript implements ConversationTranscript {

	private final ConcurrentHashMap<String, List<ConversationMessage>> conversations = new ConcurrentHashMap<>();

	@Override
	public void append(String conversationId, ConversationMessage message) {
		this.conversations.compute(conversationId, (id, messages) -> {
			List<ConversationMessage> result = (messages != null) ? messages : new ArrayList<>();
			result.add(message);
			return result;
		});
	}

	@Override
	public Optional<Conversation> find(String conversationId) {
		List<ConversationMessage> messages = this.conversations.get(conversationId);
		if (messages == null) {
			return Optional.empty();
		}
		synchronized (messages) {
			return Optional.of(new Conversation(conversationId, List.copyOf(messages)));
		}
	}

	@Override
	public void delete(String conversationId) {
		this.conversations.remove(conversationId);
	}

}
