package dev.project51.testsupport.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RequiredToolTests {

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	@TempDir
	Path bin;

	@Test
	void aMissingToolFailsInCiWithWhatToInstall() {
		RequiredTool tools = tools(Map.of("CI", "true"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> tools.check("shellcheck", false, "apt-get install shellcheck"))
			.withMessage("shellcheck is required but missing: apt-get install shellcheck. CI=true, so this fails "
					+ "instead of skipping; .ci/run installs it.");
	}

	@Test
	void aMissingToolAbortsElsewhereAndSaysSoOnce() {
		RequiredTool tools = tools(Map.of());
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(TestAbortedException.class)
				.isThrownBy(() -> tools.check("podman", false, "apt-get install podman"))
				.withMessage("podman is missing, so the tests that need it are skipped: apt-get install podman "
						+ "(.ci/run installs it; with CI=true they fail instead).");
		}
		assertThat(log()).isEqualTo("[project51] podman is missing, so the tests that need it are skipped: "
				+ "apt-get install podman (.ci/run installs it; with CI=true they fail instead).\n");
	}

	@Test
	void ciOtherThanTrueIsNotCi() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> tools(Map.of("CI", "1")).check("gpg", false, "apt-get install gnupg"));
	}

	@Test
	void aPresentToolNeitherFailsNorAbortsNorLogs() {
		assertThatNoException().isThrownBy(() -> tools(Map.of("CI", "true")).check("git", true, "apt-get install git"));
		assertThat(log()).isEmpty();
	}

	@Test
	void findsACommandOnThePath() throws IOException {
		Path tool = Files.createFile(this.bin.resolve("tool"));
		Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createFile(this.bin.resolve("data"));
		RequiredTool tools = tools(Map.of("PATH", "/nonexistent:" + this.bin, "CI", "true"));
		assertThat(tools.find("tool", "make one")).isEqualTo(tool);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> tools.find("data", "make it executable"))
			.withMessageStartingWith("data is required but missing: make it executable.");
	}

	private RequiredTool tools(Map<String, String> environment) {
		return new RequiredTool(environment, new PrintStream(this.log, true, StandardCharsets.UTF_8));
	}

	private String log() {
		return this.log.toString(StandardCharsets.UTF_8);
	}

}
