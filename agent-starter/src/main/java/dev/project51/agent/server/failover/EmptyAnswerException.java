package dev.project51.agent.server.failover;

/**
 * A model answered with neither text nor a tool call, for example a stream that ended
 * without its final chunk. Counted as a transient failure: retried, then failed over.
 *
 * @since 0.1.0
 */
class EmptyAnswerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EmptyAnswerException() {
		super("empty answer (no text and no tool call)", null, false, false);
	}

}
