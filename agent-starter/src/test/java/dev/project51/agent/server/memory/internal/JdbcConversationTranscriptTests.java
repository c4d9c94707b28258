package dev.project51.agent.server.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transcript's writes of more than one statement on the embedded H2 database: each
 * happens whole or not at all. The second statement is made to fail by a constraint the
 * test adds to the schema.
 */
class JdbcConversationTranscriptTests {

	private static final Instant REFUSED_ACTIVITY = Instant.parse("2001-01-01T00:00:00Z");

	private final DataSource h2 = new DriverManagerDataSource(
			"jdbc:h2:mem:transcript-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcClient jdbc = JdbcClient.create(this.h2);

	private final JdbcConversationTranscript transcript;

	JdbcConversationTranscriptTests() {
		AgentSchema.migrate(this.h2);
		this.transcript = new JdbcConversationTranscript(this.jdbc, JsonMapper.shared(),
				new TransactionTemplate(new JdbcTransactionManager(this.h2)));
	}

	@Test
	void aMessageWhoseConversationCannotBeUpdatedIsNotWritten() {
		this.transcript.create("c1", "owner", "Atomic", Instant.now());
		this.transcript.append("c1", message("kept", Instant.now()));
		this.jdbc
			.sql("ALTER TABLE project51_agent_conversation ADD CONSTRAINT refused_activity CHECK (updated_at <> ?)")
			.param(java.sql.Timestamp.from(REFUSED_ACTIVITY))
			.update();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.transcript.append("c1", message("rolled back", REFUSED_ACTIVITY)));
		assertThat(this.transcript.find("c1").orElseThrow().messages()).extracting(ConversationMessage::text)
			.containsExactly("kept");
	}

	@Test
	void aConversationThatCannotBeDeletedKeepsItsMessages() {
		this.transcript.create("c2", "owner", "Referenced", Instant.now());
		this.transcript.append("c2", message("still here", Instant.now()));
		this.jdbc
			.sql("CREATE TABLE test_reference (conversation_id VARCHAR(64)"
					+ " REFERENCES project51_agent_conversation (conversation_id))")
			.update();
		this.jdbc.sql("INSERT INTO test_reference VALUES ('c2')").update();
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.transcript.delete("c2"));
		assertThat(this.transcript.find("c2").orElseThrow().messages()).extracting(ConversationMessage::text)
			.containsExactly("still here");
	}

	@Test
	void aDeletedConversationIsGoneWithItsMessages() {
		this.transcript.create("c3", "owner", "Gone", Instant.now());
		this.transcript.append("c3", message("bye", Instant.now()));
		this.transcript.delete("c3");
		assertThat(this.transcript.find("c3")).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM project51_agent_message WHERE conversation_id = 'c3'")
			.query(Integer.class)
			.single()).isZero();
	}

	private static ConversationMessage message(String text, Instant at) {
		return new ConversationMessage(Role.USER, text, null, false, List.of(), at);
	}

}
