package dev.project51.reliability.containers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code podman} command line, as the container tests use it: every command runs with
 * a timeout, and a failure reports the command, its exit code and its error output.
 * <p>
 * The OCI runtime comes from {@code PROJECT51_TEST_PODMAN_RUNTIME} (blank: Podman's
 * default); without it, {@code runc} is used when it is installed, because Podman's
 * default {@code crun} does not work in every sandbox (it fails on the CI machine). Every
 * container, including the build's, gets explicit {@code nofile} and {@code nproc} limits
 * for the same reason: the defaults Podman asks for are refused there.
 */
final class Podman {

	/** The limits given to every container. */
	static final List<String> ULIMITS = List.of("--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096");

	private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	private final List<String> command;

	private Podman(List<String> command) {
		this.command = List.copyOf(command);
	}

	/**
	 * The installed Podman's version.
	 * @return e.g. {@code podman version 4.3.1}, or empty when Podman is not installed
	 */
	static Optional<String> version() {
		try {
			Result result = execute(List.of("podman", "--version"), Duration.ofSeconds(30), null);
			return (result.exitCode() == 0) ? Optional.of(result.stdout().strip()) : Optional.empty();
		}
		catch (UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Podman with the OCI runtime chosen as described in the class comment.
	 * @return the command line
	 */
	static Podman create() {
		List<String> command = new ArrayList<>(List.of("podman"));
		String runtime = System.getenv("PROJECT51_TEST_PODMAN_RUNTIME");
		if (runtime == null) {
			runtime = onPath("runc") ? "runc" : "";
		}
		if (!runtime.isBlank()) {
			command.addAll(List.of("--runtime", runtime.strip()));
		}
		return new Podman(command);
	}

	/**
	 * The command line prefix, e.g. {@code podman --runtime runc}.
	 * @return the prefix
	 */
	String describe() {
		return String.join(" ", this.command);
	}

	/**
	 * Runs a command and fails unless it exits with 0.
	 * @param args the arguments after {@code podman}
	 * @return its standard output, stripped
	 */
	String check(String... args) {
		return check(DEFAULT_TIMEOUT, List.of(args)).stdout().strip();
	}

	/**
	 * Runs a command and fails unless it exits with 0.
	 * @param timeout how long it may take
	 * @param args the arguments after {@code podman}
	 * @return its result
	 */
	Result check(Duration timeout, List<String> args) {
		Result result = run(timeout, args);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(describe() + " " + String.join(" ", args) + " exited with "
					+ result.exitCode() + ": " + result.stderr().strip());
		}
		return result;
	}

	/**
	 * Runs a command.
	 * @param timeout how long it may take
	 * @param args the arguments after {@code podman}
	 * @return its result, whatever its exit code
	 */
	Result run(Duration timeout, List<String> args) {
		return execute(withCommand(args), timeout, null);
	}

	/**
	 * Runs a command with its output, both streams, written to a file (for long outputs
	 * such as a build's).
	 * @param timeout how long it may take
	 * @param log the file
	 * @param args the arguments after {@code podman}
	 * @return its exit code
	 */
	int runLogged(Duration timeout, Path log, List<String> args) {
		return execute(withCommand(args), timeout, log).exitCode();
	}

	/**
	 * Runs a command and ignores its outcome, for cleaning up.
	 * @param args the arguments after {@code podman}
	 */
	void quietly(String... args) {
		try {
			run(DEFAULT_TIMEOUT, List.of(args));
		}
		catch (RuntimeException ex) {
			System.err.println("Ignored while cleaning up: " + ex);
		}
	}

	/**
	 * A container's state and last log lines, for failure messages; never fails.
	 * @param container the container
	 * @return the text
	 */
	String diagnostics(String container) {
		try {
			Result state = run(Duration.ofSeconds(30),
					List.of("inspect", "--format",
							"status={{.State.Status}} exitCode={{.State.ExitCode}} restarts={{.RestartCount}} "
									+ "pid={{.State.Pid}} health={{.State.Health.Status}}",
							container));
			Result logs = run(Duration.ofSeconds(30), List.of("logs", "--tail", "60", container));
			return System.lineSeparator() + "--- " + container + ": " + state.stdout().strip() + state.stderr().strip()
					+ System.lineSeparator() + "--- podman logs --tail 60 " + container + ":" + System.lineSeparator()
					+ logs.stdout() + logs.stderr();
		}
		catch (RuntimeException ex) {
			return System.lineSeparator() + "--- " + container + ": no diagnostics (" + ex + ")";
		}
	}

	private List<String> withCommand(List<String> args) {
		List<String> full = new ArrayList<>(this.command);
		full.addAll(args);
		return full;
	}

	private static Result execute(List<String> command, Duration timeout, Path log) {
		Path out = null;
		Path err = null;
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()));
			if (log != null) {
				Files.createDirectories(log.toAbsolutePath().getParent());
				builder.redirectErrorStream(true).redirectOutput(log.toFile());
			}
			else {
				out = Files.createTempFile("podman-out", ".txt");
				err = Files.createTempFile("podman-err", ".txt");
				builder.redirectOutput(out.toFile()).redirectError(err.toFile());
			}
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException(
						String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
			}
			return new Result(process.exitValue(), (out != null) ? Files.readString(out, StandardCharsets.UTF_8) : "",
					(err != null) ? Files.readString(err, StandardCharsets.UTF_8) : "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
		}
		finally {
			deleteQuietly(out);
			deleteQuietly(err);
		}
	}

	private static File devNull() {
		return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a temporary file left behind
			}
		}
	}

	private static boolean onPath(String executable) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, executable)));
	}

	/**
	 * The outcome of a command.
	 *
	 * @param exitCode its exit code
	 * @param stdout its standard output
	 * @param stderr its error output
	 */
	record Result(int exitCode, String stdout, String stderr) {

	}

}
