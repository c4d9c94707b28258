package dev.project51.testsupport.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat completions ({@code POST /v1/chat/completions}), as OpenAI and the
 * OpenAI-compatible servers answer.
 */
final class OpenAiDialect extends Dialect {

	private static final String PATH = "/v1/chat/completions";

	private static final long CREATED = 1_767_225_600L;

	@Override
	String basePath() {
		return "/v1";
	}

	@Override
	Call route(WireRequest request, JsonNode body) throws Rejection {
		if (!"POST".equals(request.method()) || !PATH.equals(request.path())) {
			throw new Rejection(error(404, "Invalid URL (" + request.method() + " " + request.path() + ")",
					"invalid_request_error", null, Map.of()));
		}
		if (!body.isObject()) {
			throw new Rejection(error(400,
					"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
							+ "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
							+ "valid JSON.)",
					"invalid_request_error", null, Map.of()));
		}
		if (!body.path("model").isString()) {
			throw new Rejection(
					error(400, "you must provide a model parameter", "invalid_request_error", null, Map.of()));
		}
		boolean stream = body.path("stream").asBoolean(false);
		boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
		return new Call(body.path("model").stringValue(), stream,
				Math.max(1, words(body.path("messages"), "content", "text")), "chatcmpl-" + randomId(24),
				Map.of("usage", usage));
	}

