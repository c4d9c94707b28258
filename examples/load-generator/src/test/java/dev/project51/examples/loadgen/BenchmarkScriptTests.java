package dev.project51.examples.loadgen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.project51.testsupport.tools.Command;
import dev.project51.testsupport.tools.RequiredTool;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * benchmark.sh parses, passes shellcheck, and refuses bad options and a second run before
 * it starts anything. Without shellcheck the lint is skipped on a laptop but fails in CI
 * ({@code CI=true}).
 */
class BenchmarkScriptTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Path script = Path.of("benchmark.sh").toAbsolutePath();

	@Test
	void parses() throws Exception {
		Command.Result result = run("bash", "-n", this.script.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void passesShellcheck() throws Exception {
		Path shellcheck = RequiredTool.onPath("shellcheck", "apt-get install shellcheck");
		Command.Result result = run(shellcheck.toString(), "--severity=style", this.script.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void helpListsTheProfiles() throws Exception {
		Command.Result result = run("bash", this.script.toString(), "--help");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("--profiles", "appcds", "render", "512 MB");
	}

	@Test
	void anUnknownProfileIsRefusedWithTheKnownOnes() throws Exception {
		Command.Result result = run("bash", this.script.toString(), "--profiles", "defaults,turbo", "--no-archetype");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("'turbo' is not one of", "container", "render");
	}

	@Test
	void badValuesAreRefused() throws Exception {
		assertThat(run("bash", this.script.toString(), "--duration", "ten").output())
			.contains("duration 'ten': use a number with ms, s or m");
		assertThat(run("bash", this.script.toString(), "--agent-port", "70000").output())
			.contains("port '70000' is not a number between 1 and 65535");
		assertThat(run("bash", this.script.toString(), "--profiles").output()).contains("--profiles needs a value");
		assertThat(run("bash", this.script.toString(), "--fast").output()).contains("unknown option '--fast'");
		assertThat(run("bash", this.script.toString(), "--min-calls").output()).contains("--min-calls needs a value");
		assertThat(run("bash", this.script.toString(), "--min-calls", "-5").output())
			.contains("--min-calls '-5': use a whole number, e.g. 100");
		assertThat(run("bash", this.script.toString(), "--prime", "a minute").output())
			.contains("duration 'a minute': use a number with ms, s or m");
	}

	@Test
	void helpDescribesTheReportAndThePeerRace() throws Exception {
		Command.Result result = run("bash", this.script.toString(), "-h");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("--report PAGE", "--no-jmh", "--no-peer", "--litellm VERSION",
				"--peer-port PORT", "--note TEXT", "litellm-venv", "Native Memory Tracking", "--min-calls N",
				"--prime DURATION", "60s with --report", "30s with --report", "-h, --help");
	}

	@Test
	void badReportOptionsAreRefusedBeforeAnythingStarts() throws Exception {
		Command.Result page = run("bash", this.script.toString(), "--report", "benchmarks.html");
		assertThat(page.exitCode()).isEqualTo(2);
		assertThat(page.output()).contains("--report 'benchmarks.html': the page must be a .md file");
		assertThat(run("bash", this.script.toString(), "--litellm", "latest").output())
			.contains("--litellm 'latest': use a version, e.g. 1.106.12");
		assertThat(run("bash", this.script.toString(), "--peer-port", "18081").output())
			.contains("--agent-port, --frontend-port and --peer-port must differ");
		assertThat(run("bash", this.script.toString(), "--jmh-args", "-f 1; rm -rf x").output())
			.contains("--jmh-args: options only, no shell syntax");
		assertThat(run("bash", this.script.toString(), "--report").output()).contains("--report needs a value");
	}

	@Test
	void theAotCacheProfileNeedsAJava25OrLater(@TempDir Path dir) throws Exception {
		Path java21 = dir.resolve("java");
		Files.writeString(java21, "#!/bin/sh\necho 'openjdk version \"21.0.2\" 2024-01-16' >&2\n");
		assertThat(java21.toFile().setExecutable(true)).isTrue();
		Command.Result old = run("bash", this.script.toString(), "--aot-java", java21.toString());
		assertThat(old.exitCode()).isEqualTo(2);
		assertThat(old.output()).contains("is Java 21; the AOT cache needs Java 25 or later");
		Command.Result notJava = run("bash", this.script.toString(), "--aot-java", dir.resolve("missing").toString());
		assertThat(notJava.exitCode()).isEqualTo(2);
		assertThat(notJava.output()).contains("is not a java binary");
		assertThat(run("bash", this.script.toString(), "-h").output()).contains("aot-cache", "--aot-java PATH");
	}

	@Test
	void aSecondRunIsRefusedWhileOneIsRunning(@TempDir Path home) throws Exception {
		Path flock = RequiredTool.onPath("flock", "apt-get install util-linux");
		Path lock = home.resolve(".cache/project51/benchmark.lock");
		Files.createDirectories(lock.getParent());
		Process running = new ProcessBuilder(flock.toString(), lock.toString(), "sleep", "60").start();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> run(flock.toString(), "-n", lock.toString(), "true").exitCode() == 1);
			Command.Result second = Command.of("bash", this.script.toString())
				.env("HOME", home.toString())
				.timeout(TIMEOUT)
				.run();
			assertThat(second.exitCode()).isEqualTo(1);
			assertThat(second.output())
				.contains("another benchmark.sh is running (it holds " + lock + "); wait until it ends");
		}
		finally {
			running.descendants().forEach(ProcessHandle::destroy);
			running.destroy();
		}
	}

	private static Command.Result run(String... command) {
		return Command.of(command).timeout(TIMEOUT).run();
	}

}
