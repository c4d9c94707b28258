package dev.project51.examples.loadgen.load;

/**
 * A call that failed; the {@link LoadRunner} counts failures by {@link #kind()}.
 *
 * @since 0.1.0
 */
public class ScenarioException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String kind;

	/**
	 * Create an exception.
	 * @param kind a short, stable label to count the failure under, e.g. {@code HTTP 503}
	 * or {@code AgentTimeoutException}
	 * @param message what happened
	 * @param cause the cause, or {@code null}
	 */
	public ScenarioException(String kind, String message, Throwable cause) {
		super(message, cause);
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("kind must not be blank");
		}
		this.kind = kind;
	}

	/**
	 * The label the failure is counted under.
	 * @return the kind
	 */
	public String kind() {
		return this.kind;
	}

}
