package com.example.project51demo.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.project51.k8s.check.ManifestChecker;
import dev.project51.k8s.delivery.AgentProvider;
import dev.project51.k8s.delivery.DeliveryFiles;
import dev.project51.k8s.delivery.DeliverySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed delivery files are exactly what {@link DeliveryConfiguration} renders, and the Kubernetes manifests
 * pass every schema, self-healing and security check of project51-k8s-templates.
 */
class DeliveryFilesTests {

	private final Path project = Path.of("..").toAbsolutePath().normalize();

	@Test
	void committedFilesAreWhatTheSettingsRender() {
		// Action pins in the workflow may be newer: Dependabot moves them, and re-rendering keeps them.
		assertThat(DeliveryFiles.stale(DeliveryConfiguration.settings(), this.project))
			.as("files that differ from their settings; run 'mvn -q -pl delivery compile exec:java' "
					+ "and commit the result (or change DeliveryConfiguration instead of the file)")
			.isEmpty();
	}

	@Test
	void deliveryNamesExactlyTheVariablesOfTheAgentsProviderFile() throws Exception {
		AgentProvider provider = DeliveryConfiguration.settings().aiProvider();
		assertThat(Files.readString(this.project.resolve("backend/src/main/resources/application.yml")))
			.as("the agent's default provider is the one the delivery files are rendered for")
			.contains("providers/${AI_PROVIDER:" + provider.id() + "}.yml");
		String providerFile = Files
			.readString(this.project.resolve("backend/src/main/resources/providers/" + provider.id() + ".yml"));
		Map<String, String> placeholders = new TreeMap<>();
		Matcher matcher = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}").matcher(providerFile);
		while (matcher.find()) {
			placeholders.put(matcher.group(1), matcher.group(2));
		}
		Map<String, String> expected = new TreeMap<>();
		provider.variables().forEach((variable) -> expected.put(variable.name(), variable.value()));
		assertThat(placeholders.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected.forEach((name, value) -> {
			if (value != null) {
				assertThat(placeholders.get(name)).as("default of %s", name).isEqualTo(value);
			}
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void gracePeriodsCoverTheApplicationsGracefulShutdown() throws Exception {
		int timeout = DeliveryConfiguration.settings().shutdownTimeoutSeconds();
		for (String component : List.of("backend", "frontend")) {
			Map<String, Object> application = new Yaml()
				.load(Files.readString(this.project.resolve(component + "/src/main/resources/application.yml")));
			assertThat(((Map<String, Object>) application.get("server")).get("shutdown")).isEqualTo("graceful");
			Map<String, Object> spring = (Map<String, Object>) application.get("spring");
			assertThat(((Map<String, Object>) spring.get("lifecycle")).get("timeout-per-shutdown-phase")).as(component)
				.isEqualTo(timeout + "s");
		}
		Map<String, Object> deployment = new Yaml()
			.load(Files.readString(this.project.resolve("k8s/frontend-deployment.yaml")));
		Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
			.get("template");
		Map<String, Object> pod = (Map<String, Object>) template.get("spec");
		Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
		Map<String, Object> preStop = (Map<String, Object>) ((Map<String, Object>) container.get("lifecycle"))
			.get("preStop");
		int pause = (Integer) ((Map<String, Object>) preStop.get("sleep")).get("seconds");
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(pause + timeout);
		assertThat(Files.readString(this.project.resolve("render.yaml")))
			.contains("maxShutdownDelaySeconds: " + (timeout + 5));
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
