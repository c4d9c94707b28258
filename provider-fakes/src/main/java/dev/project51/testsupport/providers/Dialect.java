package dev.project51.testsupport.providers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire shapes of one provider: which requests it accepts, and how its answers, errors
 * and stream events look. The {@link FakeProvider} decides what to send when; a dialect
 * only says how it is spelled.
 */
abstract class Dialect {

	static final JsonMapper JSON = JsonMapper.shared();

	static Dialect of(Protocol protocol) {
		return switch (protocol) {
			case OPENAI -> new OpenAiDialect();
			case ANTHROPIC -> new AnthropicDialect();
			case GEMINI -> new GeminiDialect();
		};
	}

	/**
	 * The path the base URL ends with, e.g. {@code /v1}.
	 */
	abstract String basePath();

	/**
	 * Routes a request.
	 * @param request the request
	 * @param body its body as JSON, a missing node when it is not JSON
	 * @return the call to answer
	 * @throws Rejection when the real API would refuse the request whatever the fault
	 */
	abstract Call route(WireRequest request, JsonNode body) throws Rejection;

	/**
	 * Checks the request's credentials.
	 * @param request the request
	 * @param expected the expected API key
	 * @return null when the key is right, or the provider's answer to a missing or wrong
	 * key
	 */
	abstract Reply checkKey(WireRequest request, String expected);

	/**
	 * Headers the provider sends on every answer, e.g. a request id.
	 */
	abstract Map<String, String> commonHeaders(Call call);

	abstract Reply error(Call call, int status);

	abstract Reply unauthorized(Call call);

	abstract Reply overloaded(Call call);

	/**
	 * A 429 answer.
	 * @param call the call
	 * @param retryAfter the {@code Retry-After} value (seconds or an HTTP date)
	 * @param seconds the same as a number of seconds from now
	 * @param resetAt the same as an instant
	 */
	abstract Reply rateLimited(Call call, String retryAfter, long seconds, Instant resetAt);

	abstract String jsonContentType();

	/**
	 * The complete answer of a blocking call.
	 */
	abstract String completion(Call call, List<String> tokens);

	/**
	 * The content type of a stream: server-sent events unless the dialect says otherwise.
	 */
	String streamContentType(Call call) {
		return "text/event-stream; charset=utf-8";
	}

	/**
	 * How stream events are framed: server-sent events unless the dialect says otherwise.
	 */
	Framing framing(Call call) {
		return Framing.SSE;
	}

	/**
	 * What the provider streams before the first text token.
	 */
	abstract List<Event> preamble(Call call);

	/**
	 * The event that carries one text token.
	 * @param index the token's index
	 * @param tokens all the answer's tokens
	 */
	abstract Event token(Call call, List<String> tokens, int index);

	/**
	 * What the provider streams after the last token of a complete answer.
	 */
	abstract List<Event> ending(Call call, List<String> tokens);

	/**
	 * An event whose data is broken JSON, in place of the first token.
	 */
	abstract Event malformedEvent(Call call);

	/**
	 * The provider's error event inside a 200 stream.
	 */
	abstract Event inStreamError(Call call);

	static String json(JsonNode node) {
		return JSON.writeValueAsString(node);
	}

	static ObjectNode object() {
		return JSON.createObjectNode();
	}

	static Reply reply(int status, String contentType, String body, Map<String, String> headers) {
		return new Reply(status, headers, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	static String randomId(int length) {
		String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
		return hex.substring(0, length);
	}

	/**
	 * A rough token count of the text a request sends: its words.
	 * @param node the part of the request that holds message text: a string, or objects
	 * and arrays whose fields of the given names hold it
	 * @param fields the names of the fields whose string values are message text
	 * @return the number of words
	 */
	static int words(JsonNode node, String... fields) {
		int[] count = { 0 };
		countWords(node, List.of(fields), count);
		return count[0];
	}

	private static void countWords(JsonNode node, List<String> fields, int[] count) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			return;
		}
		if (node.isString()) {
			String text = node.stringValue().strip();
			count[0] += text.isEmpty() ? 0 : text.split("\\s+").length;
		}
		else if (node.isArray()) {
			node.values().forEach((element) -> countWords(element, fields, count));
		}
		else if (node.isObject()) {
			node.forEachEntry((name, value) -> {
				if (value.isContainer() || (value.isString() && fields.contains(name))) {
					countWords(value, fields, count);
				}
			});
		}
	}

	/**
	 * One request the fake answers.
	 *
	 * @param model the model asked for
	 * @param stream whether the answer streams
	 * @param promptTokens the input tokens to report
	 * @param id the id of the answer
	 * @param options dialect details of the request, e.g. whether usage is asked for
	 */
	record Call(String model, boolean stream, int promptTokens, String id, Map<String, Object> options) {

		boolean option(String name) {
			return Boolean.TRUE.equals(this.options.get(name));
		}

	}

	/**
	 * A complete HTTP answer.
	 */
	record Reply(int status, Map<String, String> headers, String contentType, byte[] body) {

	}

	/**
	 * One stream event: a server-sent event (an optional name and its data) or, in a JSON
	 * array stream, one element.
	 */
	record Event(String name, String data) {

		static Event data(String data) {
			return new Event(null, data);
		}

	}

	/**
	 * How stream events are written.
	 */
	enum Framing {

		/**
		 * Server-sent events separated by {@code \n\n}.
		 */
		SSE,

		/**
		 * Server-sent events separated by {@code \r\n\r\n}, as Google's front ends send.
		 */
		SSE_CRLF,

		/**
		 * A JSON array whose elements arrive one by one (Gemini without {@code alt=sse}).
		 */
		JSON_ARRAY

	}

	/**
	 * A request the real API refuses before any fault could apply (unknown path, body
	 * that is not JSON, missing version header).
	 */
	static final class Rejection extends Exception {

		private static final long serialVersionUID = 1L;

		private final transient Reply reply;

		Rejection(Reply reply) {
			super("rejected with " + reply.status(), null, false, false);
			this.reply = reply;
		}

		Reply reply() {
			return this.reply;
		}

	}

}
