package dev.project51.kubernetes.testing;

/**
 * The control plane could not be built or started, or a command against it failed. Tests
 * fail with it; they are never skipped.
 *
 * @since 0.1.0
 */
public class ControlPlaneException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what failed, with the output that says why
	 */
	public ControlPlaneException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message what failed
	 * @param cause the cause
	 */
	public ControlPlaneException(String message, Throwable cause) {
		super(message, cause);
	}

}
