package dev.project51.agent.server.openai;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request fields that reach a remote provider: an agent whose primary model is a fake
 * OpenAI-compatible server, which records what it is sent. Also the chain model chosen by
 * {@code model}, the provider's usage counts, CORS and the per-user rate limit.
 */
class OpenAiProviderParametersTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String TOKEN = "provider-parameters-token";

	private static FakeProvider provider;

	private static AgentApp app;

	private static Http http;

	@BeforeAll
	static void startAnAgentInFrontOfAFakeProvider(@TempDir Path data) throws Exception {
		provider = FakeProvider.start(Protocol.OPENAI, "Hello from the provider");
		app = AgentApp.start(data, List.of(),
				AgentApp.firstModel(provider, "remote", "gpt-test", "project51.agent.api-token=" + TOKEN,
						"project51.agent.openai.cors-allowed-origins=https://chat.example,https://*.apps.example",
						"project51.agent.limits.rate-limit.user-burst=2",
						"project51.agent.limits.rate-limit.user-requests-per-minute=1"));
		http = new Http(app.baseUrl(), TOKEN);
	}

	@AfterAll
	static void stop() {
		app.close();
		provider.close();
	}

	@BeforeEach
	void forgetEarlierRequests() {
		provider.resetCount();
	}

	private static JsonNode ok(String body) {
		HttpResponse<String> response = http.postJson("/v1/chat/completions", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static JsonNode sentToTheProvider() {
		List<JsonNode> bodies = provider.bodies();
		assertThat(bodies).isNotEmpty();
		return bodies.get(bodies.size() - 1);
	}

	@Test
	void samplingAndLengthParametersReachTheProvider() {
		JsonNode completion = ok("""
				{"model": "project51-agent", "messages": [{"role": "user", "content": "Say hello"}],
				 "temperature": 0.3, "top_p": 0.9, "seed": 7, "frequency_penalty": 0.5, "presence_penalty": -0.5,
				 "logit_bias": {"1234": -100}, "stop": ["END"], "max_tokens": 50, "user": "alice-1"}""");
		assertThat(completion.path("model").asString()).isEqualTo("remote");
		assertThat(completion.path("choices").get(0).path("message").path("content").asString())
			.isEqualTo("Hello from the provider");
		JsonNode sent = sentToTheProvider();
		assertThat(sent.path("model").asString()).isEqualTo("gpt-test");
		assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
		assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
		assertThat(sent.path("seed").asInt()).isEqualTo(7);
		assertThat(sent.path("frequency_penalty").asDouble()).isEqualTo(0.5);
		assertThat(sent.path("presence_penalty").asDouble()).isEqualTo(-0.5);
		assertThat(sent.path("logit_bias").path("1234").asInt()).isEqualTo(-100);
		assertThat(sent.path("stop").get(0).asString()).isEqualTo("END");
		assertThat(sent.path("max_tokens").asInt() + sent.path("max_completion_tokens").asInt()).isEqualTo(50);
		assertThat(sent.path("user").asString()).isEqualTo("alice-1");
	}

	@Test
	void theClientsSystemMessageFollowsTheAgentsSystemPrompt() {
		ok("""
				{"messages": [{"role": "system", "content": "Answer like a pirate."},
				  {"role": "user", "content": "Say hello"}]}""");
		JsonNode system = sentToTheProvider().path("messages").get(0);
		assertThat(system.path("role").asString()).isEqualTo("system");
		assertThat(system.path("content").asString()).contains("Project51").endsWith("Answer like a pirate.");
	}

	@Test
	void responseFormatAndClientToolsReachTheProvider() {
		ok("""
				{"messages": [{"role": "user", "content": "Say hello"}],
				 "response_format": {"type": "json_schema", "json_schema": {"name": "greeting", "schema": {
				   "type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}}}""");
		JsonNode format = sentToTheProvider().path("response_format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
		assertThat(format.path("json_schema").path("name").asString()).isEqualTo("greeting");
		assertThat(format.path("json_schema").path("schema").path("properties").has("text")).isTrue();
		ok("""
				{"messages": [{"role": "user", "content": "Say hello"}], "tool_choice": "required",
				 "parallel_tool_calls": false, "tools": [{"type": "function", "function": {"name": "lookup",
				   "description": "Looks something up", "parameters": {"type": "object",
				   "properties": {"q": {"type": "string"}}, "required": ["q"]}}}]}""");
		JsonNode sent = sentToTheProvider();
		assertThat(sent.path("tools").get(0).path("function").path("name").asString()).isEqualTo("lookup");
		assertThat(sent.path("tool_choice").asString()).isEqualTo("required");
		assertThat(sent.path("parallel_tool_calls").asBoolean(true)).isFalse();
		assertThat(sent.path("messages").get(0).path("content").asString()).contains("Project51");
	}

	@Test
	void usageIsTheProvidersCount() {
		JsonNode usage = ok("{\"messages\": [{\"role\": \"user\", \"content\": \"Say hello\"}]}").path("usage");
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(4);
		assertThat(usage.path("prompt_tokens").asInt()).isPositive();
	}

	@Test
	void modelPicksWhereTheChainStarts() {
		JsonNode local = ok("{\"model\": \"local\", \"messages\": [{\"role\": \"user\", \"content\": \"Say hello\"}]}");
		assertThat(local.path("model").asString()).isEqualTo("local");
		assertThat(local.path("project51").path("degraded").asBoolean()).isFalse();
		assertThat(provider.requests()).isZero();
		JsonNode remote = ok("{\"model\": \"remote\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
		assertThat(remote.path("model").asString()).isEqualTo("remote");
		assertThat(provider.requests()).isEqualTo(1);
		List<String> ids = JSON.readTree(http.get("/v1/models").body())
			.path("data")
			.valueStream()
			.map((model) -> model.path("id").asString())
			.toList();
		assertThat(ids).containsExactly("project51-agent", "remote", "local");
	}

	@Test
	void corsPreflightsAreAnsweredWithoutATokenForAllowedOriginsOnly() {
		Http anonymous = new Http(app.baseUrl(), null);
		HttpResponse<String> allowed = anonymous.send(anonymous.request("/v1/chat/completions")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://chat.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization, content-type, x-stainless-os")
			.build());
		assertThat(allowed.statusCode()).isEqualTo(204);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://chat.example");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
			.containsIgnoringCase("authorization");
		HttpResponse<String> pattern = anonymous.send(anonymous.request("/v1/models")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://team.apps.example")
			.header("Access-Control-Request-Method", "GET")
			.build());
		assertThat(pattern.statusCode()).isEqualTo(204);
		HttpResponse<String> denied = anonymous.send(anonymous.request("/v1/chat/completions")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.build());
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(denied.body()).path("error").path("code").asString())
			.isEqualTo("cors_origin_not_allowed");
		assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> actual = http
			.send(http.request("/v1/models").header("Origin", "https://chat.example").GET().build());
		assertThat(actual.statusCode()).isEqualTo(200);
		assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://chat.example");
		assertThat(actual.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
			.containsIgnoringCase("x-request-id");
	}

	@Test
	void userIsTheEndUserOfTheRateLimit() {
		String body = "{\"model\": \"local\", \"user\": \"bob\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";
		ok(body);
		ok(body);
		HttpResponse<String> limited = http.postJson("/v1/chat/completions", body);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		JsonNode error = JSON.readTree(limited.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
		assertThat(error.path("type").asString()).isEqualTo("requests");
		ok(body.replace("bob", "carol"));
	}

}
