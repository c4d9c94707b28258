package dev.project51.agent.server.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.project51.agent.contract.AgentApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component schemas of the contract's OpenAPI document, to validate what the agent
 * sends, and what the frontend's fake agent and the frontend send.
 */
public final class ContractSchemas {

	private static final YAMLMapper YAML = new YAMLMapper();

	private static final JsonNode SCHEMAS;

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

	static {
		try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(AgentApi.OPENAPI_RESOURCE)) {
			SCHEMAS = YAML.readTree(in).path("components").path("schemas");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private ContractSchemas() {
	}

	/**
	 * What is wrong with a JSON document against a component schema of the contract: what
	 * the schema refuses (formats such as {@code date-time} included) and every property
	 * the schema does not declare. The frontend's fake agent checks what it sends with
	 * this.
	 * @param schemaName e.g. {@code ChatReply}
	 * @param json the document
	 * @return the violations, each naming the schema; empty when the document conforms
	 */
	public static List<String> violations(String schemaName, String json) {
		return violations(schemaName, YAML.readTree(json));
	}

	private static List<String> violations(String schemaName, JsonNode document) {
		List<String> violations = new ArrayList<>();
		for (Error error : schema(schemaName).validate(document)) {
			violations.add(schemaName + ": " + error.getMessage());
		}
		JsonNode declared = SCHEMAS.path(schemaName).path("properties");
		if (document.isObject() && !declared.isMissingNode()) {
			for (String name : document.propertyNames()) {
				if (!declared.has(name)) {
					violations.add(schemaName + ": property '" + name + "' is not declared");
				}
			}
		}
		return violations;
	}

	/**
	 * Asserts that a JSON document is valid against a component schema and has no
	 * property the schema does not declare.
	 * @param schemaName e.g. {@code ChatReply}
	 * @param json the document
	 * @return the parsed document
	 */
	public static JsonNode assertValid(String schemaName, String json) {
		JsonNode document = YAML.readTree(json);
		assertThat(violations(schemaName, document)).as(schemaName + " " + json).isEmpty();
		return document;
	}

	/**
	 * Asserts that every element of a JSON array is valid against a component schema.
	 * @param schemaName the schema of the elements
	 * @param json the array
	 * @return the parsed array
	 */
	public static JsonNode assertValidArray(String schemaName, String json) {
		JsonNode array = YAML.readTree(json);
		assertThat(array.isArray()).as("array " + json).isTrue();
		for (JsonNode element : array) {
			assertValid(schemaName, element.toString());
		}
		return array;
	}

	private static Schema schema(String name) {
		return CACHE.computeIfAbsent(name, (key) -> {
			if (!SCHEMAS.has(key)) {
				throw new IllegalArgumentException("The contract has no schema '" + key + "'");
			}
			String defs = SCHEMAS.toString().replace("#/components/schemas/", "#/$defs/");
			ObjectNode root = (ObjectNode) YAML.readTree("{}");
			root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
			root.set("$defs", YAML.readTree(defs));
			root.put("$ref", "#/$defs/" + key);
			return REGISTRY.getSchema(root);
		});
	}

}
