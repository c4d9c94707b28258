package dev.project51.testsupport.providers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic messages ({@code POST /v1/messages} with {@code x-api-key} and
 * {@code anthropic-version}).
 */
final class AnthropicDialect extends Dialect {

	private static final String PATH = "/v1/messages";

	@Override
	String basePath() {
		return "/v1";
	}

	@Override
	Call route(WireRequest request, JsonNode body) throws Rejection {
		if (!PATH.equals(request.path())) {
			throw new Rejection(error(404, "not_found_error", "Not Found", Map.of()));
		}
		if (!"POST".equals(request.method())) {
			throw new Rejection(error(405, "invalid_request_error",
					"Method Not Allowed: " + request.method() + " " + request.path(), Map.of()));
		}
		if (request.header("anthropic-version") == null) {
			throw new Rejection(error(400, "invalid_request_error", "anthropic-version: header is required", Map.of()));
		}
		if (!body.isObject()) {
			throw new Rejection(error(400, "invalid_request_error", "Request body is not valid JSON", Map.of()));
		}
		if (!body.path("model").isString()) {
			throw new Rejection(error(400, "invalid_request_error", "model: Field required", Map.of()));
		}
		if (!body.path("max_tokens").isNumber()) {
			throw new Rejection(error(400, "invalid_request_error", "max_tokens: Field required", Map.of()));
		}
		int promptTokens = words(body.path("messages"), "content", "text") + words(body.path("system"), "text");
		return new Call(body.path("model").stringValue(), body.path("stream").asBoolean(false),
				Math.max(1, promptTokens), "msg_01" + randomId(22), Map.of());
	}

	@Override
	Reply checkKey(WireRequest request, String expected) {
		String key = request.header("x-api-key");
		if (key == null || key.isEmpty()) {
			return error(401, "authentication_error", "x-api-key header is required", Map.of());
		}
		return key.equals(expected) ? null : error(401, "authentication_error", "invalid x-api-key", Map.of());
	}

	@Override
	Map<String, String> commonHeaders(Call call) {
		return headers("request-id", "req_01" + randomId(22), "anthropic-organization-id",
				"00000000-0000-0000-0000-000000000000");
	}

