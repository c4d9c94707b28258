package dev.project51.agent.server.failover;

/**
 * A model's stream ended without saying why (no finish reason): it broke off, although
 * the provider's client reported it as complete. Counted as a transient failure: retried,
 * failed over, or, after the first token, the answer is interrupted.
 *
 * @since 0.1.0
 */
class IncompleteAnswerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	IncompleteAnswerException() {
		super("the answer broke off (the stream ended without a finish reason)", null, false, false);
	}

}
