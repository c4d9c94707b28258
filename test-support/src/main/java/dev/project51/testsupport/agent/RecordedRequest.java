package dev.project51.testsupport.agent;

import java.util.List;
import java.util.Map;

/**
 * A request the {@link FakeAgent} received.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query, or {@code null}
 * @param headers the headers (names case-insensitive)
 * @param body the body as UTF-8 text
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
		String body) {

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} if absent
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
