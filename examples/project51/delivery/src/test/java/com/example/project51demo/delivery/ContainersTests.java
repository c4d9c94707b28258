package com.example.project51demo.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import dev.project51.k8s.delivery.AgentProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images are pinned by digest, run as an unprivileged user, report their liveness to the container runtime and
 * carry no secret; the compose file restarts failed containers, locks them down, keeps the ports on the loopback
 * interface and gives the agent exactly its provider's variables.
 */
class ContainersTests {

	private final Path project = Path.of("..").toAbsolutePath().normalize();

	@ParameterizedTest
	@CsvSource({ "backend, 8081", "frontend, 8080" })
	void imageRunsUnprivilegedWithALivenessHealthcheck(String component, int port) throws Exception {
		String dockerfile = Files.readString(this.project.resolve(component + "/Dockerfile"));
		String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

		Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(runtimeStage);
		assertThat(user.find()).as("numeric USER in the runtime stage").isTrue();
		assertThat(Integer.parseInt(user.group(1))).as("uid").isGreaterThan(10000);
		assertThat(Integer.parseInt(user.group(2))).as("gid").isGreaterThan(10000);
		assertThat(runtimeStage).contains("EXPOSE " + port)
			.contains("ENV PORT=" + port)
			.containsPattern("HEALTHCHECK [^\\n]*\\\\\\n[^\\n]*/actuator/health/liveness");
		assertThat(runtimeStage.lines().filter((line) -> line.strip().startsWith("ENV") || line.startsWith("\t")))
			.as("no secret baked into the image")
			.noneMatch((line) -> line.matches("(?i).*(TOKEN|API_KEY|PASSWORD|SECRET)=.*"));
		assertThat(dockerfile.lines().filter((line) -> line.startsWith("FROM ")))
			.as("base images pinned by digest (Dependabot moves the digests: .github/dependabot.yml)")
			.isNotEmpty()
			.allMatch((line) -> line.matches("FROM [a-z0-9./-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}( AS \\w+)?"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "backend", "frontend" })
	void imageAndLocalRunKeepTwoMallocArenas(String component) throws Exception {
		String dockerfile = Files.readString(this.project.resolve(component + "/Dockerfile"));
		String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		assertThat(runtimeStage).as("the runtime stage's environment")
			.containsPattern("(?m)^ENV [^\\n]*\\\\\\n(\\t[^\\n]*\\\\\\n)*\\tMALLOC_ARENA_MAX=2( \\\\)?$");
		assertThat(Files.readString(this.project.resolve("run-local.sh"))).as("run-local.sh, as the images")
			.contains("export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeGivesTheAgentExactlyItsProvidersVariables() throws Exception {
		AgentProvider provider = DeliveryConfiguration.settings().aiProvider();
		Map<String, Object> compose = new Yaml().load(Files.readString(this.project.resolve("compose.yaml")));
		Map<String, String> environment = (Map<String, String>) ((Map<String, Map<String, Object>>) compose
			.get("services")).get("backend").get("environment");
		List<String> expected = new ArrayList<>(
				List.of("AGENT_API_TOKEN", "PROJECT51_AGENT_ALLOWED_HOSTS", "AI_PROVIDER"));
		provider.variables().forEach((variable) -> expected.add(variable.name()));
		assertThat(environment.keySet()).containsExactlyElementsOf(expected);
		assertThat(environment.get("AI_PROVIDER")).isEqualTo(provider.id());
		assertThat(environment.get("PROJECT51_AGENT_ALLOWED_HOSTS")).as("the name the frontend calls the agent by")
			.isEqualTo("backend");
		provider.variables().forEach((variable) -> {
			String value = environment.get(variable.name());
			assertThat(value).as(variable.name())
				.startsWith("${" + variable.name() + (variable.required() ? ":?" : ":-"));
			if (!variable.provided()) {
				assertThat(value).as(variable.name()).isEqualTo("${" + variable.name() + ":-" + variable.value() + "}");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "backend", "frontend" })
	@SuppressWarnings("unchecked")
	void composeServiceRestartsAndIsLockedDown(String name) throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(this.project.resolve("compose.yaml")));
		Map<String, Object> service = ((Map<String, Map<String, Object>>) compose.get("services")).get(name);

		assertThat(service).containsEntry("restart", "unless-stopped").containsEntry("read_only", true);
		assertThat((List<String>) service.get("cap_drop")).containsExactly("ALL");
		assertThat((List<String>) service.get("security_opt")).contains("no-new-privileges:true");
		assertThat((List<String>) service.get("ports")).allMatch((port) -> port.startsWith("127.0.0.1:"));
		assertThat(((Map<String, String>) service.get("environment")).get("AGENT_API_TOKEN"))
			.as("the token is required, never defaulted")
			.startsWith("${AGENT_API_TOKEN:?");
	}

}
