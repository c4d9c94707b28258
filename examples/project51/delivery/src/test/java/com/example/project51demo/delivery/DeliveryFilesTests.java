package com.example.project51demo.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.project51.k8s.check.ManifestChecker;
import dev.project51.k8s.delivery.DeliveryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed delivery files are exactly what {@link DeliveryConfiguration} renders, and the Kubernetes manifests
 * pass every schema, self-healing and security check of project51-k8s-templates.
 */
class DeliveryFilesTests {

	private final Path project = Path.of("..").toAbsolutePath().normalize();

	@Test
	void committedFilesAreWhatTheSettingsRender() throws Exception {
		List<String> stale = new ArrayList<>();
		for (Map.Entry<String, String> file : DeliveryFiles.contents(DeliveryConfiguration.settings()).entrySet()) {
			Path path = this.project.resolve(file.getKey());
			if (!Files.exists(path) || !Files.readString(path).equals(file.getValue())) {
				stale.add(file.getKey());
			}
		}
		assertThat(stale).as("files that differ from their settings; run 'mvn -q -pl delivery compile exec:java' "
				+ "and commit the result (or change DeliveryConfiguration instead of the file)")
			.isEmpty();
	}

	@Test
	void manifestsPassEveryCheck() {
		ManifestChecker.defaults().check(this.project.resolve("k8s")).assertClean();
	}

	@Test
	void deployScriptIsExecutable() {
		assertThat(this.project.resolve("deploy.sh")).isExecutable();
		assertThat(this.project.resolve("run-local.sh")).isExecutable();
	}

}