	@Override
	Reply checkKey(WireRequest request, String expected) {
		String authorization = request.header("authorization");
		if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7) {
			return error(401,
					"You didn't provide an API key. You need to provide your API key in an Authorization header using "
							+ "Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
					"invalid_request_error", null, Map.of());
		}
		String key = authorization.substring(7).trim();
		return key.equals(expected) ? null : invalidKey(key);
	}

	@Override
	Map<String, String> commonHeaders(Call call) {
		return headers("x-request-id", "req_" + randomId(32), "openai-processing-ms", "12", "openai-version",
				"2020-10-01");
	}

	@Override
	Reply error(Call call, int status) {
		return switch (status) {
			case 400 -> error(400, "Invalid request (injected 400).", "invalid_request_error", null, Map.of());
			case 401 -> invalidKey("sk-fake");
			case 403 -> error(403, "Country, region, or territory not supported", "request_forbidden",
					"unsupported_country_region_territory", Map.of());
			case 404 -> error(404, "The model `" + call.model() + "` does not exist or you do not have access to it.",
					"invalid_request_error", "model_not_found", Map.of());
			case 429 -> error(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded", Map.of());
			case 500 -> error(500, "The server had an error while processing your request. Sorry about that!",
					"server_error", null, Map.of());
			case 503 -> error(503, "The server is overloaded or not ready yet.", "server_error", null, Map.of());
			default -> error(status, "Injected HTTP " + status + ".",
					(status >= 500) ? "server_error" : "invalid_request_error", null, Map.of());
		};
	}

	@Override
	Reply unauthorized(Call call) {
		return invalidKey("sk-fake");
	}

	@Override
	Reply overloaded(Call call) {
		return error(call, 503);
	}

	@Override
	Reply rateLimited(Call call, String retryAfter, long seconds, Instant resetAt) {
		String reset = goDuration(seconds);
		Map<String, String> headers = headers("Retry-After", retryAfter, "x-ratelimit-limit-requests", "60",
				"x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", reset, "x-ratelimit-limit-tokens",
				"150000", "x-ratelimit-remaining-tokens", "149000", "x-ratelimit-reset-tokens", "400ms");
		return error(429,
				"Rate limit reached for " + call.model() + " in organization org-fake on requests per min (RPM): "
						+ "Limit 60, Used 60, Requested 1. Please try again in " + reset + ".",
				"requests", "rate_limit_exceeded", headers);
	}

	@Override
	String jsonContentType() {
		return "application/json";
	}

	@Override
	String completion(Call call, List<String> tokens) {
		ObjectNode completion = chunkBase(call, "chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", String.join("", tokens));
		message.putNull("refusal");
		message.putArray("annotations");
		choice.putNull("logprobs");
		choice.put("finish_reason", "stop");
		completion.set("usage", usage(call, tokens.size()));
		completion.put("service_tier", "default");
		completion.put("system_fingerprint", "fp_fake");
		return json(completion);
	}

	@Override
	List<Event> preamble(Call call) {
		ObjectNode delta = object();
		delta.put("role", "assistant");
		delta.put("content", "");
		delta.putNull("refusal");
		return List.of(chunk(call, delta, null));
	}

	@Override
	Event token(Call call, List<String> tokens, int index) {
		ObjectNode delta = object();
		delta.put("content", tokens.get(index));
		return chunk(call, delta, null);
	}

	@Override
	List<Event> ending(Call call, List<String> tokens) {
		Event finish = chunk(call, object(), "stop");
		Event done = Event.data("[DONE]");
		if (!call.option("usage")) {
			return List.of(finish, done);
		}
		ObjectNode usage = chunkBase(call, "chat.completion.chunk");
		usage.put("service_tier", "default");
		usage.put("system_fingerprint", "fp_fake");
		usage.putArray("choices");
		usage.set("usage", usage(call, tokens.size()));
		return List.of(finish, Event.data(json(usage)), done);
	}

	@Override
	Event malformedEvent(Call call) {
		return Event.data("{\"id\":\"" + call.id()
				+ "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0," + "\"delta\":{\"content\":\"");
	}

	@Override
	Event inStreamError(Call call) {
		ObjectNode body = object();
		ObjectNode error = body.putObject("error");
		error.put("message", "The server had an error while processing your request. Sorry about that!");
		error.put("type", "server_error");
		error.putNull("param");
		error.putNull("code");
		return Event.data(json(body));
	}

	private Event chunk(Call call, ObjectNode delta, String finishReason) {
		ObjectNode chunk = chunkBase(call, "chat.completion.chunk");
		chunk.put("service_tier", "default");
		chunk.put("system_fingerprint", "fp_fake");
		ArrayNode choices = chunk.putArray("choices");
		ObjectNode choice = choices.addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason == null) {
			choice.putNull("finish_reason");
		}
		else {
			choice.put("finish_reason", finishReason);
		}
		if (call.option("usage")) {
			chunk.putNull("usage");
		}
		return Event.data(json(chunk));
	}

	private ObjectNode chunkBase(Call call, String object) {
		ObjectNode node = object();
		node.put("id", call.id());
		node.put("object", object);
		node.put("created", CREATED);
		node.put("model", call.model());
		return node;
	}

	private ObjectNode usage(Call call, int completionTokens) {
		ObjectNode usage = object();
		usage.put("prompt_tokens", call.promptTokens());
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", call.promptTokens() + completionTokens);
		ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
		promptDetails.put("cached_tokens", 0);
		promptDetails.put("audio_tokens", 0);
		ObjectNode completionDetails = usage.putObject("completion_tokens_details");
		completionDetails.put("reasoning_tokens", 0);
		completionDetails.put("audio_tokens", 0);
		completionDetails.put("accepted_prediction_tokens", 0);
		completionDetails.put("rejected_prediction_tokens", 0);
		return usage;
	}

	private Reply invalidKey(String key) {
		String shown = (key.length() > 8)
				? key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4) : "***";
		return error(401,
				"Incorrect API key provided: " + shown + ". You can find your API key at "
						+ "https://platform.openai.com/account/api-keys.",
				"invalid_request_error", "invalid_api_key", Map.of());
	}

	private Reply error(int status, String message, String type, String code, Map<String, String> extraHeaders) {
		ObjectNode body = object();
		ObjectNode error = body.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.putNull("param");
		if (code == null) {
			error.putNull("code");
		}
		else {
			error.put("code", code);
		}
		Map<String, String> headers = headers();
		headers.putAll(extraHeaders);
		return reply(status, jsonContentType(), json(body), headers);
	}

	/**
	 * A duration as OpenAI's rate-limit headers spell it: {@code 20s}, {@code 6m0s}.
	 */
	private static String goDuration(long seconds) {
		Duration duration = Duration.ofSeconds(seconds);
		if (duration.toMinutes() == 0) {
			return seconds + "s";
		}
		return (duration.toHours() > 0 ? duration.toHours() + "h" : "") + duration.toMinutesPart() + "m"
				+ duration.toSecondsPart() + "s";
	}

}
