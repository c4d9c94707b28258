package dev.project51.k8s.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflows of this repository ({@code .github/workflows}) and the ones users copy
 * ({@code .github/workflow-templates}, the reusable {@code project51-build-push.yml})
 * satisfy SchemaStore's workflow schema, run with read-only permissions and pin every
 * third-party action by commit SHA, like the rendered delivery workflow.
 */
class RepositoryWorkflowsTests {

	private static final Path GITHUB = Path.of("..", ".github").toAbsolutePath().normalize();

	private static final Pattern USES = Pattern.compile("(?m)^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");

	private static Schema schema;

	@BeforeAll
	static void loadSchema() throws IOException {
		try (InputStream in = RepositoryWorkflowsTests.class.getResourceAsStream("/schemas/github-workflow.json")) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
		}
	}

	static List<Path> workflows() throws IOException {
		try (Stream<Path> files = Stream.concat(Files.list(GITHUB.resolve("workflows")),
				Files.list(GITHUB.resolve("workflow-templates")))) {
			return files.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
	}

	@Test
	void repositoryHasItsCiWorkflowTheReusableWorkflowAndATemplate() throws IOException {
		assertThat(workflows()).extracting((file) -> GITHUB.relativize(file).toString())
			.contains("workflows/ci.yml", "workflows/project51-build-push.yml",
					"workflow-templates/project51-delivery.yml");
	}

	@ParameterizedTest
	@MethodSource("workflows")
	void satisfiesTheSchemaStoreWorkflowSchema(Path workflow) throws IOException {
		assertThat(schema.validate(Files.readString(workflow), InputFormat.YAML)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("workflows")
	void grantsOnlyReadAccessToTheRepositoryContents(Path workflow) throws IOException {
		JsonNode tree = new YAMLMapper().readTree(workflow.toFile());
		assertThat(tree.at("/permissions")).hasSize(1);
		assertThat(tree.at("/permissions/contents").asText()).isEqualTo("read");
	}

	@ParameterizedTest
	@MethodSource("workflows")
	void pinsEveryThirdPartyActionToAFullCommitSha(Path workflow) throws IOException {
		for (MatchResult use : uses(workflow)) {
			String uses = use.group(1);
			if (uses.startsWith("project51/project51/.github/workflows/")) {
				continue; // our own reusable workflow: the template tells users to pin
							// the release they use
			}
			assertThat(uses).as(workflow.getFileName() + ": " + uses)
				.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}");
			assertThat(use.group(2)).matches(" # v\\d+(\\.\\d+)*");
		}
	}

	@ParameterizedTest
	@MethodSource("workflows")
	void callsOurReusableWorkflowAtAReleaseNeverABranch(Path workflow) throws IOException {
		uses(workflow).stream()
			.map((use) -> use.group(1))
			.filter((uses) -> uses.startsWith("project51/project51/.github/workflows/"))
			.forEach(
					(uses) -> assertThat(uses.substring(uses.indexOf('@') + 1)).as(workflow.getFileName() + ": " + uses)
						.matches("v\\d+\\.\\d+\\.\\d+|[0-9a-f]{40}"));
	}

	@Test
	void everyTemplateHasItsPropertiesFileAndIcon() throws IOException {
		Path templates = GITHUB.resolve("workflow-templates");
		for (Path template : workflows().stream().filter((file) -> file.startsWith(templates)).toList()) {
			String name = template.getFileName().toString().replace(".yml", "");
			JsonNode properties = new ObjectMapper().readTree(templates.resolve(name + ".properties.json").toFile());
			assertThat(properties.path("name").asText()).isNotBlank();
			assertThat(properties.path("description").asText()).isNotBlank();
			assertThat(properties.path("categories")).isNotEmpty();
			assertThat(templates.resolve(properties.path("iconName").asText() + ".svg")).isRegularFile();
		}
	}

	@Test
	void reusableWorkflowIsCallableWithTheImageRepositoryAndDockerSecrets() throws IOException {
		JsonNode call = new YAMLMapper().readTree(GITHUB.resolve("workflows/project51-build-push.yml").toFile())
			.at("/on/workflow_call");
		assertThat(call.at("/inputs/image-repository/required").asBoolean()).isTrue();
		assertThat(call.at("/secrets").has("DOCKER_USERNAME")).isTrue();
		assertThat(call.at("/secrets").has("DOCKER_TOKEN")).isTrue();
	}

	/** The actions and reusable workflows a workflow uses, with their comments. */
	private static List<MatchResult> uses(Path workflow) throws IOException {
		return USES.matcher(Files.readString(workflow)).results().toList();
	}

}
