package dev.project51.agent.server.failover;

import java.time.Duration;

/**
 * A stream produced no first token, or no next token, within the configured time.
 *
 * @since 0.1.0
 */
public class StreamTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean firstToken;

	StreamTimeoutException(boolean firstToken, Duration timeout) {
		super((firstToken ? "no first token within " : "no token for ") + timeout.toMillis() + " ms");
		this.firstToken = firstToken;
	}

	/**
	 * Whether the stream timed out before its first token (and could fail over).
	 * @return {@code true} for a first-token timeout, {@code false} for an idle timeout
	 */
	public boolean isFirstToken() {
		return this.firstToken;
	}

}
