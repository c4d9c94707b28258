package dev.project51.kubernetes.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the tests see when the control plane cannot be had: an exception with the script's
 * own output, which fails them; nothing is skipped.
 */
class ControlPlaneTests {

	@TempDir
	Path scripts;

	@Test
	void failedBuildFailsWithTheBuildsOutput() throws IOException {
		script("build.sh", "echo 'build: building kube-apiserver' >&2\n"
				+ "echo 'go: k8s.io/kubernetes@v1.35.4: reading https://proxy.golang.org: 503' >&2\nexit 1\n");
		assertThatExceptionOfType(ControlPlaneException.class)
			.isThrownBy(() -> ControlPlane.start(this.scripts, Duration.ofMinutes(1)))
			.withMessageContaining("control-plane/build.sh failed (exit 1)")
			.withMessageContaining("go: k8s.io/kubernetes@v1.35.4: reading https://proxy.golang.org: 503");
	}

	@Test
	void failedStartFailsWithTheComponentsLogAndStopsWhatStarted() throws IOException {
		Path bin = Files.createDirectories(this.scripts.resolve("bin"));
		script("bin/kube-apiserver", "exit 0\n");
		script("build.sh", "echo " + bin + "\n");
		script("start.sh", "echo 'start: FAILED: kube-apiserver did not start within 120s' >&2\nexit 1\n");
		script("stop.sh", "touch " + this.scripts.resolve("stopped") + "\n");
		assertThatExceptionOfType(ControlPlaneException.class)
			.isThrownBy(() -> ControlPlane.start(this.scripts, Duration.ofMinutes(1)))
			.withMessageContaining("the control plane did not start")
			.withMessageContaining("kube-apiserver did not start within 120s");
		assertThat(this.scripts.resolve("stopped")).exists();
	}

	@Test
	void scriptsAreFoundFromAModuleDirectory() {
		assertThat(ControlPlaneExtension.scripts().resolve("start.sh")).isRegularFile();
	}

	private void script(String name, String body) throws IOException {
		Path file = this.scripts.resolve(name);
		Files.writeString(file, "#!/usr/bin/env bash\n" + body);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
