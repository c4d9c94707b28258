package dev.project51.agent.server.chat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentInvalidRequestException;
import dev.project51.agent.client.AgentNotFoundException;
import dev.project51.agent.client.AgentUnauthorizedException;
import dev.project51.agent.client.ChatStream;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.Http.SseFrame;
import dev.project51.agent.server.testsupport.SharedAgent;
import dev.project51.agent.server.testsupport.SharedAgentTests;
import dev.project51.agent.server.testsupport.SlowTool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The v1 agent API over real HTTP, offline, with an API token: answers, streams,
 * conversations, models, health, and every error as problem+json valid against the
 * contract.
 */
class AgentApiTests extends SharedAgentTests {

	static final String TOKEN = SharedAgent.TOKEN;

	static final String XSS = "<script>alert('owned')</script><img src=x onerror=alert(1)>";

	@Test
	void answersOfflineWithCitationsAndTheModelName() {
		ChatReply reply = client.chat(ChatRequest.of("How do I roll back a release?"));
		assertThat(reply.model()).isEqualTo("local");
		assertThat(reply.degraded()).isFalse();
		assertThat(reply.reply()).contains("kubectl rollout undo");
		assertThat(reply.citations()).first().satisfies((citation) -> {
			assertThat(citation.source()).isEqualTo("knowledge/rolling-back.md");
			assertThat(citation.title()).startsWith("Rolling back");
		});
		assertThat(reply.conversationId()).matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
	}

	@Test
	void chatResponseMatchesTheContract() {
		HttpResponse<String> response = http.postJson("/api/v1/chat", "{\"message\":\"What is Project51?\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		ContractSchemas.assertValid("ChatReply", response.body());
	}

	@Test
	void streamsMetaTokensAndDoneMatchingTheContract() {
		HttpResponse<String> response = http.postJson("/api/v1/chat/stream",
				"{\"message\":\"Where are conversations stored?\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<SseFrame> frames = Http.frames(response.body());
		assertThat(frames.get(0).event()).isEqualTo("meta");
		assertThat(frames.get(frames.size() - 1).event()).isEqualTo("done");
		assertThat(frames.subList(1, frames.size() - 1)).hasSizeGreaterThan(5)
			.allSatisfy((frame) -> assertThat(frame.event()).isEqualTo("token"));
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("local");
		StringBuilder text = new StringBuilder();
		for (SseFrame token : frames.subList(1, frames.size() - 1)) {
			text.append(ContractSchemas.assertValid("TokenEvent", token.data()).path("text").asString());
		}
		JsonNode done = ContractSchemas.assertValid("DoneEvent", frames.get(frames.size() - 1).data());
		assertThat(done.path("reply").asString()).isEqualTo(text.toString());
		assertThat(done.path("citations").get(0).path("source").asString())
			.isEqualTo("knowledge/conversation-memory.md");
		Conversation conversation = client.conversation(meta.path("conversationId").asString());
		assertThat(conversation.messages()).extracting((message) -> message.role())
			.containsExactly(Role.USER, Role.ASSISTANT);
	}

	@Test
	void streamsThroughTheClient() {
		StringBuilder text = new StringBuilder();
		StreamEvent.Done done = null;
		try (ChatStream stream = client.stream(ChatRequest.of("What time is it?"))) {
			for (StreamEvent event : stream) {
				if (event instanceof StreamEvent.Token token) {
					text.append(token.text());
				}
				else if (event instanceof StreamEvent.Done finished) {
					done = finished;
				}
			}
		}
		assertThat(done).isNotNull();
		assertThat(done.reply()).isEqualTo(text.toString()).startsWith("The `currentTime` tool returned:");
	}

	@Test
	void keepsTheConversationAndForgetsItOnDelete() {
		ChatReply first = client.chat(ChatRequest.of("What is Project51?"));
		ChatReply second = client.chat(ChatRequest.of(first.conversationId(), "How do I deploy?"));
		assertThat(second.conversationId()).isEqualTo(first.conversationId());
		HttpResponse<String> raw = http.get("/api/v1/conversations/" + first.conversationId());
		JsonNode document = ContractSchemas.assertValid("Conversation", raw.body());
		assertThat(document.path("messages")).hasSize(4);
		Conversation conversation = client.conversation(first.conversationId());
		assertThat(conversation.messages()).extracting((message) -> message.role())
			.containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
		assertThat(conversation.messages().get(1).model()).isEqualTo("local");
		assertThat(conversation.messages().get(1).citations()).isNotEmpty();
		assertThat(conversation.messages().get(2).text()).isEqualTo("How do I deploy?");
		HttpResponse<String> deleted = http.delete("/api/v1/conversations/" + first.conversationId());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(http.delete("/api/v1/conversations/" + first.conversationId()).statusCode()).isEqualTo(204);
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> client.conversation(first.conversationId()));
	}

	@Test
	void ignoresUnknownFieldsForForwardCompatibility() {
		HttpResponse<String> response = http.postJson("/api/v1/chat",
				"{\"message\":\"What is kind?\",\"clientVersion\":\"2.0\"}");
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void issuesConversationIdsOfAtLeast128RandomBitsAndRefusesOnesItDidNotIssue() {
		ChatReply reply = client.chat(ChatRequest.of("What is kind?"));
		// "c" and 144 bits in Base64url
		assertThat(reply.conversationId()).matches("c[A-Za-z0-9_-]{24}");
		assertThat(client.chat(ChatRequest.of("What is kind?")).conversationId()).isNotEqualTo(reply.conversationId());
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> client.chat(ChatRequest.of("client-chosen_1", "What is kind?")));
		assertProblem(
				http.postJson("/api/v1/chat/stream", "{\"conversationId\":\"client-chosen_2\",\"message\":\"hi\"}"),
				ProblemType.NOT_FOUND);
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> client.conversation("client-chosen_1"));
	}

