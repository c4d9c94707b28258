package dev.project51.agent.client.transport;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request for an {@link HttpTransport}.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param uri the absolute request URI
 * @param headers the request headers, one value each; never {@code null}
 * @param body the request body, or {@code null} for none; not copied, do not modify it
 * @since 0.1.0
 */
public record TransportRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

	/**
	 * Validates the method and URI and copies the headers.
	 * @param method the HTTP method
	 * @param uri the absolute request URI
	 * @param headers the request headers, may be {@code null} for none
	 * @param body the request body, or {@code null}
	 */
	public TransportRequest {
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(uri, "uri must not be null");
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
	}

	/**
	 * The value of a request header, matched case-insensitively.
	 * @param name the header name
	 * @return the value, or {@code null} if the header is absent
	 */
	public String header(String name) {
		for (Map.Entry<String, String> entry : this.headers.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	@Override
	public String toString() {
		// Never print header values: one of them may be the bearer token.
		return "TransportRequest[" + this.method + " " + this.uri + ", headers=" + this.headers.keySet() + ", body="
				+ ((this.body != null) ? this.body.length + " bytes" : "none") + "]";
	}

}
