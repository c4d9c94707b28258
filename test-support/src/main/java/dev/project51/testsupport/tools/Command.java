package dev.project51.testsupport.tools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A command a test runs as a separate process and waits for: its standard error merged
 * into its output, nothing on its standard input, and killed with all its children when
 * it runs past its timeout. The output goes to a file, not a pipe, so a command that
 * never ends cannot hang the test in a read, and a failing test can show it.
 *
 * <pre>{@code
 * Command.Result result = Command.of("bash", "deploy.sh").in(project).env("SMOKE_ATTEMPTS", "2").run();
 * assertThat(result.exitCode()).as(result::describe).isZero();
 * }</pre>
 */
public final class Command {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	private final List<String> arguments;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private boolean inheritEnvironment = true;

	private Path directory;

	private Duration timeout = DEFAULT_TIMEOUT;

	private Path log;

	private Command(List<String> arguments) {
		if (arguments.isEmpty()) {
			throw new IllegalArgumentException("A command needs at least a program to run");
		}
		this.arguments = List.copyOf(arguments);
	}

	/**
	 * A command line.
	 * @param arguments the program and its arguments
	 * @return the command, to be configured and run
	 */
	public static Command of(String... arguments) {
		return new Command(List.of(arguments));
	}

	/**
	 * A command line.
	 * @param arguments the program and its arguments
	 * @return the command, to be configured and run
	 */
	public static Command of(List<String> arguments) {
		return new Command(arguments);
	}

	/**
	 * Runs it in a directory (by default the test's own).
	 * @param directory the working directory
	 * @return this command
	 */
	public Command in(Path directory) {
		this.directory = directory;
		return this;
	}

	/**
	 * Sets one variable of its environment.
	 * @param name the name
	 * @param value the value
	 * @return this command
	 */
	public Command env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/**
	 * Sets variables of its environment.
	 * @param environment names and values
	 * @return this command
	 */
	public Command env(Map<String, String> environment) {
		this.environment.putAll(environment);
		return this;
	}

	/**
	 * Starts it with only the variables set here, none of the test's: for a script whose
	 * behaviour must not depend on the machine's environment.
	 * @return this command
	 */
	public Command withoutInheritedEnvironment() {
		this.inheritEnvironment = false;
		return this;
	}

	/**
	 * How long it may run before it is killed and the test fails (2 minutes unless set).
	 * @param timeout the timeout
	 * @return this command
	 */
	public Command timeout(Duration timeout) {
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		return this;
	}

	/**
	 * Keeps its output in a file (by default a temporary file, deleted after the run).
	 * @param log the file, created with its directories
	 * @return this command
	 */
	public Command log(Path log) {
		this.log = log;
		return this;
	}

	/**
	 * Runs it and waits for it.
	 * @return what it did
	 * @throws AssertionError when it ran past its timeout, with the output it had written
	 * @throws UncheckedIOException when it could not be started
	 */
	public Result run() {
		Path output = this.log;
		try {
			if (output == null) {
				output = Files.createTempFile("project51-command", ".log");
			}
			else if (output.toAbsolutePath().getParent() != null) {
				Files.createDirectories(output.toAbsolutePath().getParent());
			}
			ProcessBuilder builder = new ProcessBuilder(this.arguments).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			if (this.directory != null) {
				builder.directory(this.directory.toFile());
			}
			if (!this.inheritEnvironment) {
				builder.environment().clear();
			}
			builder.environment().putAll(this.environment);
			long start = System.nanoTime();
			Process process = builder.start();
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", this.arguments) + " did not finish within " + this.timeout
						+ "; its output:\n" + Files.readString(output, StandardCharsets.UTF_8));
			}
			return new Result(this.arguments, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
					Duration.ofNanos(System.nanoTime() - start));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", this.arguments), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + String.join(" ", this.arguments), ex);
		}
		finally {
			if (this.log == null && output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ex) {
					// A temporary file left behind is harmless
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
	 * @param took how long it ran
	 */
	public record Result(List<String> command, int exitCode, String output, Duration took) {

		/**
		 * Whether it exited with 0.
		 * @return whether it succeeded
		 */
		public boolean succeeded() {
			return this.exitCode == 0;
		}

		/**
		 * Describes the run for a failure message: the command, its exit code and output.
		 * @return the description
		 */
		public String describe() {
			return "$ " + String.join(" ", this.command) + "\n(exit " + this.exitCode + ")\n" + this.output;
		}

	}

}
