package dev.project51.frontend.chat.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import dev.project51.testsupport.agent.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the page's conversation API ({@code /api/conversations}) against a fake agent:
 * every call names the browser session's end user.
 */
class ConversationControllerTests extends FrontendHttpTestSupport {

	@Test
	void returnsTheHistoryKeptByTheAgent() throws Exception {
		Instant at = Instant.parse("2026-11-28T10:15:30Z");
		agent.conversation(new Conversation("c-history",
				List.of(new ConversationMessage(Role.USER, "How do I roll back?", null, false, List.of(), at),
						new ConversationMessage(Role.ASSISTANT, "Run `deploy.sh --rollback`.", "local", true,
								List.of(new Citation("knowledge/rollback.md", "Rolling back", null)),
								at.plusSeconds(2)))));
		HttpResponse<String> response = get("/api/conversations/c-history");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(ContractSchemas.violations("Conversation", response.body())).isEmpty();
		JsonNode messages = json(response.body()).get("messages");
		assertThat(messages).hasSize(2);
		assertThat(messages.get(0).get("role").asString()).isEqualTo("user");
		assertThat(messages.get(1).get("model").asString()).isEqualTo("local");
		assertThat(messages.get(1).get("degraded").asBoolean()).isTrue();
		assertThat(messages.get(1).get("at").asString()).isEqualTo("2026-11-28T10:15:32Z");
		assertThat(agent.requests("GET", AgentApi.CONVERSATIONS_PATH).get(0).header("Authorization"))
			.isEqualTo("Bearer " + TOKEN);
		assertThat(response.body()).doesNotContain(TOKEN);
	}

	@Test
	void answersNotFoundForAConversationTheAgentForgot() throws Exception {
		HttpResponse<String> response = get("/api/conversations/c-unknown");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(json(response.body()).get("type").asString()).isEqualTo(ProblemType.NOT_FOUND.uri());
		assertThat(ContractSchemas.violations("ProblemDetail", response.body())).isEmpty();
	}

	@Test
	void refusesAMalformedIdWithoutAskingTheAgent() throws Exception {
		HttpResponse<String> response = get("/api/conversations/-dash-first");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("conversationId");
		assertThat(agent.requests("GET", AgentApi.CONVERSATIONS_PATH)).isEmpty();
	}

