package com.example.project51demo.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy.sh and run-local.sh parse, and pass shellcheck. Without shellcheck the lint is skipped on a laptop but fails
 * in CI (CI=true), so a missing tool never hides a broken script there.
 */
class ShellScriptsTests {

	private final Path project = Path.of("..").toAbsolutePath().normalize();

	@ParameterizedTest
	@ValueSource(strings = { "deploy.sh", "run-local.sh" })
	void scriptParses(String script) throws Exception {
		Result result = run(List.of("bash", "-n", this.project.resolve(script).toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "deploy.sh", "run-local.sh" })
	void scriptPassesShellcheck(String script) throws Exception {
		boolean installed = run(List.of("sh", "-c", "command -v shellcheck")).exitCode() == 0;
		if (!installed) {
			assertThat(System.getenv("CI")).as("shellcheck is required in CI; install it (apt-get install shellcheck)")
				.isNotEqualTo("true");
			Assumptions.abort("shellcheck is not installed");
		}
		Result result = run(List.of("shellcheck", "--severity=style", this.project.resolve(script).toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	private Result run(List<String> command) throws IOException, InterruptedException {
		Path log = Files.createTempFile("shell", ".log");
		try {
			Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
			return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	record Result(int exitCode, String output) {

	}

}
