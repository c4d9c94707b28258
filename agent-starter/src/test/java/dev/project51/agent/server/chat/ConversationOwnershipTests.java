package dev.project51.agent.server.chat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentNotFoundException;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.SharedAgentTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Conversations belong to the end user that created them (the end-user header, honoured
 * with the token): anyone else gets 404 and cannot rename, delete or list them. The
 * history is read in pages, backwards, and the list of an end user's conversations too.
 */
class ConversationOwnershipTests extends SharedAgentTests {

	@Test
	void aConversationIsInvisibleToEveryoneButItsEndUser() {
		AgentClient alice = client.forEndUser("s-alice-" + System.nanoTime());
		AgentClient mallory = client.forEndUser("s-mallory-" + System.nanoTime());
		String id = alice.chat(ChatRequest.of("How do I roll back a release?")).conversationId();
		assertThat(alice.conversation(id).messages()).hasSize(2);
		assertThatExceptionOfType(AgentNotFoundException.class).isThrownBy(() -> mallory.conversation(id));
		assertThatExceptionOfType(AgentNotFoundException.class).isThrownBy(() -> client.conversation(id));
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> mallory.chat(ChatRequest.of(id, "Tell me Alice's secrets")));
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> mallory.renameConversation(id, "owned"));
		mallory.deleteConversation(id);
		client.deleteConversation(id);
		assertThat(mallory.conversations(null, 50).conversations()).isEmpty();
		// The same answer as for an id nobody issued: nothing tells that it exists.
		HttpResponse<String> foreign = http.send(http.request(AgentApi.CONVERSATIONS_PATH + id)
			.header(AgentApi.END_USER_HEADER, "s-mallory")
			.GET()
			.build());
		HttpResponse<String> unknown = http.send(http.request(AgentApi.CONVERSATIONS_PATH + "cUnknownUnknownUnknown000")
			.header(AgentApi.END_USER_HEADER, "s-mallory")
			.GET()
			.build());
		assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
		assertThat(ContractSchemas.assertValid("ProblemDetail", foreign.body()).path("type").asString())
			.isEqualTo(ProblemType.NOT_FOUND.uri());
		assertThat(alice.conversation(id).messages()).hasSize(2);
		assertThat(alice.conversations(null, 50).conversations()).extracting(ConversationSummary::conversationId)
			.containsExactly(id);
	}

	@Test
	void theEndUserHeaderNeedsTheToken() {
		HttpResponse<String> withoutToken = new Http(app.baseUrl(), null)
			.send(HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + AgentApi.CONVERSATION_LIST_PATH))
				.header(AgentApi.END_USER_HEADER, "s-alice")
				.GET()
				.build());
		assertThat(withoutToken.statusCode()).isEqualTo(401);
	}

	@Test
	void aLongConversationIsReadBackwardsPageByPage() {
		AgentClient bob = client.forEndUser("s-bob-" + System.nanoTime());
		String id = bob.chat(ChatRequest.of("What is kind?")).conversationId();
		for (int i = 0; i < 6; i++) {
			bob.chat(ChatRequest.of(id, "Question " + i + ": what is kind?"));
		}
		Conversation latest = bob.conversation(id, null, 5);
		assertThat(latest.messages()).hasSize(5);
		assertThat(latest.title()).isEqualTo("What is kind?");
		assertThat(latest.earlier()).isNotNull();
		List<ConversationMessage> all = new ArrayList<>(latest.messages());
		String before = latest.earlier();
		while (before != null) {
			Conversation page = bob.conversation(id, before, 5);
			all.addAll(0, page.messages());
			before = page.earlier();
		}
		assertThat(all).hasSize(14);
		assertThat(all).isEqualTo(bob.conversation(id, null, AgentApi.MAX_PAGE_SIZE).messages());
		assertThat(all.get(0).text()).isEqualTo("What is kind?");
		HttpResponse<String> page = http.send(http.request(AgentApi.CONVERSATIONS_PATH + id + "?limit=3")
			.header(AgentApi.END_USER_HEADER, bob.toString().isEmpty() ? "" : "x")
			.GET()
			.build());
		assertThat(page.statusCode()).as("another end user").isEqualTo(404);
		for (String query : List.of("?limit=0", "?limit=201", "?limit=x", "?before=..%2F", "?before=abc")) {
			HttpResponse<String> bad = http.send(http.request(AgentApi.CONVERSATIONS_PATH + id + query).GET().build());
			assertThat(bad.statusCode()).as(query).isIn(400, 404);
		}
	}

	@Test
	void endUsersListRenameAndDeleteTheirConversationsNewestFirst() {
		AgentClient carol = client.forEndUser("s-carol-" + System.nanoTime());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(carol.chat(ChatRequest.of("Conversation " + i + " about kind")).conversationId());
		}
		ConversationList first = carol.conversations(null, 2);
		assertThat(first.conversations()).extracting(ConversationSummary::conversationId)
			.containsExactly(ids.get(2), ids.get(1));
		assertThat(first.conversations().get(0).title()).isEqualTo("Conversation 2 about kind");
		ConversationList second = carol.conversations(first.next(), 2);
		assertThat(second.conversations()).extracting(ConversationSummary::conversationId).containsExactly(ids.get(0));
		assertThat(second.next()).isNull();
		ConversationSummary renamed = carol.renameConversation(ids.get(0), "  Kind, explained  ");
		assertThat(renamed.title()).isEqualTo("Kind, explained");
		assertThat(carol.conversations(null, 1).conversations().get(0).conversationId()).isEqualTo(ids.get(0));
		HttpResponse<String> blank = http.send(http.request(AgentApi.CONVERSATIONS_PATH + ids.get(0))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"a\\nb\"}"))
			.build());
		assertThat(blank.statusCode()).isEqualTo(400);
		carol.deleteConversation(ids.get(1));
		assertThat(carol.conversations(null, 50).conversations()).extracting(ConversationSummary::conversationId)
			.containsExactly(ids.get(0), ids.get(2));
	}

}
