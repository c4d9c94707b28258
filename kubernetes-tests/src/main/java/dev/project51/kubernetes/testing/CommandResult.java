package dev.project51.kubernetes.testing;

import java.util.List;

/**
 * What a command printed and how it exited.
 *
 * @param command the command line
 * @param exitCode the exit code
 * @param stdout the standard output
 * @param stderr the standard error
 * @since 0.1.0
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

	/**
	 * Creates a result.
	 * @param command the command line
	 * @param exitCode the exit code
	 * @param stdout the standard output
	 * @param stderr the standard error
	 */
	public CommandResult {
		command = List.copyOf(command);
	}

	/**
	 * Returns whether the command exited 0.
	 * @return {@code true} on exit code 0
	 */
	public boolean succeeded() {
		return this.exitCode == 0;
	}

	/**
	 * Returns this result if the command exited 0.
	 * @return this result
	 * @throws ControlPlaneException naming the command, its exit code and its output
	 * otherwise
	 */
	public CommandResult orThrow() {
		if (!succeeded()) {
			throw new ControlPlaneException(describe());
		}
		return this;
	}

	/**
	 * Describes the call for an assertion message: command, exit code, output.
	 * @return the description
	 */
	public String describe() {
		return String.join(" ", this.command) + " exited " + this.exitCode + "\n--- stdout\n" + this.stdout
				+ "\n--- stderr\n" + this.stderr;
	}

}
