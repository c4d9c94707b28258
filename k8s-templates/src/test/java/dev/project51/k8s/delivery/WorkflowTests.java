package dev.project51.k8s.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.project51.testsupport.tools.Command;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the rendered {@code .github/workflows/main.yml}: it satisfies SchemaStore's
 * published workflow schema, pins every action by commit SHA and does what the pipeline
 * promises.
 */
class WorkflowTests {

	private static final Pattern USES = Pattern.compile("(?m)^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");

	private static Schema schema;

	private final String workflow = DeliveryFiles.contents(DeliverySettings.defaults()).get(DeliveryFiles.WORKFLOW);

	@BeforeAll
	static void loadSchema() throws IOException {
		try (InputStream in = WorkflowTests.class.getResourceAsStream("/schemas/github-workflow.json")) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
		}
	}

	@Test
	void satisfiesTheSchemaStoreWorkflowSchema() {
		List<Error> errors = schema.validate(this.workflow, InputFormat.YAML);
		assertThat(errors).isEmpty();
	}

	@Test
	void schemaRejectsABrokenWorkflow() {
		String broken = this.workflow.replace("runs-on: ubuntu-24.04", "runs-onn: ubuntu-24.04");
		assertThat(schema.validate(broken, InputFormat.YAML)).isNotEmpty();
	}

	@Test
	void pinsEveryActionToAFullCommitShaWithItsTagInAComment() {
		Matcher matcher = USES.matcher(this.workflow);
		int count = 0;
		while (matcher.find()) {
			count++;
			assertThat(matcher.group(1)).matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}");
			assertThat(matcher.group(2)).matches(" # v\\d+(\\.\\d+)*");
		}
		assertThat(count).isEqualTo(8);
	}

	@Test
	void setsUpAnActiveNodeLtsForCdktfSynthesisBeforeTheBuild() throws IOException {
		JsonNode steps = new YAMLMapper().readTree(this.workflow).at("/jobs/test/steps");
		List<String> names = steps.findValuesAsText("name");
		assertThat(names).containsSubsequence("Set up Node.js 22", "Build and test");
		JsonNode node = steps.get(names.indexOf("Set up Node.js 22"));
		assertThat(node.at("/uses").asText()).startsWith("actions/setup-node@");
		assertThat(node.at("/with/node-version").asText()).isEqualTo("22");
	}

	@Test
	void testsEveryPushAndPullRequestAndPublishesOnlyFromMain() throws IOException {
		JsonNode tree = new YAMLMapper().readTree(this.workflow);
		assertThat(tree.at("/on/push/branches/0").asText()).isEqualTo("main");
		assertThat(tree.at("/on").has("pull_request")).isTrue();
		assertThat(tree.at("/permissions")).hasSize(1);
		assertThat(tree.at("/permissions/contents").asText()).isEqualTo("read");
		assertThat(tree.at("/concurrency/group").asText()).isEqualTo("${{ github.workflow }}-${{ github.ref }}");
		assertThat(tree.at("/jobs/test/steps/1/with/distribution").asText()).isEqualTo("temurin");
		assertThat(tree.at("/jobs/test/steps/1/with/java-version").asText()).isEqualTo("17");
		assertThat(tree.at("/jobs/test/steps/1/with/cache").asText()).isEqualTo("maven");
		for (String job : List.of("images", "render")) {
			assertThat(tree.at("/jobs/" + job + "/if").asText())
				.isEqualTo("github.event_name == 'push' && github.ref == 'refs/heads/main'");
		}
		assertThat(List.of(tree.at("/jobs/images/needs/0").asText(), tree.at("/jobs/images/needs/1").asText()))
			.as("images reach Docker Hub, and so the host, only after the kind deploy passed")
			.containsExactly("test", "kind");
		assertThat(tree.at("/jobs/render/needs").asText()).isEqualTo("images");
		tree.at("/jobs").forEach((job) -> assertThat(job.has("permissions")).isFalse());
	}

	@Test
	void pushesTheImagesTheClusterRunsTaggedWithTheShaAndLatestUsingTheDockerSecrets() throws IOException {
		JsonNode images = new YAMLMapper().readTree(this.workflow).at("/jobs/images");
		assertThat(images.at("/strategy/matrix/include").findValuesAsText("component"))
			.as("Render builds the backend itself, so CI builds no backend image nobody uses")
			.containsExactly("frontend");
		assertThat(images.at("/strategy/matrix/include").findValuesAsText("dockerfile"))
			.containsExactly("frontend/Dockerfile");
		JsonNode inCluster = new YAMLMapper()
			.readTree(DeliveryFiles.contents(DeliverySettings.builder().agentInCluster(true).build())
				.get(DeliveryFiles.WORKFLOW))
			.at("/jobs/images/strategy/matrix/include");
		assertThat(inCluster.findValuesAsText("component")).containsExactly("frontend", "backend");
		assertThat(inCluster.findValuesAsText("dockerfile")).containsExactly("frontend/Dockerfile",
				"backend/Dockerfile");
		JsonNode login = images.at("/steps/2/with");
		assertThat(login.get("username").asText()).isEqualTo("${{ secrets.DOCKER_USERNAME }}");
		assertThat(login.get("password").asText()).isEqualTo("${{ secrets.DOCKER_TOKEN }}");
		JsonNode build = images.at("/steps/3/with");
		assertThat(build.get("push").asBoolean()).isTrue();
		assertThat(build.get("tags").asText().lines()).containsExactly(
				"docker.io/project51/project51-${{ matrix.component }}:${{ github.sha }}",
				"docker.io/project51/project51-${{ matrix.component }}:latest");
	}

	@Test
	void triggersTheRenderDeployHookOnlyWhenItsSecretIsSet() throws IOException {
		JsonNode render = new YAMLMapper().readTree(this.workflow).at("/jobs/render");
		assertThat(render.at("/env/RENDER_DEPLOY_HOOK_URL").asText())
			.isEqualTo("${{ secrets.RENDER_DEPLOY_HOOK_URL }}");
		assertThat(render.at("/steps/0/if").asText()).isEqualTo("env.RENDER_DEPLOY_HOOK_URL != ''");
		assertThat(render.at("/steps/0/run").asText()).contains("curl --fail")
			.contains("\"$RENDER_DEPLOY_HOOK_URL\"")
			.doesNotContain("secrets.");
	}

	@Test
	void deploysEveryCommitOnAKindClusterWithDeploySh() throws IOException {
		JsonNode kind = new YAMLMapper().readTree(this.workflow).at("/jobs/kind");
		assertThat(kind.at("/needs").asText()).isEqualTo("test");
		assertThat(kind.has("if")).as("runs on pull requests too").isFalse();
		assertThat(kind.at("/env/KIND_VERSION").asText()).isEqualTo(PinnedActions.KIND_VERSION);
		assertThat(kind.at("/env/KUBECTL_VERSION").asText()).isEqualTo("v1.35.0");
		String run = kind.findValuesAsText("run").stream().reduce("", (a, b) -> a + b + "\n");
		assertThat(run).contains("go install \"sigs.k8s.io/kind@$KIND_VERSION\"")
			.contains("sha256sum --check")
			.contains(
					"docker build --file frontend/Dockerfile --tag \"docker.io/project51/project51-frontend:$(git rev-parse HEAD)\" .")
			.contains("kind create cluster --config kind-config.yaml")
			.contains(
					"kind load docker-image \"docker.io/project51/project51-frontend:$(git rev-parse HEAD)\" --name project51")
			.contains("./deploy.sh")
			.contains("http://127.0.0.1:8080/");
		assertThat(run.indexOf("kind load")).isLessThan(run.indexOf("./deploy.sh"));
		assertThat(kind.at("/steps/0/with/fetch-depth").asInt()).isZero();
	}

	@Test
	void usesOnlyTheActionsOfThePinTable() {
		Matcher matcher = USES.matcher(this.workflow);
		while (matcher.find()) {
			String uses = matcher.group(1);
			assertThat(PinnedActions.ALL.values().stream().map((pin) -> pin.get("uses"))).contains(uses);
			Map<String, String> pin = PinnedActions.ALL.values()
				.stream()
				.filter((candidate) -> candidate.get("uses").equals(uses))
				.findFirst()
				.orElseThrow();
			assertThat(matcher.group(2)).isEqualTo(" # " + pin.get("tag"));
		}
	}

	@Test
	void checksThatTheProject51LibrariesResolveBeforeTheBuild() throws IOException {
		List<String> steps = new YAMLMapper().readTree(this.workflow).at("/jobs/test/steps").findValuesAsText("name");
		assertThat(steps).contains("Check that the Project51 libraries resolve", "Build and test");
		assertThat(steps.indexOf("Check that the Project51 libraries resolve"))
			.isLessThan(steps.indexOf("Build and test"));
	}

	@Test
	void libraryCheckFailsWithHowToInstallASnapshotFromMain(@TempDir Path project) throws Exception {
		Command.Result result = runLibraryCheck(project, "0.1.0-SNAPSHOT", 1);
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains(
				"::error title=Project51 0.1.0-SNAPSHOT cannot be resolved::Maven cannot resolve dev.project51:project51-dependencies:0.1.0-SNAPSHOT.")
			.contains("This project needs Project51 0.1.0-SNAPSHOT. If Maven cannot resolve it (Project51 is not on "
					+ "Maven Central yet), install it once from a clone of Project51 at that version, then build again:")
			.contains("git clone --quiet --depth 1 --branch main https://github.com/project51/project51.git "
					+ "/tmp/project51-0.1.0-SNAPSHOT && mvn -B -ntp -f /tmp/project51-0.1.0-SNAPSHOT install -DskipTests");
	}

	@Test
	void libraryCheckFailsWithHowToInstallAReleaseFromItsTag(@TempDir Path project) throws Exception {
		Command.Result result = runLibraryCheck(project, "0.2.0", 1);
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output())
			.contains("--branch v0.2.0 https://github.com/project51/project51.git /tmp/project51-0.2.0");
	}

	@Test
	void libraryCheckPassesSilentlyWhenTheLibrariesResolve(@TempDir Path project) throws Exception {
		Command.Result result = runLibraryCheck(project, "0.2.0", 0);
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).isEmpty();
		assertThat(Files.readString(project.resolve("mvn-arguments")))
			.contains("-Dartifact=dev.project51:project51-dependencies:0.2.0:pom");
	}

	/**
	 * Runs the library check's script in a project whose pom.xml builds on the given
	 * Project51 version, with a stand-in {@code mvn} that exits with the given code.
	 */
	private Command.Result runLibraryCheck(Path project, String version, int mavenExitCode) throws Exception {
		String script = "";
		for (JsonNode step : new YAMLMapper().readTree(this.workflow).at("/jobs/test/steps")) {
			if (step.at("/name").asText().equals("Check that the Project51 libraries resolve")) {
				script = step.at("/run").asText();
			}
		}
		Files.writeString(project.resolve("pom.xml"), "<project>\n\t<properties>\n\t\t<project51.version>" + version
				+ "</project51.version>\n\t</properties>\n</project>\n");
		Path bin = Files.createDirectories(project.resolve("bin"));
		Path mvn = bin.resolve("mvn");
		Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >\"" + project.resolve("mvn-arguments") + "\"\necho noise\nexit "
				+ mavenExitCode + "\n");
		Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path temp = Files.createDirectories(project.resolve("runner-temp"));
		return Command.of("bash", "-e", "-c", script)
			.in(project)
			.env("PATH", bin + ":" + System.getenv("PATH"))
			.env("RUNNER_TEMP", temp.toString())
			.run();
	}

}
