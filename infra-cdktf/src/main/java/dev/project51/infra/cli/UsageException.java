package dev.project51.infra.cli;

/**
 * A command line that cannot run; the message says what is wrong and how to fix it.
 */
final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}

}
