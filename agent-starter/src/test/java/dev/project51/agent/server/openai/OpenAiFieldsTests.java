package dev.project51.agent.server.openai;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.Http.SseFrame;
import dev.project51.agent.server.testsupport.SharedAgentTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of a chat completions request, sent to {@code /v1} of an offline agent (the
 * local model alone): honoured, or refused with a 400 that names it in OpenAI's error
 * shape. The fields that only reach remote providers are in
 * {@link OpenAiProviderParametersTests}.
 */
class OpenAiFieldsTests extends SharedAgentTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String WEATHER_TOOL = """
			{"type": "function", "function": {"name": "get_weather",
			  "description": "Returns the current weather of a city: temperature, rain and wind",
			  "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "the city"}},
			                 "required": ["city"]}}}""";

	private static final String ORDER_TOOL = """
			{"type": "function", "function": {"name": "cancel_order", "description": "Cancels an order by its number",
			  "parameters": {"type": "object", "properties": {"number": {"type": "integer"}}, "required": ["number"]}}}""";

	private static JsonNode ok(String body) {
		HttpResponse<String> response = http.postJson("/v1/chat/completions", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static JsonNode refused(String body, int status) {
		HttpResponse<String> response = http.postJson("/v1/chat/completions", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("message").asString()).isNotBlank();
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		return error;
	}

	private static String ask(String question, String extra) {
		return "{\"messages\": [{\"role\": \"user\", \"content\": " + JSON.writeValueAsString(question) + "}]"
				+ (extra.isEmpty() ? "" : ", " + extra) + "}";
	}

	private static JsonNode message(JsonNode completion) {
		return completion.path("choices").get(0).path("message");
	}

	@Test
	void modelNamesTheChainOrAModelOfIt() {
		assertThat(ok(ask("What is Project51?", "\"model\": \"project51-agent\"")).path("model").asString())
			.isEqualTo("local");
		JsonNode local = ok(ask("What is Project51?", "\"model\": \"local\""));
		assertThat(local.path("model").asString()).isEqualTo("local");
		assertThat(local.path("project51").path("degraded").asBoolean()).isFalse();
		JsonNode error = refused(ask("What is Project51?", "\"model\": \"gpt-9\""), 404);
		assertThat(error.path("code").asString()).isEqualTo("model_not_found");
		assertThat(error.path("param").asString()).isEqualTo("model");
		assertThat(error.path("message").asString()).contains("gpt-9", "project51-agent");
	}

	@Test
	void listsAndGetsModelsById() {
		JsonNode list = JSON.readTree(http.get("/v1/models").body());
		List<String> ids = new ArrayList<>();
		list.path("data").forEach((model) -> ids.add(model.path("id").asString()));
		assertThat(ids).containsExactly("project51-agent", "local");
		HttpResponse<String> one = http.get("/v1/models/local");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(one.body()).path("id").asString()).isEqualTo("local");
		assertThat(JSON.readTree(one.body()).path("object").asString()).isEqualTo("model");
		HttpResponse<String> missing = http.get("/v1/models/gpt-9");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(missing.body()).path("error").path("code").asString()).isEqualTo("model_not_found");
	}

	@Test
	void maxTokensCutsTheAnswerWithFinishReasonLength() {
		JsonNode full = ok(ask("How do I roll back a release?", ""));
		JsonNode cut = ok(ask("How do I roll back a release?", "\"max_tokens\": 3"));
		assertThat(cut.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
		String text = message(cut).path("content").asString();
		assertThat(text.trim().split("\\s+")).hasSize(3);
		assertThat(message(full).path("content").asString()).startsWith(text);
		assertThat(cut.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
		JsonNode same = ok(ask("How do I roll back a release?", "\"max_completion_tokens\": 3"));
		assertThat(message(same).path("content").asString()).isEqualTo(text);
	}

	@Test
	void maxTokensCutsAStreamToo() {
		HttpResponse<String> response = http.postJson("/v1/chat/completions",
				ask("How do I roll back a release?", "\"max_tokens\": 2, \"stream\": true"));
		List<JsonNode> chunks = chunks(response);
		StringBuilder text = new StringBuilder();
		chunks
			.forEach((chunk) -> text.append(chunk.path("choices").path(0).path("delta").path("content").asString("")));
		assertThat(text.toString().trim().split("\\s+")).hasSize(2);
		assertThat(chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asString())
			.isEqualTo("length");
	}

	@Test
	void stopEndsTheAnswerBeforeTheStopSequence() {
		String full = message(ok(ask("How do I roll back a release?", ""))).path("content").asString();
		String word = full.split("\\s+")[4];
		String cut = message(ok(ask("How do I roll back a release?", "\"stop\": [\"" + word + "\", \"zzz\"]")))
			.path("content")
			.asString();
		assertThat(cut).isEqualTo(full.substring(0, full.indexOf(word)));
		assertThat(message(ok(ask("How do I roll back a release?", "\"stop\": \"" + word + "\""))).path("content")
			.asString()).isEqualTo(cut);
	}

	@Test
	void samplingParametersInRangeAreAcceptedAndHaveNoEffectOnTheDeterministicLocalModel() {
		String plain = message(ok(ask("What is Project51?", ""))).path("content").asString();
		JsonNode sampled = ok(ask("What is Project51?", """
				"temperature": 1.7, "top_p": 0.3, "seed": 42, "frequency_penalty": -1.5, "presence_penalty": 2,
				"logit_bias": {"1234": -100, "42": 5.5}, "n": 1, "user": "u-1", "logprobs": false, "store": false"""));
		assertThat(message(sampled).path("content").asString()).isEqualTo(plain);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "\"temperature\": 2.5|temperature|invalid_value",
			"\"temperature\": -0.1|temperature|invalid_value", "\"temperature\": \"hot\"|temperature|invalid_type",
			"\"top_p\": 1.5|top_p|invalid_value", "\"frequency_penalty\": 3|frequency_penalty|invalid_value",
			"\"presence_penalty\": -2.5|presence_penalty|invalid_value", "\"seed\": 1.5|seed|invalid_type",
			"\"seed\": 99999999999|seed|invalid_value", "\"logit_bias\": {\"abc\": 1}|logit_bias|invalid_value",
			"\"logit_bias\": {\"12\": 101}|logit_bias|invalid_value", "\"max_tokens\": 0|max_tokens|invalid_value",
			"\"max_completion_tokens\": -1|max_completion_tokens|invalid_value",
			"\"max_tokens\": 5, \"max_completion_tokens\": 6|max_tokens|invalid_value", "\"stop\": 5|stop|invalid_type",
			"\"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]|stop|invalid_value", "\"stop\": [\"\"]|stop|invalid_value",
			"\"n\": 2|n|unsupported_value", "\"n\": 0|n|invalid_value", "\"logprobs\": true|logprobs|unsupported_value",
			"\"top_logprobs\": 3|top_logprobs|unsupported_value", "\"store\": true|store|unsupported_value",
			"\"modalities\": [\"audio\"]|modalities|unsupported_value",
			"\"functions\": []|functions|unsupported_parameter",
			"\"function_call\": \"auto\"|function_call|unsupported_parameter",
			"\"audio\": {}|audio|unsupported_parameter", "\"metadata\": {}|metadata|unsupported_parameter",
			"\"reasoning_effort\": \"low\"|reasoning_effort|unsupported_parameter",
			"\"frobnicate\": 1|frobnicate|unknown_parameter", "\"stream\": \"yes\"|stream|invalid_type",
			"\"stream_options\": {\"include_usage\": true}|stream_options|invalid_value",
			"\"response_format\": {\"type\": \"xml\"}|response_format|invalid_value",
			"\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"a b\", \"schema\": {}}}|response_format.json_schema.name|invalid_value",
			"\"tools\": [{\"type\": \"code\"}]|tools[0]|invalid_value",
			"\"tool_choice\": \"required\"|tool_choice|invalid_value",
			"\"tool_choice\": \"maybe\"|tool_choice|invalid_value",
			"\"parallel_tool_calls\": 1|parallel_tool_calls|invalid_type", "\"user\": 7|user|invalid_type",
			"\"model\": 7|model|invalid_type" })
	void refusesInvalidOrUnsupportedValuesNamingTheParameter(String field, String param, String code) {
		JsonNode error = refused(ask("What is Project51?", field), 400);
		assertThat(error.path("param").asString()).isEqualTo(param);
		assertThat(error.path("code").asString()).isEqualTo(code);
	}

	@Test
	void refusesMessagesItCannotRead() {
		assertThat(refused("""
				{"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}""", 400)
			.path("param")
			.asString()).isEqualTo("messages[0].content");
		assertThat(refused("""
				{"messages": [{"role": "function", "name": "f", "content": "x"}]}""", 400).path("code").asString())
			.isEqualTo("unsupported_value");
		assertThat(
				refused("""
						{"messages": [{"role": "user", "content": "hi"}, {"role": "tool", "tool_call_id": "nope", "content": "x"}]}""",
						400)
					.path("param")
					.asString())
			.isEqualTo("messages[1].tool_call_id");
		JsonNode tooLong = refused(ask("x".repeat(501), ""), 400);
		assertThat(tooLong.path("code").asString()).isEqualTo("context_length_exceeded");
	}

	@Test
	void systemAndDeveloperMessagesAreAcceptedAlongTheAgentsOwnPrompt() {
		JsonNode completion = ok("""
				{"messages": [{"role": "system", "content": "Answer briefly."},
				  {"role": "developer", "content": [{"type": "text", "text": "Cite sources."}]},
				  {"role": "user", "content": "How do I roll back a release?"}]}""");
		assertThat(message(completion).path("content").asString()).contains("kubectl rollout undo");
	}

	@Test
	void jsonObjectResponseFormatAnswersValidJson() {
		JsonNode completion = ok(
				ask("How do I roll back a release?", "\"response_format\": {\"type\": \"json_object\"}"));
		JsonNode answer = JSON.readTree(message(completion).path("content").asString());
		assertThat(answer.path("answer").asString()).contains("kubectl rollout undo");
	}

	@Test
	void jsonSchemaResponseFormatAnswersAnInstanceOfTheSchema() {
		JsonNode completion = ok(ask("How do I roll back a release?", """
				"response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true, "schema": {
				  "type": "object", "properties": {"summary": {"type": "string"}, "confidence": {"type": "number"},
				  "steps": {"type": "array", "items": {"type": "string"}},
				  "kind": {"type": "string", "enum": ["howto", "fact"]}, "note": {"type": ["string", "null"]}},
				  "required": ["summary", "confidence", "steps", "kind", "note"], "additionalProperties": false}}}"""));
		JsonNode answer = JSON.readTree(message(completion).path("content").asString());
		assertThat(answer.path("summary").asString()).contains("kubectl rollout undo");
		assertThat(answer.path("confidence").isNumber()).isTrue();
		assertThat(answer.path("steps").isArray()).isTrue();
		assertThat(answer.path("kind").asString()).isEqualTo("howto");
		assertThat(answer.has("note")).isTrue();
	}

	@Test
	void usageIsInEveryAnswerAndInAFinalChunkWhenAsked() {
		JsonNode usage = ok(ask("What is Project51?", "")).path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isPositive();
		assertThat(usage.path("completion_tokens").asInt()).isPositive();
		assertThat(usage.path("total_tokens").asInt())
			.isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
		List<JsonNode> chunks = chunks(http.postJson("/v1/chat/completions",
				ask("What is Project51?", "\"stream\": true, \"stream_options\": {\"include_usage\": true}")));
		JsonNode last = chunks.get(chunks.size() - 1);
		assertThat(last.path("choices").isEmpty()).isTrue();
		assertThat(last.path("usage").path("completion_tokens").asInt()).isPositive();
		assertThat(chunks.subList(0, chunks.size() - 1))
			.allSatisfy((chunk) -> assertThat(chunk.get("usage").isNull()).isTrue());
		List<JsonNode> plain = chunks(
				http.postJson("/v1/chat/completions", ask("What is Project51?", "\"stream\": true")));
		assertThat(plain).allSatisfy((chunk) -> assertThat(chunk.has("usage")).isFalse());
	}

	@Test
	void theLocalModelCallsAClientToolThatClearlyMatchesAndTheAgentDoesNotExecuteIt() {
		JsonNode completion = ok(ask("What is the weather in \"Paris\" right now?",
				"\"tools\": [" + WEATHER_TOOL + "," + ORDER_TOOL + "], \"parallel_tool_calls\": false"));
		JsonNode choice = completion.path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		JsonNode call = choice.path("message").path("tool_calls").get(0);
		assertThat(call.path("type").asString()).isEqualTo("function");
		assertThat(call.path("id").asString()).isNotBlank();
		assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
		assertThat(JSON.readTree(call.path("function").path("arguments").asString()).path("city").asString())
			.isEqualTo("Paris");
		assertThat(choice.path("message").path("content").isNull()).isTrue();
		// the client executes the tool and sends the result back
		JsonNode answer = ok("""
				{"tools": [%s], "messages": [
				  {"role": "user", "content": "What is the weather in \\"Paris\\" right now?"},
				  {"role": "assistant", "content": null, "tool_calls": [{"id": "%s", "type": "function",
				    "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}]},
				  {"role": "tool", "tool_call_id": "%s", "content": "18 °C, light rain"}]}""".formatted(WEATHER_TOOL,
				call.path("id").asString(), call.path("id").asString()));
		assertThat(answer.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(message(answer).path("content").asString()).contains("get_weather", "18 °C, light rain");
	}

	@Test
	void toolCallsAreStreamedAsToolCallDeltas() {
		List<JsonNode> chunks = chunks(http.postJson("/v1/chat/completions",
				ask("What is the weather in \"Oslo\"?", "\"stream\": true, \"tools\": [" + WEATHER_TOOL + "]")));
		JsonNode delta = chunks.stream()
			.map((chunk) -> chunk.path("choices").path(0).path("delta"))
			.filter((d) -> d.has("tool_calls"))
			.findFirst()
			.orElseThrow();
		JsonNode call = delta.path("tool_calls").get(0);
		assertThat(call.path("index").asInt()).isZero();
		assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
		assertThat(call.path("function").path("arguments").asString()).contains("Oslo");
		assertThat(chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asString())
			.isEqualTo("tool_calls");
	}

	@Test
	void toolChoiceRequiredAlwaysCallsATool() {
		JsonNode completion = ok(ask("How do I roll back a release?",
				"\"tools\": [" + WEATHER_TOOL + "," + ORDER_TOOL + "], \"tool_choice\": \"required\""));
		assertThat(completion.path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
		JsonNode named = ok(ask("How do I roll back a release?", "\"tools\": [" + WEATHER_TOOL + "," + ORDER_TOOL
				+ "], \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"cancel_order\"}}"));
		JsonNode call = message(named).path("tool_calls").get(0).path("function");
		assertThat(call.path("name").asString()).isEqualTo("cancel_order");
		assertThat(JSON.readTree(call.path("arguments").asString()).path("number").isNumber()).isTrue();
	}

	@Test
	void toolChoiceNoneNeverCallsATool() {
		JsonNode completion = ok(ask("What is the weather in \"Paris\" right now?",
				"\"tools\": [" + WEATHER_TOOL + "], \"tool_choice\": \"none\""));
		assertThat(completion.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(message(completion).has("tool_calls")).isFalse();
	}

	@Test
	void everyResponseHasARequestIdTakenFromTheRequestWhenValid() {
		HttpResponse<String> echoed = http
			.send(http.request("/v1/models").header("X-Request-Id", "client-id_1.2").GET().build());
		assertThat(echoed.headers().firstValue("x-request-id")).hasValue("client-id_1.2");
		HttpResponse<String> replaced = http
			.send(http.request("/v1/models").header("X-Request-Id", "bad id\u00e9").GET().build());
		// A new id is the request's trace id (docs/observability.md).
		assertThat(replaced.headers().firstValue("x-request-id"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f]{32}"));
		HttpResponse<String> unauthorized = new Http(app.baseUrl(), null).get("/v1/models");
		assertThat(unauthorized.headers().firstValue("x-request-id")).isPresent();
		assertThat(http.get("/api/v1/models").headers().firstValue("x-request-id")).isPresent();
	}

	static List<JsonNode> chunks(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).endsWith("data: [DONE]\n\n");
		List<SseFrame> frames = Http.frames(response.body());
		return frames.subList(0, frames.size() - 1).stream().map((frame) -> JSON.readTree(frame.data())).toList();
	}

}
