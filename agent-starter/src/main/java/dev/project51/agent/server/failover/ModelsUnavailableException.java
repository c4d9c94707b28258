package dev.project51.agent.server.failover;

import java.time.Duration;

/**
 * No model of the chain could answer: every circuit was open or every model failed.
 *
 * @since 0.1.0
 */
public class ModelsUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Duration retryAfter;

	ModelsUnavailableException(String message, Duration retryAfter, Throwable lastFailure) {
		super(message, lastFailure);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long until a model of the chain is expected to accept calls again.
	 * @return the wait, at least one second
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
