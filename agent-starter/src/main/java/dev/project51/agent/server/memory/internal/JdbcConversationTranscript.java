package dev.project51.agent.server.memory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.memory.ConversationTranscript;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A {@link ConversationTranscript} in the tables {@code project51_agent_conversation} and
 * {@code project51_agent_message} (created by {@link AgentSchema}); citations are stored
 * as JSON. Pages are read with keyset queries on indexed columns, so reading the latest
 * page costs the same however long the conversation is; message ids (and message cursors)
 * are the rows' ids, list cursors the latest activity (epoch milliseconds) and the id. A
 * rating is the message's {@code feedback} column.
 *
 * @since 0.1.0
 */
public class JdbcConversationTranscript implements ConversationTranscript {

	private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
	};

	private static final String MESSAGE_COLUMNS = "id, message_role, message_text, model, degraded, citations,"
			+ " created_at, interrupted, feedback";

	private static final String SUMMARY_COLUMNS = "conversation_id, title, created_at, updated_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionOperations transactions;

	/**
	 * Creates a transcript whose statements each commit on their own.
	 * @param jdbc the JDBC client of the agent's database
	 * @param json the mapper for citations
	 */
	public JdbcConversationTranscript(JdbcClient jdbc, JsonMapper json) {
		this(jdbc, json, TransactionOperations.withoutTransaction());
	}

	/**
	 * Creates a transcript that writes a message and its conversation's latest activity
	 * in one transaction, and deletes a conversation with its messages in one: either
	 * happens whole, and costs the database one commit instead of two.
	 * @param jdbc the JDBC client of the agent's database
	 * @param json the mapper for citations
	 * @param transactions transactions on the JDBC client's database
	 * @since 0.1.0
	 */
	public JdbcConversationTranscript(JdbcClient jdbc, JsonMapper json, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = transactions;
	}

	@Override
	public void create(String conversationId, String owner, String title, Instant at) {
		Timestamp time = Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS));
		this.jdbc
			.sql("INSERT INTO project51_agent_conversation (conversation_id, owner_id, title, created_at, updated_at)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(conversationId, owner, title, time, time)
			.update();
	}

	@Override
	public Optional<String> owner(String conversationId) {
		return this.jdbc.sql("SELECT owner_id FROM project51_agent_conversation WHERE conversation_id = ?")
			.param(conversationId)
			.query(String.class)
			.optional();
	}

	@Override
	public String append(String conversationId, ConversationMessage message) {
		String citations = message.citations().isEmpty() ? null : this.json.writeValueAsString(message.citations());
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.transactions.executeWithoutResult((transaction) -> {
			this.jdbc
				.sql("INSERT INTO project51_agent_message (conversation_id, message_role, message_text, model,"
						+ " degraded, citations, created_at, interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(conversationId, message.role().name(), message.text(), message.model(), message.degraded(),
						citations, Timestamp.from(message.at()), message.interrupted())
				.update(keys, "id");
			this.jdbc.sql("UPDATE project51_agent_conversation SET updated_at = ? WHERE conversation_id = ?")
				.params(Timestamp.from(message.at().truncatedTo(ChronoUnit.MILLIS)), conversationId)
				.update();
		});
		Number id = keys.getKey();
		return (id != null) ? Long.toString(id.longValue()) : null;
	}

	@Override
	public Optional<ConversationMessage> rate(String conversationId, String messageId, String rating) {
		long id;
		try {
			id = number(messageId);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		Optional<ConversationMessage> before = this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM project51_agent_message WHERE id = ? AND conversation_id = ?"
					+ " AND message_role = ?")
			.params(id, conversationId, Role.ASSISTANT.name())
			.query(this::row)
			.optional()
			.map(Row::message);
		if (before.isPresent()) {
			this.jdbc.sql("UPDATE project51_agent_message SET feedback = ? WHERE id = ? AND conversation_id = ?")
				.params(rating, id, conversationId)
				.update();
		}
		return before;
	}

	@Override
	public Optional<Conversation> page(String conversationId, String before, int limit, int maxTextLength) {
		Optional<String> title = title(conversationId);
		if (title.isEmpty()) {
			return Optional.empty();
		}
		long beforeId = (before != null) ? messageCursor(before) : Long.MAX_VALUE;
		List<Row> rows = this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM project51_agent_message WHERE conversation_id = ? AND id < ?"
					+ " ORDER BY id DESC FETCH FIRST " + (limit + 1) + " ROWS ONLY")
			.params(conversationId, beforeId)
			.query(this::row)
			.list();
		List<ConversationMessage> messages = new ArrayList<>();
		long textLength = 0;
		String earlier = null;
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			long length = textLength(row.message());
			if (i == limit || (i > 0 && textLength + length > maxTextLength)) {
				earlier = Long.toString(rows.get(i - 1).id());
				break;
			}
			textLength += length;
			messages.add(row.message());
		}
		Collections.reverse(messages);
		return Optional.of(new Conversation(conversationId, messages, title.get(), earlier));
	}

	@Override
	public Optional<Conversation> find(String conversationId) {
		Optional<String> title = title(conversationId);
		if (title.isEmpty()) {
			return Optional.empty();
		}
		List<ConversationMessage> messages = this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM project51_agent_message WHERE conversation_id = ? ORDER BY id")
			.param(conversationId)
			.query(this::row)
			.list()
			.stream()
			.map(Row::message)
			.toList();
		return Optional.of(new Conversation(conversationId, messages, title.get(), null));
	}

	@Override
	public ConversationList list(String owner, String cursor, int limit) {
		List<ConversationSummary> summaries;
		if (cursor == null) {
			summaries = this.jdbc
				.sql("SELECT " + SUMMARY_COLUMNS + " FROM project51_agent_conversation WHERE owner_id = ?"
						+ " ORDER BY updated_at DESC, conversation_id DESC FETCH FIRST " + (limit + 1) + " ROWS ONLY")
				.param(owner)
				.query(JdbcConversationTranscript::summary)
				.list();
		}
		else {
			int dot = cursor.indexOf('.');
			if (dot < 1) {
				throw new IllegalArgumentException("not a cursor of the conversation list");
			}
			Timestamp updated = Timestamp.from(Instant.ofEpochMilli(number(cursor.substring(0, dot))));
			String id = cursor.substring(dot + 1);
			summaries = this.jdbc
				.sql("SELECT " + SUMMARY_COLUMNS + " FROM project51_agent_conversation WHERE owner_id = ?"
						+ " AND (updated_at < ? OR (updated_at = ? AND conversation_id < ?))"
						+ " ORDER BY updated_at DESC, conversation_id DESC FETCH FIRST " + (limit + 1) + " ROWS ONLY")
				.params(owner, updated, updated, id)
				.query(JdbcConversationTranscript::summary)
				.list();
		}
		if (summaries.size() > limit) {
			List<ConversationSummary> page = summaries.subList(0, limit);
			return new ConversationList(page, ConversationTranscript.listCursor(page.get(limit - 1)));
		}
		return new ConversationList(summaries, null);
	}

	@Override
	public Optional<ConversationSummary> rename(String conversationId, String title, Instant at) {
		int updated = this.jdbc
			.sql("UPDATE project51_agent_conversation SET title = ?, updated_at = ? WHERE conversation_id = ?")
			.params(title, Timestamp.from(at.truncatedTo(ChronoUnit.MILLIS)), conversationId)
			.update();
		if (updated == 0) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("SELECT " + SUMMARY_COLUMNS + " FROM project51_agent_conversation WHERE conversation_id = ?")
			.param(conversationId)
			.query(JdbcConversationTranscript::summary)
			.optional();
	}

	@Override
	public void delete(String conversationId) {
		this.transactions.executeWithoutResult((transaction) -> {
			this.jdbc.sql("DELETE FROM project51_agent_message WHERE conversation_id = ?")
				.param(conversationId)
				.update();
			this.jdbc.sql("DELETE FROM project51_agent_conversation WHERE conversation_id = ?")
				.param(conversationId)
				.update();
		});
	}

	private Optional<String> title(String conversationId) {
		return this.jdbc.sql("SELECT title FROM project51_agent_conversation WHERE conversation_id = ?")
			.param(conversationId)
			.query(String.class)
			.optional();
	}

	static long textLength(ConversationMessage message) {
		long length = (message.text() != null) ? message.text().length() : 0;
		for (Citation citation : message.citations()) {
			length += (citation.excerpt() != null) ? citation.excerpt().length() : 0;
			length += (citation.title() != null) ? citation.title().length() : 0;
		}
		return length;
	}

	private static long messageCursor(String cursor) {
		return number(cursor);
	}

	private static long number(String value) {
		try {
			long number = Long.parseLong(value);
			if (number < 0) {
				throw new IllegalArgumentException("not a cursor of this transcript");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a cursor of this transcript");
		}
	}

	private Row row(ResultSet row, int rowNumber) throws SQLException {
		String citations = row.getString("citations");
		long id = row.getLong("id");
		return new Row(id,
				new ConversationMessage(Role.valueOf(row.getString("message_role")), row.getString("message_text"),
						row.getString("model"), row.getBoolean("degraded"),
						(citations != null) ? this.json.readValue(citations, CITATIONS) : List.of(),
						row.getTimestamp("created_at").toInstant(), row.getBoolean("interrupted"), Long.toString(id),
						row.getString("feedback")));
	}

	private static ConversationSummary summary(ResultSet row, int rowNumber) throws SQLException {
		return new ConversationSummary(row.getString("conversation_id"), row.getString("title"),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
	}

	private record Row(long id, ConversationMessage message) {

	}

}
