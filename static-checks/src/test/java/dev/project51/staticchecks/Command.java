package dev.project51.staticchecks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with its standard error merged into its output, which a failing test
 * shows as the tool's own report.
 */
final class Command {

	private Command() {
	}

	/**
	 * Runs a command and waits for it.
	 * @param command the command line
	 * @param env variables added to this process's environment
	 * @param directory the working directory
	 * @param timeout how long it may run before it is killed
	 * @return its exit code and output
	 */
	static Result run(List<String> command, Map<String, String> env, Path directory, Duration timeout) {
		Path output = null;
		try {
			output = Files.createTempFile("project51-static-checks", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().putAll(env);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
						+ "; its output:\n" + Files.readString(output, StandardCharsets.UTF_8));
			}
			return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted running " + String.join(" ", command), ex);
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ex) {
					// a temporary file left behind is harmless
				}
			}
		}
	}

	/**
	 * What a command did.
	 *
	 * @param command the command line
	 * @param exitCode its exit code
	 * @param output its standard output and error, interleaved
	 */
	record Result(List<String> command, int exitCode, String output) {

		/**
		 * Describes the run for a failure message: the command, its exit code and output.
		 * @return the description
		 */
		String describe() {
			return "$ " + String.join(" ", this.command) + "\n(exit " + this.exitCode + ")\n" + this.output;
		}

	}

}
