package dev.project51.k8s.delivery;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
			.containsExactly("ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENAI_API_KEY");
		assertThat(env.findParents("sync")).allSatisfy((node) -> {
			assertThat(node.get("sync").asBoolean()).isFalse();
			assertThat(node.has("value")).isFalse();
		});
	}

}
