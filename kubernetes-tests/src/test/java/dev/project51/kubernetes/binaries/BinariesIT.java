package dev.project51.kubernetes.binaries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.kubernetes.testing.CommandResult;
import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.kubernetes.testing.ControlPlaneExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binaries are the versions the root pom pins, and the cache works: once they are
 * built (the extension did that before this test), build.sh builds nothing.
 */
@ExtendWith(ControlPlaneExtension.class)
class BinariesIT {

	private static final Path SCRIPTS = Path.of(System.getProperty("project51.control.plane.scripts", "control-plane"));

	@Test
	void secondBuildBuildsNothing() {
		CommandResult result = ControlPlane.run(List.of("bash", SCRIPTS.resolve("build.sh").toString()), Map.of(), null,
				Duration.ofMinutes(2));
		assertThat(result.exitCode()).as(result.describe()).isZero();
		assertThat(result.stderr()).as(result.describe()).doesNotContain("build: building").contains("binaries in");
	}

	@Test
	void binariesAreTheVersionsOfTheRootPom(ControlPlane controlPlane) throws IOException {
		String pom = Files.readString(SCRIPTS.resolve("../../pom.xml"));
		Path bin = controlPlane.binDirectory();
		String kubernetes = property(pom, "kubernetes.version");
		assertThat(version(bin, "kube-apiserver", "--version")).contains("Kubernetes " + kubernetes);
		assertThat(version(bin, "kube-controller-manager", "--version")).contains("Kubernetes " + kubernetes);
		assertThat(version(bin, "kube-scheduler", "--version")).contains("Kubernetes " + kubernetes);
		assertThat(version(bin, "kubectl", "version", "--client")).contains("Client Version: " + kubernetes);
		assertThat(version(bin, "etcd", "--version"))
			.contains("etcd Version: " + property(pom, "etcd.version").substring(1));
		assertThat(version(bin, "kwok", "--version")).contains("kwok version " + property(pom, "kwok.version"));
		CommandResult server = controlPlane.kubectl("version", "-o", "json").orThrow();
		assertThat(server.stdout()).contains("\"gitVersion\": \"" + kubernetes + "\"");
	}

	private static String version(Path bin, String binary, String... args) {
		List<String> command = new java.util.ArrayList<>(List.of(bin.resolve(binary).toString()));
		command.addAll(List.of(args));
		CommandResult result = ControlPlane.run(command, Map.of(), null, Duration.ofMinutes(1)).orThrow();
		return result.stdout() + result.stderr();
	}

	private static String property(String pom, String name) {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
		assertThat(matcher.find()).as("%s in the root pom", name).isTrue();
		return matcher.group(1);
	}

}
