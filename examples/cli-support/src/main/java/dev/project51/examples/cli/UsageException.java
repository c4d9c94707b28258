package dev.project51.examples.cli;

import java.io.PrintStream;

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

	/**
	 * Prints the error as command-line tools do: the tool's name and the message, then
	 * where its help is.
	 * @param tool the command, e.g. {@code load-generator}
	 * @param err where errors go
	 */
	public void print(String tool, PrintStream err) {
		err.println(tool + ": " + getMessage());
		err.println("Try '" + tool + " --help'.");
	}

}
