package dev.project51.agent.server.memory;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentNotFoundException;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The agent on PostgreSQL instead of the embedded H2 file: Flyway creates the tables with
 * the same migration, conversations and model memory survive a restart, and the memory
 * store inserts, updates and deletes.
 * <p>
 * Needs a PostgreSQL server: {@code PROJECT51_TEST_POSTGRES_URL} (a JDBC URL of an empty
 * database the test may write to), {@code PROJECT51_TEST_POSTGRES_USER} and
 * {@code PROJECT51_TEST_POSTGRES_PASSWORD}. {@code .ci/run} sets one up. Without them the
 * test is skipped, except under {@code CI=true}, where it fails.
 */
class PostgresPersistenceIT {

	@TempDir
	Path data;

	@BeforeAll
	static void needsPostgres() {
		TestPostgres.require();
	}

	@Test
	void conversationsAndModelMemorySurviveARestart() {
		String conversationId;
		try (AgentApp first = start(); AgentClient client = client(first)) {
			ChatReply reply = client.chat(ChatRequest.of("How do I roll back a release?"));
			conversationId = reply.conversationId();
			assertThat(reply.citations()).extracting((citation) -> citation.source())
				.contains("knowledge/rolling-back.md");
			JdbcClient jdbc = JdbcClient.create(first.bean(DataSource.class));
			assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
		}
		try (AgentApp second = start(); AgentClient client = client(second)) {
			assertThat(client.conversation(conversationId).messages()).extracting((message) -> message.role())
				.containsExactly(Role.USER, Role.ASSISTANT);
			ConversationPersistenceTests.continueAfterTheRestart(second, client, conversationId);

			client.deleteConversation(conversationId);
			assertThatExceptionOfType(AgentNotFoundException.class)
				.isThrownBy(() -> client.conversation(conversationId));
		}
	}

	@Test
	void memoryStoreInsertsUpdatesAndDeletes() {
		try (AgentApp agent = start()) {
			ChatMemoryStore store = agent.bean(ChatMemoryStore.class);
			String id = "c-" + UUID.randomUUID();
			assertThat(store.getMessages(id)).isEmpty();
			store.updateMessages(id, List.of(UserMessage.from("first")));
			store.updateMessages(id, List.of(UserMessage.from("first"), AiMessage.from("answer")));
			assertThat(store.getMessages(id)).hasSize(2).last().isEqualTo(AiMessage.from("answer"));
			store.deleteMessages(id);
			assertThat(store.getMessages(id)).isEmpty();
		}
	}

	private AgentApp start() {
		return AgentApp.start(this.data, List.of(), TestPostgres.properties());
	}

	private static AgentClient client(AgentApp agent) {
		return AgentClient.builder().baseUrl(agent.baseUrl()).build();
	}

}
