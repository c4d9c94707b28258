package dev.project51.archetype;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project generated with every property changed is consistent (no default value left
 * anywhere, packages moved, scripts executable, dotfiles present) and passes its own
 * build: backend, frontend, infrastructure synthesis, manifest checks and deploy.sh lint,
 * with {@code mvn verify}.
 */
class GeneratedProjectIT {

	private static final Path WORKDIR = Path.of(System.getProperty("project51.workdir", "target/it"));

	private static final Path PROJECT = WORKDIR.resolve("custom").resolve("support-bot");

	@BeforeAll
	static void generate() throws Exception {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("groupId", "org.acme");
		properties.put("artifactId", "support-bot");
		properties.put("version", "2.3.0-SNAPSHOT");
		properties.put("aiProvider", "anthropic");
		properties.put("dockerHubUser", "acmecorp");
		properties.put("awsRegion", "eu-central-1");
		properties.put("sshCidr", "203.0.113.7/32");
		properties.put("sshKeyName", "ops");
		ReferenceDeploymentIT.deleteRecursively(WORKDIR.resolve("custom"));
		Maven.Result result = new Maven(WORKDIR).generate(WORKDIR.resolve("custom"), properties, "generate-custom");
		assertThat(result.succeeded()).as("archetype:generate, see %s", result.log()).isTrue();
	}

	@Test
	void noDefaultValueIsLeftInTheGeneratedProject() throws Exception {
		List<String> defaults = List.of("project51-demo", "com.example", "project51demo", "1.0.0-SNAPSHOT", "us-east-1",
				"docker.io/project51/", "AI_PROVIDER:openai", "AI_PROVIDER:-openai");
		for (Map.Entry<String, Path> file : new ProjectTree(PROJECT).files().entrySet()) {
			String text = Files.readString(file.getValue());
			for (String value : defaults) {
				assertThat(text).as("%s contains the default value %s", file.getKey(), value).doesNotContain(value);
			}
		}
	}

	@Test
	void chosenValuesReachEveryLayer() throws Exception {
		assertThat(PROJECT.resolve("backend/src/main/java/org/acme/supportbot/backend/BackendApplication.java"))
			.content()
			.startsWith("package org.acme.supportbot.backend;");
		assertThat(PROJECT.resolve("backend/src/main/resources/application.yml")).content()
			.contains("providers/${AI_PROVIDER:anthropic}.yml");
		assertThat(PROJECT.resolve("k8s/frontend-deployment.yaml")).content()
			.contains("image: docker.io/acmecorp/support-bot-frontend:");
		assertThat(PROJECT.resolve("render.yaml")).content().contains("name: support-bot-backend");
		assertThat(PROJECT.resolve("infra/src/main/java/org/acme/supportbot/infra/InfraApplication.java")).content()
			.contains("\"eu-central-1\"")
			.contains("SSH_CIDR = \"203.0.113.7/32\"")
			.contains("SSH_KEY_NAME = \"ops\"")
			.contains("https://github.com/your-org/support-bot.git");
		assertThat(PROJECT.resolve("pom.xml")).content()
			.contains("<groupId>org.acme</groupId>")
			.contains("<artifactId>support-bot</artifactId>")
			.contains("<version>2.3.0-SNAPSHOT</version>")
			.contains(
					"<project51.version>" + System.getProperty("project51.archetype.version") + "</project51.version>");
	}

	@Test
	void scriptsAreExecutableAndDotfilesArePresent() {
		assertThat(PROJECT.resolve("deploy.sh")).isExecutable();
		assertThat(PROJECT.resolve("run-local.sh")).isExecutable();
		assertThat(PROJECT.resolve(".gitignore")).isRegularFile();
		assertThat(PROJECT.resolve(".dockerignore")).isRegularFile();
		assertThat(PROJECT.resolve(".github/workflows/main.yml")).isRegularFile();
	}

	@Test
	void generatedProjectPassesItsOwnBuild() throws Exception {
		Maven.Result result = new Maven(WORKDIR).run(PROJECT, List.of("verify"), Duration.ofMinutes(20),
				"verify-custom");
		assertThat(result.succeeded()).as("mvn verify in the generated project, see %s", result.log()).isTrue();
		assertThat(result.output()).contains("Tests run:").doesNotContain("Tests run: 0,");
	}

}
