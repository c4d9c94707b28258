package dev.project51.staticchecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.project51.testsupport.tools.Command;

/**
 * The static-check tools, installed (the first time on a machine) and found by
 * {@code tools/install.sh}: actionlint built from its Go module, checkov in a virtual
 * environment, both cached under the user's cache directory by version. A tool that
 * cannot be installed fails the test with the install script's output; nothing is ever
 * skipped.
 */
final class Tools {

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

	private static Installed installed;

	private Tools() {
	}

	/**
	 * Returns the actionlint executable.
	 * @return its path
	 */
	static Path actionlint() {
		return installed().actionlint();
	}

	/**
	 * Returns the checkov executable.
	 * @return its path
	 */
	static Path checkov() {
		return installed().checkov();
	}

	/**
	 * Returns the promtool executable.
	 * @return its path
	 */
	static Path promtool() {
		return installed().promtool();
	}

	/**
	 * Returns the schemathesis executable ({@code st}).
	 * @return its path
	 */
	static Path schemathesis() {
		return installed().schemathesis();
	}

	/**
	 * Returns the shellcheck that actionlint runs on every {@code run:} block: the one on
	 * the PATH, which .ci/run installs.
	 * @return its path
	 * @throws AssertionError when there is none
	 */
	static Path shellcheck() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, "shellcheck");
			if (Files.isExecutable(candidate)) {
				return candidate.toAbsolutePath();
			}
		}
		throw new AssertionError("shellcheck is not on the PATH; actionlint runs it on every run: block, so the "
				+ "workflows cannot be checked without it (apt-get install shellcheck; .ci/run installs it)");
	}

	/**
	 * Runs the install script, which installs nothing when everything is cached.
	 * @return what it did
	 */
	static Command.Result runInstallScript() {
		Map<String, String> env = new HashMap<>();
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		if (Files.isExecutable(Path.of("/usr/local/go/bin/go"))) {
			path = path + ":/usr/local/go/bin";
		}
		env.put("PATH", path);
		return Command.of("bash", Repository.root().resolve("static-checks/tools/install.sh").toString())
			.env(env)
			.in(Repository.root())
			.timeout(INSTALL_TIMEOUT)
			.run();
	}

	private static synchronized Installed installed() {
		if (installed == null) {
			Command.Result result = runInstallScript();
			if (result.exitCode() != 0) {
				throw new AssertionError(
						"static-checks/tools/install.sh could not install the tools:\n" + result.describe());
			}
			Map<String, Path> paths = new HashMap<>();
			result.output()
				.lines()
				.filter((line) -> line.matches("(actionlint|checkov|schemathesis|promtool)=/.*"))
				.forEach((line) -> {
					int equals = line.indexOf('=');
					paths.put(line.substring(0, equals), Path.of(line.substring(equals + 1)));
				});
			for (String tool : List.of("actionlint", "checkov", "schemathesis", "promtool")) {
				if (!paths.containsKey(tool) || !Files.isExecutable(paths.get(tool))) {
					throw new AssertionError(
							"install.sh did not print an executable " + tool + ":\n" + result.describe());
				}
			}
			installed = new Installed(paths.get("actionlint"), paths.get("checkov"), paths.get("schemathesis"),
					paths.get("promtool"));
		}
		return installed;
	}

	private record Installed(Path actionlint, Path checkov, Path schemathesis, Path promtool) {
	}

}
