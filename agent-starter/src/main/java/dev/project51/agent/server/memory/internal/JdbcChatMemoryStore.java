package dev.project51.agent.server.memory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A LangChain4j {@link ChatMemoryStore} in a relational database (table
 * {@code project51_agent_memory}, created by {@link AgentSchema}): the messages of a
 * memory are stored as one JSON document in LangChain4j's own format, so a restart of the
 * agent loses no conversation.
 *
 * @since 0.1.0
 */
public class JdbcChatMemoryStore implements ChatMemoryStore {

	private final JdbcClient jdbc;

	/**
	 * Creates a store.
	 * @param jdbc the JDBC client of the agent's database
	 */
	public JdbcChatMemoryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<ChatMessage> getMessages(Object memoryId) {
		return this.jdbc.sql("SELECT messages FROM project51_agent_memory WHERE memory_id = ?")
			.param(memoryId.toString())
			.query(String.class)
			.optional()
			.map(ChatMessageDeserializer::messagesFromJson)
			.orElseGet(List::of);
	}

	@Override
	public void updateMessages(Object memoryId, List<ChatMessage> messages) {
		String json = ChatMessageSerializer.messagesToJson(messages);
		Timestamp now = Timestamp.from(Instant.now());
		int updated = update(memoryId, json, now);
		if (updated == 0) {
			try {
				this.jdbc.sql("INSERT INTO project51_agent_memory (memory_id, messages, updated_at) VALUES (?, ?, ?)")
					.params(memoryId.toString(), json, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				update(memoryId, json, now);
			}
		}
	}

	private int update(Object memoryId, String json, Timestamp now) {
		return this.jdbc.sql("UPDATE project51_agent_memory SET messages = ?, updated_at = ? WHERE memory_id = ?")
			.params(json, now, memoryId.toString())
			.update();
	}

	@Override
	public void deleteMessages(Object memoryId) {
		this.jdbc.sql("DELETE FROM project51_agent_memory WHERE memory_id = ?").param(memoryId.toString()).update();
	}

}
