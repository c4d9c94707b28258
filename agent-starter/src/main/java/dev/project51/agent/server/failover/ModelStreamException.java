package dev.project51.agent.server.failover;

/**
 * A model failed after its first token, when failing over was no longer possible: the
 * user has already seen part of its answer.
 *
 * @since 0.1.0
 */
public class ModelStreamException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String model;

	ModelStreamException(String model, String description, Throwable cause) {
		super("model '" + model + "' failed after it had started answering: " + description, cause);
		this.model = model;
	}

	/**
	 * The model that failed.
	 * @return its name
	 */
	public String model() {
		return this.model;
	}

	/**
	 * Whether the model stopped sending tokens (idle timeout) rather than failing
	 * otherwise.
	 * @return {@code true} for an idle timeout
	 */
	public boolean isTimeout() {
		return getCause() instanceof StreamTimeoutException;
	}

}
