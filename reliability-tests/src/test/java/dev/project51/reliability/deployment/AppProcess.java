package dev.project51.reliability.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One application of the reference deployment running in its own JVM, started from its
 * executable jar the way {@code run-local.sh} and the containers start it, so that it can
 * be killed with {@code SIGKILL} like a crashed process in production.
 */
public final class AppProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final int port;

	private final Path log;

	private final Path temporaryDirectory;

	private Process process;

	private AppProcess(String name, List<String> command, Map<String, String> environment, int port, Path log,
			Path temporaryDirectory) {
		this.name = name;
		this.command = command;
		this.environment = environment;
		this.port = port;
		this.log = log;
		this.temporaryDirectory = temporaryDirectory;
	}

	/**
	 * Starts an application; call {@link #awaitReady(Duration)} before using it.
	 * @param name a short name for messages and the log file
	 * @param jar the executable jar
	 * @param port the HTTP port ({@code PORT})
	 * @param environment environment variables besides {@code PORT}
	 * @param arguments application arguments ({@code --key=value})
	 * @param logDirectory where {@code <name>.log} is written (appended across restarts);
	 * the process's {@code java.io.tmpdir} is {@code tmp/<name>} beside it, so that what
	 * a killed process leaves behind stays in the test's own directory
	 * @return the started process
	 */
	public static AppProcess start(String name, Path jar, int port, Map<String, String> environment,
			List<String> arguments, Path logDirectory) {
		Path temporaryDirectory = logDirectory.resolveSibling("tmp").resolve(name);
		List<String> command = new ArrayList<>();
		command.add(java());
		// As run-local.sh: two JVMs start at once on a small machine.
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"));
		command.add("-Djava.io.tmpdir=" + temporaryDirectory);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(arguments);
		return start(name, command, port, environment, logDirectory, temporaryDirectory);
	}

	/**
	 * Starts an application with a command of its own; call {@link #awaitReady(Duration)}
	 * before using it.
	 * @param name a short name for messages and the log file
	 * @param command the whole command line
	 * @param port the HTTP port ({@code PORT})
	 * @param environment environment variables besides {@code PORT}
	 * @param logDirectory where {@code <name>.log} is written (appended across restarts)
	 * @return the started process
	 */
	public static AppProcess start(String name, List<String> command, int port, Map<String, String> environment,
			Path logDirectory) {
		return start(name, command, port, environment, logDirectory, null);
	}

	private static AppProcess start(String name, List<String> command, int port, Map<String, String> environment,
			Path logDirectory, Path temporaryDirectory) {
		AppProcess app = new AppProcess(name, List.copyOf(command), Map.copyOf(environment), port,
				logDirectory.resolve(name + ".log"), temporaryDirectory);
		app.start();
		return app;
	}

	/**
	 * The {@code java} launcher of the JVM running the tests.
	 * @return its path
	 */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Starts the process again with the same command, environment and port.
	 */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		try {
			Files.createDirectories(this.log.getParent());
			if (this.temporaryDirectory != null) {
				Files.createDirectories(this.temporaryDirectory);
			}
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			builder.environment().putAll(this.environment);
			builder.environment().put("PORT", Integer.toString(this.port));
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The process's private {@code java.io.tmpdir}.
	 * @return the directory, empty for a process started with a command of its own
	 */
	public Optional<Path> temporaryDirectory() {
		return Optional.ofNullable(this.temporaryDirectory);
	}

	/**
	 * Waits until the readiness probe answers {@code 200}.
	 * @param timeout how long to wait
	 * @return how long it took from this call
	 */
	public Duration awaitReady(Duration timeout) {
		long start = System.nanoTime();
		try {
			Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
				if (!isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
							+ " before it was ready; last lines of its log:\n" + logTail(40));
				}
				return isReady();
			});
			return Duration.ofNanos(System.nanoTime() - start);
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(
					this.name + " was not ready after " + timeout + "; last lines of its log:\n" + logTail(40));
		}
	}

	/**
	 * Whether the readiness probe answers {@code 200} right now.
	 * @return whether ready
	 */
	public boolean isReady() {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri("/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Kills the process with {@code SIGKILL}: no shutdown hook, no graceful shutdown, no
	 * flush, like a crash or the OOM killer.
	 */
	public synchronized void kill() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " did not die within 30 s of SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether the process is running.
	 * @return whether alive
	 */
	public synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * The operating system's process id.
	 * @return the pid
	 */
	public synchronized long pid() {
		return this.process.pid();
	}

	/**
	 * An absolute URI on this application.
	 * @param path the path, starting with {@code /}
	 * @return the URI
	 */
	public URI uri(String path) {
		return URI.create(baseUrl() + path);
	}

	/**
	 * The base URL.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The last lines of the application's log, for failure messages.
	 * @param lines how many
	 * @return the lines
	 */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public synchronized void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

	@Override
	public String toString() {
		return this.name + " on port " + this.port;
	}

}