	@Test
	void listsTheFailoverChain() {
		HttpResponse<String> response = http.get("/api/v1/models");
		JsonNode models = ContractSchemas.assertValidArray("ModelStatus", response.body());
		assertThat(models).hasSize(1);
		assertThat(models.get(0).path("name").asString()).isEqualTo("local");
		assertThat(models.get(0).path("state").asString()).isEqualTo("CLOSED");
		assertThat(client.models()).hasSize(1);
	}

	@Test
	void requiresTheBearerToken() {
		HttpResponse<String> missing = new Http(app.baseUrl(), null).postJson("/api/v1/chat", "{\"message\":\"hi\"}");
		assertProblem(missing, ProblemType.UNAUTHORIZED);
		assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
		HttpResponse<String> wrong = new Http(app.baseUrl(), TOKEN + "x").get("/api/v1/models");
		assertProblem(wrong, ProblemType.UNAUTHORIZED);
		assertThat(wrong.body()).doesNotContain(TOKEN);
		try (AgentClient anonymous = AgentClient.builder().baseUrl(app.baseUrl()).build()) {
			assertThatExceptionOfType(AgentUnauthorizedException.class).isThrownBy(anonymous::models);
		}
	}

	@Test
	void healthNeedsNoToken() {
		Http anonymous = new Http(app.baseUrl(), null);
		for (String path : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
			HttpResponse<String> response = anonymous.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(ContractSchemas.assertValid("Health", response.body()).path("status").asString())
				.isEqualTo("UP");
		}
		assertThat(client.health().isUp()).isTrue();
	}

	@Test
	void rejectsBlankAndOverlongMessages() {
		JsonNode blank = assertProblem(http.postJson("/api/v1/chat", "{\"message\":\"  \"}"),
				ProblemType.INVALID_REQUEST);
		assertThat(blank.path("errors").get(0).path("field").asString()).isEqualTo("message");
		JsonNode tooLong = assertProblem(
				http.postJson("/api/v1/chat/stream", "{\"message\":\"" + "x".repeat(501) + "\"}"),
				ProblemType.INVALID_REQUEST);
		assertThat(tooLong.path("detail").asString()).contains("at most 500 characters");
		assertThatExceptionOfType(AgentInvalidRequestException.class).isThrownBy(() -> client.chat(ChatRequest.of("")));
	}

