package dev.project51.agent.server.failover;

import java.time.Duration;

/**
 * A model produced no first token within its first-token budget, or went silent for
 * longer than the idle timeout after it had started. The message is written for people,
 * e.g. {@code "no first token within 6 s"}.
 *
 * @since 0.1.0
 */
class StreamTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean firstToken;

	private StreamTimeoutException(boolean firstToken, String message) {
		super(message, null, false, false);
		this.firstToken = firstToken;
	}

	static StreamTimeoutException firstToken(Duration budget) {
		return new StreamTimeoutException(true, "no first token within " + Failures.seconds(budget));
	}

	static StreamTimeoutException idle(Duration idle) {
		return new StreamTimeoutException(false, "no token for " + Failures.seconds(idle) + " after the answer began");
	}

	/**
	 * Whether the model timed out before its first token (and could fail over).
	 * @return {@code true} for a first-token timeout, {@code false} for an idle timeout
	 */
	public boolean isFirstToken() {
		return this.firstToken;
	}

}
