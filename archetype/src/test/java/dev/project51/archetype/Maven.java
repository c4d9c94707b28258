package dev.project51.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.project51.testsupport.tools.Command;

/**
 * Runs the Maven that runs this build, as a separate process, with the same local
 * repository.
 */
final class Maven {

	private static final String PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:"
			+ System.getProperty("project51.archetype.pluginVersion", "3.4.1");

	private final Path executable;

	private final Path localRepository;

	private final Path logs;

	Maven(Path logs) {
		String home = required("maven.home");
		boolean windows = System.getProperty("os.name").startsWith("Windows");
		this.executable = Path.of(home, "bin", windows ? "mvn.cmd" : "mvn");
		this.localRepository = Path.of(required("maven.repo.local"));
		this.logs = logs;
	}

	/** Properties in the order given: a name, its value, the next name... */
	static Map<String, String> properties(String... namesAndValues) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return properties;
	}

	/**
	 * Generates a project from this build's archetype.
	 * @param directory the directory to generate into (the project is a sub-directory
	 * named after the artifactId)
	 * @param properties the archetype properties to pass with -D, none for the defaults
	 * @param logName name of the log file
	 * @return the result
	 */
	Result generate(Path directory, Map<String, String> properties, String logName) throws IOException {
		List<String> arguments = new ArrayList<>();
		arguments.add(PLUGIN + ":generate");
		arguments.add("-DarchetypeGroupId=" + required("project51.archetype.groupId"));
		arguments.add("-DarchetypeArtifactId=" + required("project51.archetype.artifactId"));
		arguments.add("-DarchetypeVersion=" + required("project51.archetype.version"));
		properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
		return run(directory, arguments, Duration.ofMinutes(3), logName);
	}

	/**
	 * Runs Maven with the given arguments in batch mode.
	 * @param directory the working directory
	 * @param arguments goals and options
	 * @param timeout how long the build may take
	 * @param logName name of the log file
	 * @return the result
	 */
	Result run(Path directory, List<String> arguments, Duration timeout, String logName) throws IOException {
		Files.createDirectories(directory);
		Path log = this.logs.resolve(logName + ".log");
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.add("-B");
		command.add("-ntp");
		command.add("-Dmaven.repo.local=" + this.localRepository);
		command.addAll(arguments);
		// None of this build's JVM options (mvn reads an empty MAVEN_OPTS as none).
		Command.Result result = Command.of(command).in(directory).env("MAVEN_OPTS", "").timeout(timeout).log(log).run();
		return new Result(result.exitCode(), result.output(), log);
	}

	private static String required(String property) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("System property " + property + " is not set; run this test with "
					+ "'mvn verify' (Failsafe sets it)");
		}
		return value;
	}

	record Result(int exitCode, String output, Path log) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

}
