package dev.project51.testsupport.providers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One request a {@link FakeProvider} received, whatever it answered.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param target the request target: path and query, e.g.
 * {@code /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse}
 * @param headers the request headers, names in lower case
 * @param body the body as JSON, a missing node when it was empty or not JSON
 * @param model the model asked for (from the body, or from the path for Gemini), null
 * when the request was refused before routing
 * @param stream whether the request asked for a stream
 */
public record ReceivedRequest(String method, String target, Map<String, List<String>> headers, JsonNode body,
		String model, boolean stream) {

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or null when the request had no such header
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
