package dev.project51.agent.server.memory.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.memory.ConversationTranscript;

/**
 * A {@link ConversationTranscript} in memory, used when the application has no
 * {@code DataSource}: conversations do not survive a restart. Message cursors and message
 * ids are positions in the conversation.
 *
 * @since 0.1.0
 */
public class InMemoryConversationTranscript implements ConversationTranscript {

	private static final Comparator<ConversationSummary> NEWEST_FIRST = Comparator
		.comparing(ConversationSummary::updatedAt)
		.thenComparing(ConversationSummary::conversationId)
		.reversed();

	private final ConcurrentHashMap<String, Entry> conversations = new ConcurrentHashMap<>();

	@Override
	public void create(String conversationId, String owner, String title, Instant at) {
		Instant time = at.truncatedTo(ChronoUnit.MILLIS);
		this.conversations.put(conversationId, new Entry(owner, title, time, time));
	}

	@Override
	public Optional<String> owner(String conversationId) {
		Entry entry = this.conversations.get(conversationId);
		return (entry != null) ? Optional.of(entry.owner) : Optional.empty();
	}

	@Override
	public String append(String conversationId, ConversationMessage message) {
		Entry entry = this.conversations.computeIfAbsent(conversationId,
				(id) -> new Entry("", "Conversation", message.at(), message.at()));
		synchronized (entry) {
			String id = Integer.toString(entry.messages.size());
			entry.messages.add(message.withId(id, null));
			entry.updatedAt = message.at().truncatedTo(ChronoUnit.MILLIS);
			return id;
		}
	}

	@Override
	public Optional<ConversationMessage> rate(String conversationId, String messageId, String rating) {
		Entry entry = this.conversations.get(conversationId);
		if (entry == null || messageId == null || !messageId.matches("0|[1-9][0-9]{0,8}")) {
			return Optional.empty();
		}
		synchronized (entry) {
			int index = Integer.parseInt(messageId);
			if (index >= entry.messages.size() || entry.messages.get(index).role() != Role.ASSISTANT) {
				return Optional.empty();
			}
			ConversationMessage message = entry.messages.get(index);
			entry.messages.set(index, message.withId(messageId, rating));
			return Optional.of(message);
		}
	}

	@Override
	public Optional<Conversation> page(String conversationId, String before, int limit, int maxTextLength) {
		Entry entry = this.conversations.get(conversationId);
		if (entry == null) {
			return Optional.empty();
		}
		synchronized (entry) {
			int end = entry.messages.size();
			if (before != null) {
				try {
					end = Math.min(end, Integer.parseInt(before));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("not a cursor of this transcript");
				}
				if (end < 0) {
					throw new IllegalArgumentException("not a cursor of this transcript");
				}
			}
			int start = end;
			long textLength = 0;
			while (start > 0 && end - start < limit) {
				long length = JdbcConversationTranscript.textLength(entry.messages.get(start - 1));
				if (start < end && textLength + length > maxTextLength) {
					break;
				}
				textLength += length;
				start--;
			}
			return Optional.of(new Conversation(conversationId, List.copyOf(entry.messages.subList(start, end)),
					entry.title, (start > 0) ? Integer.toString(start) : null));
		}
	}

	@Override
	public Optional<Conversation> find(String conversationId) {
		Entry entry = this.conversations.get(conversationId);
		if (entry == null) {
			return Optional.empty();
		}
		synchronized (entry) {
			return Optional.of(new Conversation(conversationId, List.copyOf(entry.messages), entry.title, null));
		}
	}

	@Override
	public ConversationList list(String owner, String cursor, int limit) {
		List<ConversationSummary> all = new ArrayList<>();
		this.conversations.forEach((id, entry) -> {
			if (entry.owner.equals(owner)) {
				synchronized (entry) {
					all.add(entry.summary(id));
				}
			}
		});
		all.sort(NEWEST_FIRST);
		int from = 0;
		if (cursor != null) {
			from = all.size();
			for (int i = 0; i < all.size(); i++) {
				if (ConversationTranscript.listCursor(all.get(i)).equals(cursor)) {
					from = i + 1;
					break;
				}
			}
		}
		int to = Math.min(all.size(), from + limit);
		List<ConversationSummary> page = all.subList(from, to);
		return new ConversationList(page, (to < all.size() && !page.isEmpty())
				? ConversationTranscript.listCursor(page.get(page.size() - 1)) : null);
	}

	@Override
	public Optional<ConversationSummary> rename(String conversationId, String title, Instant at) {
		Entry entry = this.conversations.get(conversationId);
		if (entry == null) {
			return Optional.empty();
		}
		synchronized (entry) {
			entry.title = title;
			entry.updatedAt = at.truncatedTo(ChronoUnit.MILLIS);
			return Optional.of(entry.summary(conversationId));
		}
	}

	@Override
	public void delete(String conversationId) {
		this.conversations.remove(conversationId);
	}

	private static final class Entry {

		private final String owner;

		private final Instant createdAt;

		private final List<ConversationMessage> messages = new ArrayList<>();

		private String title;

		private Instant updatedAt;

		Entry(String owner, String title, Instant createdAt, Instant updatedAt) {
			this.owner = owner;
			this.title = title;
			this.createdAt = createdAt;
			this.updatedAt = updatedAt;
		}

		ConversationSummary summary(String id) {
			return new ConversationSummary(id, this.title, this.createdAt, this.updatedAt);
		}

	}

}
