package dev.project51.k8s.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the rendered {@code render.yaml}, validated against the Blueprint schema in
 * {@code src/test/resources/schemas} (see its README for what that file is).
 */
class RenderBlueprintTests {

	private static Schema schema;

	private final String blueprint = DeliveryFiles.contents(DeliverySettings.defaults())
		.get(DeliveryFiles.RENDER_BLUEPRINT);

	@BeforeAll
	static void loadSchema() throws IOException {
		try (InputStream in = RenderBlueprintTests.class.getResourceAsStream("/schemas/render-blueprint.schema.json")) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
		}
	}

	@Test
	void satisfiesTheBlueprintSchema() {
		assertThat(schema.validate(this.blueprint, InputFormat.YAML)).isEmpty();
		String other = DeliveryFiles
			.contents(DeliverySettings.builder()
				.renderPlan("free")
				.renderRegion("frankfurt")
				.renderAutoDeployTrigger("off")
				.build())
			.get(DeliveryFiles.RENDER_BLUEPRINT);
		assertThat(schema.validate(other, InputFormat.YAML)).isEmpty();
	}

	@Test
	void schemaRejectsASecretWithAValueAndAnUnknownField() {
		String secretInGit = this.blueprint.replace("      - key: OPENAI_API_KEY\n        sync: false",
				"      - key: OPENAI_API_KEY\n        sync: false\n        value: sk-123");
		assertThat(schema.validate(secretInGit, InputFormat.YAML)).isNotEmpty();
		String typo = this.blueprint.replace("healthCheckPath:", "healthcheckPath:");
		assertThat(schema.validate(typo, InputFormat.YAML)).isNotEmpty();
	}

	@Test
	void isADockerWebServiceWithHealthCheckGeneratedTokenAndUnsyncedKeys() throws IOException {
		JsonNode service = new YAMLMapper().readTree(this.blueprint).at("/services/0");
		assertThat(service.get("type").asText()).isEqualTo("web");
		assertThat(service.get("name").asText()).isEqualTo("project51-backend");
		assertThat(service.get("runtime").asText()).isEqualTo("docker");
		assertThat(service.get("dockerfilePath").asText()).isEqualTo("./backend/Dockerfile");
		assertThat(service.get("dockerContext").asText()).isEqualTo(".");
		assertThat(service.get("healthCheckPath").asText()).isEqualTo("/actuator/health/readiness");
		assertThat(service.get("autoDeployTrigger").asText()).isEqualTo("checksPass");
		JsonNode env = service.get("envVars");
		assertThat(env.get(0).get("key").asText()).isEqualTo("AGENT_API_TOKEN");
		assertThat(env.get(0).get("generateValue").asBoolean()).isTrue();
		assertThat(env.findParents("sync")).extracting((node) -> node.get("key").asText())
			.containsExactly("OPENAI_API_KEY", "OPENAI_BASE_URL");
		assertThat(env.findParents("sync")).allSatisfy((node) -> {
			assertThat(node.get("sync").asBoolean()).isFalse();
			assertThat(node.has("value")).isFalse();
		});
		assertThat(service.get("maxShutdownDelaySeconds").asInt()).as("the agent's graceful shutdown (30 s) and 5 s")
			.isEqualTo(35);
		assertThat(service.at("/buildFilter/paths").findValuesAsText("paths")).isEmpty();
		assertThat(service.at("/buildFilter/paths")).extracting(JsonNode::asText)
			.containsExactly("backend/**", "pom.xml");
	}

	@ParameterizedTest
	@EnumSource(AgentProvider.class)
	void namesExactlyTheChosenProvidersVariables(AgentProvider provider) throws IOException {
		String blueprint = DeliveryFiles.contents(DeliverySettings.builder().aiProvider(provider).build())
			.get(DeliveryFiles.RENDER_BLUEPRINT);
		assertThat(schema.validate(blueprint, InputFormat.YAML)).isEmpty();
		JsonNode env = new YAMLMapper().readTree(blueprint).at("/services/0/envVars");
		List<String> keys = env.findValuesAsText("key");
		List<String> expected = new ArrayList<>(
				List.of("AGENT_API_TOKEN", "JAVA_TOOL_OPTIONS", "PROJECT51_AGENT_ALLOWED_HOSTS", "AI_PROVIDER"));
		provider.variables().forEach((variable) -> expected.add(variable.name()));
		assertThat(keys).containsExactlyElementsOf(expected);
		assertThat(env.get(keys.indexOf("AI_PROVIDER")).get("value").asText()).isEqualTo(provider.id());
		assertThat(env.get(keys.indexOf("PROJECT51_AGENT_ALLOWED_HOSTS")).get("value").asText())
			.as("the agent answers to the name the frontend calls it by")
			.isEqualTo(URI.create(DeliverySettings.builder().aiProvider(provider).build().agentBaseUrl()).getHost());
		for (AgentProvider.AgentVariable variable : provider.variables()) {
			JsonNode entry = env.get(keys.indexOf(variable.name()));
			if (variable.provided()) {
				assertThat(entry.get("sync").asBoolean()).as(variable.name()).isFalse();
			}
			else {
				assertThat(entry.get("value").asText()).as(variable.name()).isEqualTo(variable.value());
			}
		}
		for (AgentProvider other : AgentProvider.values()) {
			if (other != provider) {
				other.variables()
					.forEach((variable) -> assertThat(blueprint).as("another provider's variable")
						.doesNotContain("key: " + variable.name() + "\n")
						.doesNotContain(" " + variable.name() + " "));
			}
		}
	}

	@Test
	void openAiCompatibleRequiresItsBaseUrlWhereTheAgentIsDeployed() throws IOException {
		String blueprint = DeliveryFiles.contents(DeliverySettings.builder().aiProvider("openai-compatible").build())
			.get(DeliveryFiles.RENDER_BLUEPRINT);
		JsonNode env = new YAMLMapper().readTree(blueprint).at("/services/0/envVars");
		assertThat(env.findParents("sync")).extracting((node) -> node.get("key").asText())
			.containsExactly("OPENAI_COMPATIBLE_BASE_URL", "OPENAI_COMPATIBLE_API_KEY");
		assertThat(blueprint).contains("OPENAI_COMPATIBLE_BASE_URL  the server's OpenAI-compatible API")
			.contains("(required)");
	}

}
