package dev.project51.agent.server.memory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.ChatStream;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.testsupport.AgentApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Conversations survive a restart of the agent: transcript (with the ratings of answers)
 * and model memory live in the embedded H2 file at {@code project51.agent.memory.path}.
 */
class ConversationPersistenceTests {

	@TempDir
	Path data;

	@Test
	void restartKeepsTheConversationAndItsModelMemory() {
		String conversationId;
		try (AgentApp first = AgentApp.start(this.data, List.of());
				AgentClient client = AgentClient.builder().baseUrl(first.baseUrl()).build()) {
			ChatReply reply = client.chat(ChatRequest.of("How do I roll back a release?"));
			conversationId = reply.conversationId();
			client.rateMessage(conversationId, reply.messageId(), MessageFeedback.UP);
		}
		assertThat(Files.exists(this.data.resolve("agent-db.mv.db"))).as("H2 database file").isTrue();
		try (AgentApp second = AgentApp.start(this.data, List.of());
				AgentClient client = AgentClient.builder().baseUrl(second.baseUrl()).build()) {
			Conversation before = client.conversation(conversationId);
			assertThat(before.messages()).extracting((message) -> message.role())
				.containsExactly(Role.USER, Role.ASSISTANT);
			assertThat(before.messages().get(0).text()).isEqualTo("How do I roll back a release?");
			assertThat(before.messages().get(1).citations()).extracting((citation) -> citation.source())
				.contains("knowledge/rolling-back.md");
			assertThat(before.messages().get(1).feedback()).as("the rating of the answer").isEqualTo("up");
			continueAfterTheRestart(second, client, conversationId);
		}
	}

	@Test
	void aFirstMessageThatCannotBeRecordedLeavesNoConversationBehind() {
		try (AgentApp agent = AgentApp.start(this.data, List.of());
				AgentClient client = AgentClient.builder().baseUrl(agent.baseUrl()).build()) {
			JdbcClient jdbc = JdbcClient.create(agent.bean(DataSource.class));
			// The store refuses this one message: its conversation is created, its turn
			// taken, then the message cannot be written.
			jdbc.sql(
					"ALTER TABLE project51_agent_message ADD CONSTRAINT test_refused CHECK (message_text <> 'refused')")
				.update();
			assertThatExceptionOfType(AgentClientException.class)
				.isThrownBy(() -> client.chat(ChatRequest.of("refused")));
			assertThatExceptionOfType(AgentClientException.class).isThrownBy(() -> {
				try (ChatStream stream = client.stream(ChatRequest.of("refused"))) {
					stream.forEach((event) -> {
					});
				}
			});
			assertThat(jdbc.sql("SELECT COUNT(*) FROM project51_agent_conversation").query(Integer.class).single())
				.as("conversations created")
				.isZero();
			ChatReply reply = client.chat(ChatRequest.of("How do I roll back a release?"));
			assertThat(client.conversation(reply.conversationId()).messages()).hasSize(2);
		}
	}

	/**
	 * The second turn after a restart: the transcript grows to four messages and the
	 * model memory holds both questions. Shared with {@link PostgresPersistenceIT}.
	 */
	static void continueAfterTheRestart(AgentApp agent, AgentClient client, String conversationId) {
		client.chat(ChatRequest.of(conversationId, "And how do I deploy?"));
		assertThat(client.conversation(conversationId).messages()).hasSize(4);
		List<ChatMessage> memory = agent.bean(ChatMemoryStore.class).getMessages(conversationId);
		assertThat(memory).filteredOn(UserMessage.class::isInstance)
			.extracting((message) -> ((UserMessage) message).singleText())
			.containsExactly("How do I roll back a release?", "And how do I deploy?");
	}

}
