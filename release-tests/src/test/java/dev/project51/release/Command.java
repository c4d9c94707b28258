package dev.project51.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a separate process, its output in a log file.
 */
final class Command {

	private final List<String> arguments = new ArrayList<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private Path directory = Path.of(".");

	private Duration timeout = Duration.ofMinutes(2);

	private Command(List<String> arguments) {
		this.arguments.addAll(arguments);
	}

	static Command of(String... arguments) {
		return new Command(List.of(arguments));
	}

	static Command of(List<String> arguments) {
		return new Command(arguments);
	}

	Command in(Path directory) {
		this.directory = directory;
		return this;
	}

	Command env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	Command timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	/**
	 * Runs the command.
	 * @param log the file its standard output and error go to
	 * @return the result
	 */
	Result run(Path log) throws IOException, InterruptedException {
		Files.createDirectories(log.toAbsolutePath().getParent());
		ProcessBuilder builder = new ProcessBuilder(this.arguments).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("MAVEN_OPTS");
		builder.environment().putAll(this.environment);
		long start = System.nanoTime();
		Process process = builder.start();
		if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new IllegalStateException(this.arguments + " did not finish within " + this.timeout + "; see " + log);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log, took);
	}

	record Result(int exitCode, String output, Path log, Duration took) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

}
