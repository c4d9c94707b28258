package dev.project51.testsupport.providers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Google Gemini API ({@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent}, key in {@code x-goog-api-key} or {@code ?key=}). Errors
 * are {@code google.rpc.Status} documents, pretty-printed as Google's front ends send
 * them; a stream has no end marker: it ends with the response.
 */
final class GeminiDialect extends Dialect {

	private static final String MODELS = "/v1beta/models/";

	@Override
	String basePath() {
		return "/v1beta";
	}

	@Override
	Call route(WireRequest request, JsonNode body) throws Rejection {
		String path = request.path();
		int colon = path.lastIndexOf(':');
		if (!path.startsWith(MODELS) || colon < MODELS.length()) {
			throw new Rejection(status(404, "NOT_FOUND", "Requested entity was not found.", null));
		}
		String model = path.substring(MODELS.length(), colon);
		String method = path.substring(colon + 1);
		boolean stream;
		if ("generateContent".equals(method)) {
			stream = false;
		}
		else if ("streamGenerateContent".equals(method)) {
			stream = true;
		}
		else {
			throw new Rejection(status(404, "NOT_FOUND", "Requested entity was not found.", null));
		}
		if (!"POST".equals(request.method())) {
			throw new Rejection(status(405, "INVALID_ARGUMENT", "Method not allowed: " + request.method(), null));
		}
		if (!body.isObject()) {
			throw new Rejection(status(400, "INVALID_ARGUMENT",
					"Invalid JSON payload received. Unexpected token or end of input.", null));
		}
		if (!body.path("contents").isArray()) {
			throw new Rejection(status(400, "INVALID_ARGUMENT",
					"* GenerateContentRequest.contents: contents is not " + "specified", null));
		}
		int promptTokens = words(body.path("contents"), "text") + words(body.path("systemInstruction"), "text");
		return new Call(model, stream, Math.max(1, promptTokens), randomId(22),
				Map.of("sse", "sse".equals(request.queryParameter("alt"))));
	}

	@Override
	Reply checkKey(WireRequest request, String expected) {
		String key = request.header("x-goog-api-key");
		if (key == null) {
			key = request.queryParameter("key");
		}
		if (key == null || key.isEmpty()) {
			return status(403, "PERMISSION_DENIED",
					"Method doesn't allow unregistered callers (callers without established identity). Please use API "
							+ "Key or other form of API consumer identity to call this API.",
					null);
		}
		if (key.equals(expected)) {
			return null;
		}
		return status(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
				errorInfo("API_KEY_INVALID"));
	}

	@Override
	Map<String, String> commonHeaders(Call call) {
		return headers("Vary", "Origin, X-Origin, Referer", "Server", "scaffolding on HTTPServer2",
				"X-Content-Type-Options", "nosniff");
	}

	@Override
	Reply error(Call call, int status) {
		return switch (status) {
			case 400 -> status(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", null);
			case 401 -> unauthorized(call);
			case 403 -> status(403, "PERMISSION_DENIED", "The caller does not have permission", null);
			case 404 ->
				status(404, "NOT_FOUND",
						"models/" + call.model()
								+ " is not found for API version v1beta, or is not supported for generateContent.",
						null);
			case 429 -> status(429, "RESOURCE_EXHAUSTED",
					"You exceeded your current quota, please check your plan and billing details.", null);
			case 500 -> status(500, "INTERNAL", "An internal error has occurred. Please retry or report in "
					+ "https://developers.generativeai.google/guide/troubleshooting", null);
			case 503 -> status(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
			case 504 -> status(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", null);
			default -> (status >= 500) ? status(status, "INTERNAL", "Internal error (injected " + status + ").", null)
					: status(status, "INVALID_ARGUMENT", "Invalid request (injected " + status + ").", null);
		};
	}

	@Override
	Reply unauthorized(Call call) {
		return status(401, "UNAUTHENTICATED",
				"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
						+ "valid authentication credential.",
				null);
	}

	@Override
	Reply overloaded(Call call) {
		return error(call, 503);
	}

	@Override
	Reply rateLimited(Call call, String retryAfter, long seconds, Instant resetAt) {
		ArrayNode details = JSON.createArrayNode();
		ObjectNode quota = details.addObject();
		quota.put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
		ObjectNode violation = quota.putArray("violations").addObject();
		violation.put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
		violation.put("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
		violation.putObject("quotaDimensions").put("model", call.model()).put("location", "global");
		violation.put("quotaValue", "10");
		ObjectNode retryInfo = details.addObject();
		retryInfo.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
		retryInfo.put("retryDelay", seconds + "s");
		Reply reply = status(429, "RESOURCE_EXHAUSTED",
				"You exceeded your current quota, please check your plan and billing details. Please retry in "
						+ seconds + "s.",
				details);
		reply.headers().put("Retry-After", retryAfter);
		return reply;
	}

	@Override
	String jsonContentType() {
		return "application/json; charset=UTF-8";
	}

	@Override
	String completion(Call call, List<String> tokens) {
		return json(response(call, String.join("", tokens), true, tokens.size()));
	}

	@Override
	String streamContentType(Call call) {
		return call.option("sse") ? "text/event-stream" : jsonContentType();
	}

	@Override
	Framing framing(Call call) {
		return call.option("sse") ? Framing.SSE_CRLF : Framing.JSON_ARRAY;
	}

	@Override
	List<Event> preamble(Call call) {
		return List.of();
	}

	@Override
	Event token(Call call, List<String> tokens, int index) {
		boolean last = index == tokens.size() - 1;
		return Event.data(json(response(call, tokens.get(index), last, index + 1)));
	}

	@Override
	List<Event> ending(Call call, List<String> tokens) {
		return List.of();
	}

	@Override
	Event malformedEvent(Call call) {
		return Event.data("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"");
	}

	@Override
	Event inStreamError(Call call) {
		ObjectNode body = object();
		ObjectNode error = body.putObject("error");
		error.put("code", 503);
		error.put("message", "The model is overloaded. Please try again later.");
		error.put("status", "UNAVAILABLE");
		return Event.data(json(body));
	}

	private ObjectNode response(Call call, String text, boolean finished, int candidatesTokens) {
		ObjectNode response = object();
		ObjectNode candidate = response.putArray("candidates").addObject();
		ObjectNode content = candidate.putObject("content");
		content.putArray("parts").addObject().put("text", text);
		content.put("role", "model");
		if (finished) {
			candidate.put("finishReason", "STOP");
		}
		candidate.put("index", 0);
		ObjectNode usage = response.putObject("usageMetadata");
		usage.put("promptTokenCount", call.promptTokens());
		usage.put("candidatesTokenCount", candidatesTokens);
		usage.put("totalTokenCount", call.promptTokens() + candidatesTokens);
		ObjectNode promptDetails = usage.putArray("promptTokensDetails").addObject();
		promptDetails.put("modality", "TEXT");
		promptDetails.put("tokenCount", call.promptTokens());
		response.put("modelVersion", call.model());
		response.put("responseId", call.id());
		return response;
	}

	private static ArrayNode errorInfo(String reason) {
		ArrayNode details = JSON.createArrayNode();
		ObjectNode info = details.addObject();
		info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
		info.put("reason", reason);
		info.put("domain", "googleapis.com");
		info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
		return details;
	}

	private Reply status(int code, String status, String message, ArrayNode details) {
		ObjectNode body = object();
		ObjectNode error = body.putObject("error");
		error.put("code", code);
		error.put("message", message);
		error.put("status", status);
		if (details != null) {
			error.set("details", details);
		}
		String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n";
		return reply(code, jsonContentType(), pretty, headers());
	}

}
