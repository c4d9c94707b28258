package dev.project51.testsupport.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class CommandTests {

	@TempDir
	Path directory;

	@Test
	void givesTheExitCodeAndTheOutputWithTheErrorsInterleaved() {
		Command.Result result = Command.of("bash", "-c", "echo out; echo err >&2; exit 3").run();
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.succeeded()).isFalse();
		assertThat(result.output()).isEqualTo("out\nerr\n");
		assertThat(result.describe()).isEqualTo("$ bash -c echo out; echo err >&2; exit 3\n(exit 3)\nout\nerr\n");
	}

	@Test
	void runsInItsDirectoryWithItsVariablesAndNothingOnItsInput() throws IOException {
		Command.Result result = Command.of("bash", "-c", "pwd; echo \"$GREETING\"; cat; echo end")
			.in(this.directory)
			.env("GREETING", "hello")
			.run();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.output()).isEqualTo(this.directory.toRealPath().toString() + "\nhello\nend\n");
	}

	@Test
	void withoutTheInheritedEnvironmentItHasOnlyTheVariablesSetForIt() {
		Command.Result result = Command.of("/usr/bin/env").withoutInheritedEnvironment().env("ONLY", "this").run();
		assertThat(result.output()).isEqualTo("ONLY=this\n");
	}

	@Test
	void aCommandPastItsTimeoutIsKilledWithItsChildrenAndFailsTheTestWithItsOutput() throws IOException {
		Path pid = this.directory.resolve("child.pid");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> Command.of("bash", "-c", "echo started; sleep 60 & echo $! > " + pid + "; wait")
				.timeout(Duration.ofSeconds(1))
				.run())
			.withMessageStartingWith("bash -c echo started;")
			.withMessageContaining("did not finish within PT1S; its output:\nstarted");
		long child = Long.parseLong(Files.readString(pid).strip());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
	}

	@Test
	void keepsItsOutputInTheLogItWasGiven() throws IOException {
		Path log = this.directory.resolve("logs/run.log");
		Command.of("echo", "kept").log(log).run();
		assertThat(Files.readString(log)).isEqualTo("kept\n");
	}

	@Test
	void aCommandNeedsAProgram() {
		assertThatIllegalArgumentException().isThrownBy(Command::of)
			.withMessage("A command needs at least a program to run");
	}

}
