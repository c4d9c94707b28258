package dev.project51.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.project51.testsupport.tools.Command;

/**
 * Runs commands in {@code bash -c}, in a given folder, with exactly the given
 * environment, their output (both streams) in a log file: those it waits for with
 * test-support's {@link Command}, those that run in the background as a {@link Process}.
 */
final class Shell {

	private final Path logs;

	private final Map<String, String> environment;

	Shell(Path logs, Map<String, String> environment) {
		this.logs = logs;
		this.environment = new LinkedHashMap<>(environment);
	}

	/**
	 * Returns this shell's environment, to change for the commands that follow.
	 * @return the variables
	 */
	Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * Runs a script and waits for it.
	 * @param directory the working directory
	 * @param script the commands
	 * @param extra variables for this script only
	 * @param timeout how long it may take
	 * @param logName the log file's name
	 * @return its exit code and output
	 */
	Result run(Path directory, String script, Map<String, String> extra, Duration timeout, String logName) {
		Command.Result result = Command.of("bash", "-c", script)
			.in(directory)
			.withoutInheritedEnvironment()
			.env(this.environment)
			.env(extra)
			.timeout(timeout)
			.log(log(logName))
			.run();
		return new Result(result.exitCode(), result.output(), log(logName));
	}

	/**
	 * Starts a command without waiting for it: for one that runs in the background while
	 * the test goes on, which the caller stops.
	 * @param directory the working directory
	 * @param command the command line
	 * @param extra variables for this command only
	 * @param logName the log file's name
	 * @return the process, whose output goes to the log
	 */
	Process start(Path directory, List<String> command, Map<String, String> extra, String logName) throws IOException {
		Files.createDirectories(this.logs);
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log(logName).toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().clear();
		builder.environment().putAll(this.environment);
		builder.environment().putAll(extra);
		return builder.start();
	}

	/**
	 * Returns the log file of a name.
	 * @param logName the name
	 * @return the file
	 */
	Path log(String logName) {
		return this.logs.resolve(logName + ".log");
	}

	record Result(int exitCode, String output, Path log) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

}