	@Test
	void rejectsMalformedConversationIds() {
		JsonNode problem = assertProblem(
				http.postJson("/api/v1/chat", "{\"conversationId\":\"../etc\",\"message\":\"hi\"}"),
				ProblemType.INVALID_REQUEST);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("conversationId");
		assertProblem(http.get("/api/v1/conversations/" + "x".repeat(65)), ProblemType.INVALID_REQUEST);
		assertProblem(http.get("/api/v1/conversations/-starts-with-dash"), ProblemType.INVALID_REQUEST);
	}

	@Test
	void answersNotFoundForUnknownConversations() {
		assertProblem(http.get("/api/v1/conversations/never-seen"), ProblemType.NOT_FOUND);
	}

	@Test
	void rejectsBodiesThatAreNotJson() {
		HttpResponse<String> text = http.send(http.request("/api/v1/chat")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build());
		assertProblem(text, ProblemType.UNSUPPORTED_MEDIA_TYPE);
		assertProblem(http.postJson("/api/v1/chat", "{\"message\": "), ProblemType.INVALID_REQUEST);
		assertProblem(http.postJson("/api/v1/chat", "[1, 2]"), ProblemType.INVALID_REQUEST);
	}

	@Test
	void rejectsBodiesLargerThanTheLimit() {
		String large = "{\"message\":\"hi\",\"padding\":\"" + "x".repeat(5000) + "\"}";
		assertProblem(http.postJson("/api/v1/chat", large), ProblemType.PAYLOAD_TOO_LARGE);
		HttpResponse<String> chunked = http.send(http.request("/api/v1/chat")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8))))
			.build());
		assertProblem(chunked, ProblemType.PAYLOAD_TOO_LARGE);
	}

	@Test
	void refusesASecondTurnOfABusyConversation() throws Exception {
		String busy = client.chat(ChatRequest.of("What is kind?")).conversationId();
		SlowTool.arm();
		CompletableFuture<ChatReply> first = CompletableFuture
			.supplyAsync(() -> client.chat(ChatRequest.of(busy, "Please run the slow maintenance now")));
		assertThat(SlowTool.awaitStarted(20)).as("slow tool started").isTrue();
		HttpResponse<String> second = http.postJson("/api/v1/chat",
				"{\"conversationId\":\"" + busy + "\",\"message\":\"Are you there?\"}");
		assertProblem(second, ProblemType.CONVERSATION_BUSY);
		HttpResponse<String> otherConversation = http.postJson("/api/v1/chat", "{\"message\":\"What is kind?\"}");
		assertThat(otherConversation.statusCode()).isEqualTo(200);
		SlowTool.release();
		ChatReply reply = first.get(20, TimeUnit.SECONDS);
		assertThat(reply.reply()).contains("maintenance finished");
		assertThat(client.chat(ChatRequest.of(busy, "Thanks")).conversationId()).isEqualTo(busy);
	}

	@Test
	void keepsUntrustedKnowledgeVerbatimInAnswers() {
		ChatReply reply = client.chat(ChatRequest.of("What is the banana split dessert recipe?"));
		assertThat(reply.reply()).contains(XSS);
		assertThat(reply.citations().get(0).source()).isEqualTo("test-knowledge/untrusted.md");
	}

	@Test
	void unknownApiPathIsAProblemNamingTheEndpoints() {
		JsonNode problem = assertProblem(http.get("/api/v1/nope"), ProblemType.NOT_FOUND);
		assertThat(problem.path("detail").asString()).contains("/api/v1/nope").contains("/api/v1/chat");
	}

	@Test
	void wrongMethodIsAProblemWithTheAllowedMethods() {
		HttpResponse<String> response = http.get("/api/v1/chat");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
		JsonNode problem = ContractSchemas.assertValid("ProblemDetail", response.body());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
		assertThat(problem.path("detail").asString()).contains("Method GET is not supported").contains("use POST");
	}

	static JsonNode assertProblem(HttpResponse<String> response, ProblemType type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(type.status());
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		JsonNode problem = ContractSchemas.assertValid("ProblemDetail", response.body());
		assertThat(problem.path("type").asString()).isEqualTo(type.uri());
		assertThat(problem.path("status").asInt()).isEqualTo(type.status());
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		return problem;
	}

}
