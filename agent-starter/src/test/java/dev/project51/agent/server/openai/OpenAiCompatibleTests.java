package dev.project51.agent.server.openai;

import java.net.http.HttpResponse;
import java.util.List;

import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.Http.SseFrame;
import dev.project51.agent.server.testsupport.SharedAgentTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI-compatible endpoint over real HTTP: OpenAI's response and chunk formats, the
 * history sent by the client, and OpenAI-shaped errors.
 */
class OpenAiCompatibleTests extends SharedAgentTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void answersAChatCompletion() {
		HttpResponse<String> response = http.postJson("/v1/chat/completions", """
				{"model": "project51-agent", "messages": [
				  {"role": "system", "content": "You are a pirate."},
				  {"role": "user", "content": "How do I roll back a release?"}]}
				""");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode completion = JSON.readTree(response.body());
		assertThat(completion.path("id").asString()).startsWith("chatcmpl-");
		assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
		assertThat(completion.path("created").asLong()).isPositive();
		assertThat(completion.path("model").asString()).isEqualTo("local");
		JsonNode choice = completion.path("choices").get(0);
		assertThat(choice.path("index").asInt()).isZero();
		assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
		assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").asString()).contains("kubectl rollout undo");
		assertThat(completion.path("usage").path("total_tokens").asInt()).isPositive();
		assertThat(completion.path("project51").path("degraded").asBoolean()).isFalse();
		assertThat(completion.path("project51").path("citations").get(0).path("source").asString())
			.isEqualTo("knowledge/rolling-back.md");
	}

	@Test
	void acceptsContentPartsAndAHistory() {
		HttpResponse<String> response = http.postJson("/v1/chat/completions", """
				{"model": "project51-agent", "messages": [
				  {"role": "user", "content": "Hello"},
				  {"role": "assistant", "content": "Hello! How can I help?"},
				  {"role": "user", "content": [{"type": "text", "text": "What time is it?"}]}]}
				""");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).path("choices").get(0).path("message").path("content").asString())
			.startsWith("The `currentTime` tool returned:");
	}

	@Test
	void streamsChunksEndingWithDone() {
		HttpResponse<String> response = http.postJson("/v1/chat/completions", """
				{"model": "project51-agent", "stream": true,
				 "messages": [{"role": "user", "content": "What is Project51?"}]}
				""");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.body()).as("a keep-alive comment at once, which OpenAI clients skip")
			.startsWith(": keep-alive\n\n")
			.endsWith("data: [DONE]\n\n");
		assertThat(response.body().replace(": keep-alive\n\n", "")).startsWith("data: {");
		List<SseFrame> frames = Http.frames(response.body());
		assertThat(frames).allSatisfy((frame) -> assertThat(frame.event()).isNull());
		assertThat(frames.get(frames.size() - 1).data()).isEqualTo("[DONE]");
		List<JsonNode> chunks = frames.subList(0, frames.size() - 1)
			.stream()
			.map((frame) -> JSON.readTree(frame.data()))
			.toList();
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.path("id").asString()).isEqualTo(chunks.get(0).path("id").asString());
			assertThat(chunk.path("model").asString()).isEqualTo("local");
		});
		assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asString()).isEqualTo("assistant");
		JsonNode last = chunks.get(chunks.size() - 1);
		assertThat(last.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(last.path("project51").path("citations").get(0).path("source").asString())
			.isEqualTo("knowledge/project51.md");
		StringBuilder text = new StringBuilder();
		chunks.forEach((chunk) -> text.append(chunk.path("choices").get(0).path("delta").path("content").asString("")));
		assertThat(text.toString()).contains("Project51 is a Java toolkit");
	}

	@Test
	void listsTheAgentAsAModel() {
		JsonNode models = JSON.readTree(http.get("/v1/models").body());
		assertThat(models.path("object").asString()).isEqualTo("list");
		assertThat(models.path("data").get(0).path("id").asString()).isEqualTo("project51-agent");
		assertThat(models.path("data").get(0).path("object").asString()).isEqualTo("model");
	}

	@Test
	void answersErrorsInOpenAisShape() {
		HttpResponse<String> unauthorized = new Http(app.baseUrl(), null).get("/v1/models");
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		JsonNode error = JSON.readTree(unauthorized.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
		assertThat(error.path("message").asString()).contains("bearer token");
		HttpResponse<String> noUser = http.postJson("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}");
		assertThat(noUser.statusCode()).isEqualTo(400);
		JsonNode invalid = JSON.readTree(noUser.body()).path("error");
		assertThat(invalid.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(invalid.path("param").asString()).isEqualTo("messages");
		HttpResponse<String> empty = http.postJson("/v1/chat/completions", "{\"messages\": []}");
		assertThat(empty.statusCode()).isEqualTo(400);
		HttpResponse<String> tooLong = http.postJson("/v1/chat/completions",
				"{\"messages\": [{\"role\": \"user\", \"content\": \"" + "y".repeat(501) + "\"}]}");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(tooLong.body()).path("error").path("message").asString()).contains("too long");
	}

}
