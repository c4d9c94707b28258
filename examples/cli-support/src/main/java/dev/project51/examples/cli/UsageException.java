package dev.project51.examples.cli;

/**
 * A command line that cannot run; the message says what is wrong and how to fix it.
 */
public final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * A command line that cannot run.
	 * @param message what is wrong and how to fix it
	 */
	public UsageException(String message) {
		super(message);
	}

}
