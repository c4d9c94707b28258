package dev.project51.agent.client;

import java.util.Map;

import dev.project51.agent.client.transport.TransportResponse;

/**
 * What to send; {@code endUser} is the end user header's value, or {@code null};
 * {@code headers} are the listener's (trace context).
 */
record Call(String method, String path, byte[] body, boolean idempotent, boolean guarded, String accept, String endUser,
		Map<String, String> headers) {

	Call(String method, String path, byte[] body, boolean idempotent, boolean guarded, String accept) {
		this(method, path, body, idempotent, guarded, accept, null, Map.of());
	}

	Call(String method, String path, byte[] body, boolean idempotent, boolean guarded, String accept, String endUser) {
		this(method, path, body, idempotent, guarded, accept, endUser, Map.of());
	}

	Call withHeaders(Map<String, String> extra) {
		return new Call(this.method, this.path, this.body, this.idempotent, this.guarded, this.accept, this.endUser,
				extra);
	}

	String describe() {
		return this.method + " " + this.path;
	}

	@Override
	public String toString() {
		return describe();
	}

	/**
	 * A response handler; {@code bytes} is {@code null} if a non-2xx body was too large.
	 */
	@FunctionalInterface
	interface Handler<T> {

		T handle(Call call, TransportResponse response, String contentType, byte[] bytes);

	}

}
