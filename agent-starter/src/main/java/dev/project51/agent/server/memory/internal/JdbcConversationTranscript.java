package dev.project51.agent.server.memory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.memory.ConversationTranscript;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link ConversationTranscript} in the table {@code project51_agent_message} (created
 * by {@link AgentSchema}); citations are stored as JSON.
 *
 * @since 0.1.0
 */
public class JdbcConversationTranscript implements ConversationTranscript {

	private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	/**
	 * Creates a transcript.
	 * @param jdbc the JDBC client of the agent's database
	 * @param json the mapper for citations
	 */
	public JdbcConversationTranscript(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void append(String conversationId, ConversationMessage message) {
		String citations = message.citations().isEmpty() ? null : this.json.writeValueAsString(message.citations());
		this.jdbc
			.sql("INSERT INTO project51_agent_message (conversation_id, message_role, message_text, model, degraded,"
					+ " citations, created_at, interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(conversationId, message.role().name(), message.text(), message.model(), message.degraded(),
					citations, Timestamp.from(message.at()), message.interrupted())
			.update();
	}

	@Override
	public Optional<Conversation> find(String conversationId) {
		List<ConversationMessage> messages = this.jdbc
			.sql("SELECT message_role, message_text, model, degraded, citations, created_at, interrupted"
					+ " FROM project51_agent_message WHERE conversation_id = ? ORDER BY id")
			.param(conversationId)
			.query(this::message)
			.list();
		return messages.isEmpty() ? Optional.empty() : Optional.of(new Conversation(conversationId, messages));
	}

	@Override
	public void delete(String conversationId) {
		this.jdbc.sql("DELETE FROM project51_agent_message WHERE conversation_id = ?").param(conversationId).update();
	}

	private ConversationMessage message(ResultSet row, int rowNumber) throws SQLException {
		String citations = row.getString("citations");
		return new ConversationMessage(Role.valueOf(row.getString("message_role")), row.getString("message_text"),
				row.getString("model"), row.getBoolean("degraded"),
				(citations != null) ? this.json.readValue(citations, CITATIONS) : List.of(),
				row.getTimestamp("created_at").toInstant(), row.getBoolean("interrupted"));
	}

}
