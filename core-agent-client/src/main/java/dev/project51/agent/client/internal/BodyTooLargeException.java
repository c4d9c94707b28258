package dev.project51.agent.client.internal;

import java.io.IOException;

/**
 * A response body is larger than the configured limit.
 */
public final class BodyTooLargeException extends IOException {

	/** The exceeded limit, in bytes. */
	private final long limit;

	/**
	 * An exception for the given limit.
	 * @param limit the limit, in bytes
	 * @param declared the size the server declared, or {@code -1}
	 */
	public BodyTooLargeException(long limit, long declared) {
		super("The response body is larger than the limit of " + limit + " bytes (maxResponseBytes)"
				+ ((declared >= 0) ? ": Content-Length is " + declared : ""));
		this.limit = limit;
	}

	/**
	 * The limit that was exceeded.
	 * @return the limit, in bytes
	 */
	public long limit() {
		return this.limit;
	}

}
