package dev.project51.archetype;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.testsupport.tools.Command;
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
		Map<String, String> properties = Maven.properties("groupId", "org.acme", "artifactId", "support-bot", "version",
				"2.3.0-SNAPSHOT", "aiProvider", "anthropic", "dockerHubUser", "acmecorp", "awsRegion", "eu-central-1",
				"sshCidr", "203.0.113.7/32", "sshKeyName", "ops");
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
	void chosenProviderAndRegionReachTheDeliveryFilesAndTheReadme() throws Exception {
		assertThat(PROJECT.resolve("render.yaml")).content()
			.contains("region: frankfurt")
			.contains("key: ANTHROPIC_API_KEY")
			.contains("value: claude-3-5-haiku-latest")
			.doesNotContain("OPENAI");
		assertThat(PROJECT.resolve("compose.yaml")).content()
			.contains("AI_PROVIDER: anthropic")
			.contains("ANTHROPIC_BASE_URL: ${ANTHROPIC_BASE_URL:-}")
			.doesNotContain("OPENAI");
		assertThat(PROJECT.resolve("README.md")).content()
			.contains("ANTHROPIC_API_KEY=sk-ant-... ./run-local.sh")
			.contains("the agent in Render's `frankfurt`")
			.doesNotContain("OPENAI_API_KEY");
	}

	@Test
	void scriptsAreExecutableAndDotfilesArePresent() {
		assertThat(PROJECT.resolve("deploy.sh")).isExecutable();
		assertThat(PROJECT.resolve("run-local.sh")).isExecutable();
		assertThat(PROJECT.resolve(".gitignore")).isRegularFile();
		assertThat(PROJECT.resolve(".dockerignore")).isRegularFile();
		assertThat(PROJECT.resolve(".github/workflows/main.yml")).isRegularFile();
		assertThat(PROJECT.resolve(".github/dependabot.yml")).isRegularFile();
	}

	@Test
	void generatedProjectPassesItsOwnBuild() throws Exception {
		Maven.Result result = new Maven(WORKDIR).run(PROJECT, List.of("verify"), Duration.ofMinutes(20),
				"verify-custom");
		assertThat(result.succeeded()).as("mvn verify in the generated project, see %s", result.log()).isTrue();
		assertThat(result.output()).contains("Tests run:").doesNotContain("Tests run: 0,");
	}

	@Test
	void readmeSaysFirstWhichProject51ItNeedsAndHowToInstallIt() throws Exception {
		String version = System.getProperty("project51.archetype.version");
		List<String> lines = Files.readAllLines(PROJECT.resolve("README.md"));
		assertThat(String.join(" ", lines.subList(2, 4))).isEqualTo("This project needs Project51 " + version
				+ ". If Maven cannot resolve it (Project51 is not on Maven Central yet), install it once from a clone "
				+ "of Project51 at that version, then build again:");
		assertThat(lines.get(6)).isEqualTo(
				"git clone --quiet --depth 1 --branch " + (version.endsWith("-SNAPSHOT") ? "main" : "v" + version)
						+ " https://github.com/project51/project51.git " + "/tmp/project51-" + version
						+ " && mvn -B -ntp -f /tmp/project51-" + version + " install -DskipTests");
	}

	@Test
	void ciFailsEarlyWithTheReadmeMessageWhenTheLibrariesCannotBeResolved() throws Exception {
		String workflow = Files.readString(PROJECT.resolve(".github/workflows/main.yml"));
		Matcher step = Pattern.compile(
				"(?s)- name: Check that the Project51 libraries resolve\\n(?:\\s+#[^\\n]*\\n)*\\s+run: \\|\\n(.*?)\\n      - name: ")
			.matcher(workflow);
		assertThat(step.find()).as("the library check step of the generated workflow").isTrue();
		String script = step.group(1).replaceAll("(?m)^ {10}", "");
		Path bin = Files.createDirectories(WORKDIR.resolve("fake-maven"));
		Path mvn = bin.resolve("mvn");
		Files.writeString(mvn, "#!/bin/sh\necho 'Could not resolve dependencies'\nexit 1\n");
		Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
		Command.Result result = Command.of("bash", "-e", "-c", script)
			.in(PROJECT)
			.env("PATH", bin + ":" + System.getenv("PATH"))
			.env("RUNNER_TEMP", Files.createDirectories(WORKDIR.resolve("runner-temp")).toString())
			.run();
		assertThat(result.exitCode()).isEqualTo(1);
		List<String> readme = Files.readAllLines(PROJECT.resolve("README.md"));
		assertThat(result.output()).contains(String.join(" ", readme.subList(2, 4))).contains(readme.get(6));
	}

	@Test
	void aReleasedProject51VersionGivesItsTagAndNoSnapshotWarning() throws Exception {
		Path directory = WORKDIR.resolve("release-version");
		ReferenceDeploymentIT.deleteRecursively(directory);
		Maven.Result result = new Maven(WORKDIR).generate(directory,
				Map.of("artifactId", "released-bot", "project51Version", "0.1.0"), "generate-release-version");
		assertThat(result.succeeded()).as("archetype:generate, see %s", result.log()).isTrue();
		assertThat(result.output()).doesNotContain("development snapshot");
		assertThat(directory.resolve("released-bot/README.md")).content()
			.contains("This project needs Project51 0.1.0. If Maven")
			.contains("--branch v0.1.0 https://github.com/project51/project51.git /tmp/project51-0.1.0 && "
					+ "mvn -B -ntp -f /tmp/project51-0.1.0 install");
		assertThat(directory.resolve("released-bot/pom.xml")).content()
			.contains("<project51.version>0.1.0</project51.version>");
	}

}