	@Override
	Reply error(Call call, int status) {
		return switch (status) {
			case 400 -> error(400, "invalid_request_error", "Invalid request (injected 400).", Map.of());
			case 401 -> error(401, "authentication_error", "invalid x-api-key", Map.of());
			case 403 -> error(403, "permission_error",
					"Your API key does not have permission to use the specified " + "resource.", Map.of());
			case 404 -> error(404, "not_found_error", "model: " + call.model(), Map.of());
			case 413 ->
				error(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", Map.of());
			case 429 ->
				error(429, "rate_limit_error", "This request would exceed your organization's rate limit.", Map.of());
			case 500 -> error(500, "api_error", "Internal server error", Map.of());
			case 504 -> error(504, "timeout_error", "Request timed out", Map.of());
			case 529 -> error(529, "overloaded_error", "Overloaded", Map.of());
			default -> (status >= 500)
					? error(status, "api_error", "Internal server error (injected " + status + ")", Map.of())
					: error(status, "invalid_request_error", "Invalid request (injected " + status + ")", Map.of());
		};
	}

	@Override
	Reply unauthorized(Call call) {
		return error(call, 401);
	}

	@Override
	Reply overloaded(Call call) {
		return error(call, 529);
	}

	@Override
	Reply rateLimited(Call call, String retryAfter, long seconds, Instant resetAt) {
		String reset = resetAt.truncatedTo(ChronoUnit.SECONDS).toString();
		Map<String, String> headers = headers("retry-after", retryAfter, "anthropic-ratelimit-requests-limit", "50",
				"anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset", reset);
		return error(429, "rate_limit_error",
				"This request would exceed the rate limit for your organization of 50 requests per minute. For "
						+ "details, refer to: https://docs.claude.com/en/api/rate-limits.",
				headers);
	}

	@Override
	String jsonContentType() {
		return "application/json";
	}

	@Override
	String completion(Call call, List<String> tokens) {
		ObjectNode message = message(call);
		ObjectNode text = message.putArray("content").addObject();
		text.put("type", "text");
		text.put("text", String.join("", tokens));
		message.put("stop_reason", "end_turn");
		message.putNull("stop_sequence");
		message.set("usage", usage(call.promptTokens(), tokens.size()));
		return json(message);
	}

	@Override
	List<Event> preamble(Call call) {
		ObjectNode start = object();
		start.put("type", "message_start");
		ObjectNode message = message(call);
		message.putArray("content");
		message.putNull("stop_reason");
		message.putNull("stop_sequence");
		message.set("usage", usage(call.promptTokens(), 1));
		start.set("message", message);

		ObjectNode blockStart = object();
		blockStart.put("type", "content_block_start");
		blockStart.put("index", 0);
		ObjectNode block = blockStart.putObject("content_block");
		block.put("type", "text");
		block.put("text", "");

		ObjectNode ping = object();
		ping.put("type", "ping");
		return List.of(new Event("message_start", json(start)), new Event("content_block_start", json(blockStart)),
				new Event("ping", json(ping)));
	}

	@Override
	Event token(Call call, List<String> tokens, int index) {
		ObjectNode event = object();
		event.put("type", "content_block_delta");
		event.put("index", 0);
		ObjectNode delta = event.putObject("delta");
		delta.put("type", "text_delta");
		delta.put("text", tokens.get(index));
		return new Event("content_block_delta", json(event));
	}

	@Override
	List<Event> ending(Call call, List<String> tokens) {
		ObjectNode blockStop = object();
		blockStop.put("type", "content_block_stop");
		blockStop.put("index", 0);

		ObjectNode messageDelta = object();
		messageDelta.put("type", "message_delta");
		ObjectNode delta = messageDelta.putObject("delta");
		delta.put("stop_reason", "end_turn");
		delta.putNull("stop_sequence");
		ObjectNode usage = messageDelta.putObject("usage");
		usage.put("output_tokens", tokens.size());

		ObjectNode messageStop = object();
		messageStop.put("type", "message_stop");
		return List.of(new Event("content_block_stop", json(blockStop)), new Event("message_delta", json(messageDelta)),
				new Event("message_stop", json(messageStop)));
	}

	@Override
	Event malformedEvent(Call call) {
		return new Event("content_block_delta",
				"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"");
	}

	@Override
	Event inStreamError(Call call) {
		ObjectNode body = object();
		body.put("type", "error");
		ObjectNode error = body.putObject("error");
		error.put("type", "overloaded_error");
		error.put("message", "Overloaded");
		return new Event("error", json(body));
	}

	private ObjectNode message(Call call) {
		ObjectNode message = object();
		message.put("id", call.id());
		message.put("type", "message");
		message.put("role", "assistant");
		message.put("model", call.model());
		return message;
	}

	private static ObjectNode usage(int inputTokens, int outputTokens) {
		ObjectNode usage = object();
		usage.put("input_tokens", inputTokens);
		usage.put("cache_creation_input_tokens", 0);
		usage.put("cache_read_input_tokens", 0);
		usage.put("output_tokens", outputTokens);
		usage.put("service_tier", "standard");
		return usage;
	}

	private Reply error(int status, String type, String message, Map<String, String> extraHeaders) {
		ObjectNode body = object();
		body.put("type", "error");
		ObjectNode error = body.putObject("error");
		error.put("type", type);
		error.put("message", message);
		body.put("request_id", "req_01" + randomId(22));
		Map<String, String> headers = headers();
		headers.putAll(extraHeaders);
		return reply(status, jsonContentType(), json(body), headers);
	}

}