	@Test
	void listsRenamesAndDeletesTheSessionsConversationsForItsEndUser() throws Exception {
		agent.conversation(new Conversation("c-list", List.of(), "First question", null));
		HttpResponse<String> list = get("/api/conversations");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(ContractSchemas.violations("ConversationList", list.body())).isEmpty();
		assertThat(json(list.body()).get("conversations").get(0).get("title").asString()).isEqualTo("First question");

		HttpResponse<String> renamed = send(
				request("/api/conversations/c-list").header("Content-Type", "application/json")
					.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"  Rolling back  \"}")));
		assertThat(renamed.statusCode()).isEqualTo(200);
		assertThat(json(renamed.body()).get("title").asString()).isEqualTo("Rolling back");

		HttpResponse<String> deleted = send(request("/api/conversations/c-list").DELETE());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(agent.requests("DELETE", AgentApi.CONVERSATIONS_PATH)).hasSize(1);

		List<String> endUsers = agent.requests()
			.stream()
			.filter((recorded) -> recorded.path().startsWith(AgentApi.CONVERSATION_LIST_PATH))
			.map((recorded) -> recorded.header(AgentApi.END_USER_HEADER))
			.toList();
		assertThat(endUsers).hasSize(3).allMatch((endUser) -> endUser != null && endUser.startsWith("s-"));
		assertThat(agent.violations()).isEmpty();
	}

	@Test
	void relaysARatingOfAnAnswerToTheAgentForTheSessionsEndUserAndReadsItBack() throws Exception {
		Instant at = Instant.parse("2026-11-28T10:15:30Z");
		agent.conversation(new Conversation("c-rated",
				List.of(new ConversationMessage(Role.USER, "How do I roll back?", null, false, List.of(), at)
					.withId("m1", null),
						new ConversationMessage(Role.ASSISTANT, "Run `deploy.sh --rollback`.", "local", false,
								List.of(), at.plusSeconds(2))
							.withId("m2", null)),
				"How do I roll back?", null));
		HttpResponse<String> rated = rate("c-rated", "m2", "{\"rating\":\"down\"}");
		assertThat(rated.statusCode()).isEqualTo(204);
		RecordedRequest put = agent.requests("PUT", AgentApi.CONVERSATIONS_PATH).get(0);
		assertThat(put.path()).isEqualTo(AgentApi.feedbackPath("c-rated", "m2"));
		assertThat(put.body()).isEqualTo("{\"rating\":\"down\"}");
		assertThat(put.header(AgentApi.END_USER_HEADER)).startsWith("s-");
		JsonNode answer = json(get("/api/conversations/c-rated").body()).get("messages").get(1);
		assertThat(answer.get("id").asString()).isEqualTo("m2");
		assertThat(answer.get("feedback").asString()).isEqualTo("down");

		HttpResponse<String> question = rate("c-rated", "m1", "{\"rating\":\"up\"}");
		assertThat(question.statusCode()).as("a question is no answer").isEqualTo(404);
		assertThat(json(question.body()).get("type").asString()).isEqualTo(ProblemType.NOT_FOUND.uri());
		assertThat(rate("c-unknown", "m2", "{\"rating\":\"up\"}").statusCode()).isEqualTo(404);
		assertThat(agent.violations()).isEmpty();
	}

	@Test
	void refusesABadRatingOrMessageIdWithAProblemNamingItWithoutAskingTheAgent() throws Exception {
		for (String body : List.of("{\"rating\":\"sideways\"}", "{\"rating\":\"UP\"}", "{\"rating\":null}", "{}")) {
			HttpResponse<String> response = rate("c-any", "m1", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(ContractSchemas.violations("ProblemDetail", response.body())).isEmpty();
			assertThat(json(response.body()).get("errors").get(0).get("field").asString()).as(body).isEqualTo("rating");
		}
		HttpResponse<String> messageId = rate("c-any", "-m1", "{\"rating\":\"up\"}");
		assertThat(messageId.statusCode()).isEqualTo(400);
		assertThat(json(messageId.body()).get("errors").get(0).get("field").asString()).isEqualTo("messageId");
		assertThat(agent.requests("PUT", AgentApi.CONVERSATIONS_PATH)).isEmpty();
	}

	private HttpResponse<String> rate(String conversationId, String messageId, String body) throws Exception {
		return send(request("/api/conversations/" + conversationId + "/messages/" + messageId + "/feedback")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	@Test
	void refusesABadTitleOrCursorWithAProblemNamingItWithoutAskingTheAgent() throws Exception {
		for (String body : List.of("{\"title\":\"   \"}", "{\"title\":\"a\\nb\"}",
				"{\"title\":\"" + "x".repeat(AgentApi.MAX_TITLE_LENGTH + 1) + "\"}", "{}")) {
			HttpResponse<String> response = send(
					request("/api/conversations/c-any").header("Content-Type", "application/json")
						.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(json(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("title");
		}
		HttpResponse<String> before = get("/api/conversations/c-any?before=..%2F");
		assertThat(before.statusCode()).isEqualTo(400);
		assertThat(json(before.body()).get("errors").get(0).get("field").asString()).isEqualTo("before");
		HttpResponse<String> cursor = get("/api/conversations?cursor=%3Cscript%3E");
		assertThat(cursor.statusCode()).isEqualTo(400);
		assertThat(json(cursor.body()).get("errors").get(0).get("field").asString()).isEqualTo("cursor");
		assertThat(agent.requests())
			.noneMatch((recorded) -> recorded.path().startsWith(AgentApi.CONVERSATION_LIST_PATH));
	}

}
