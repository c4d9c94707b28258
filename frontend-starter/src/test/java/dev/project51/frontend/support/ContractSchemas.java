package dev.project51.frontend.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.project51.agent.contract.AgentApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The component schemas of the agent's OpenAPI document, to check that test doubles and
 * the frontend speak the contract.
 */
public final class ContractSchemas {

	private static final ContractSchemas INSTANCE = new ContractSchemas();

	private final JsonMapper json = JsonMapper.builder().build();

	private final JsonNode components;

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private ContractSchemas() {
		try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(AgentApi.OPENAPI_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(AgentApi.OPENAPI_RESOURCE + " is not on the class path");
			}
			this.components = YAMLMapper.builder().build().readTree(in).get("components");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The shared instance.
	 * @return the schemas
	 */
	public static ContractSchemas get() {
		return INSTANCE;
	}

	/**
	 * Validate a JSON document against a component schema of the contract.
	 * @param component the schema name, e.g. {@code ChatRequest}
	 * @param jsonText the document
	 * @return the violations, empty when the document conforms
	 */
	public List<String> violations(String component, String jsonText) {
		JsonNode instance = this.json.readTree(jsonText);
		List<Error> errors = schema(component).validate(instance);
		return errors.stream().map((error) -> component + ": " + error.getMessage()).toList();
	}

	private Schema schema(String component) {
		return this.schemas.computeIfAbsent(component, (name) -> {
			if (this.components.path("schemas").get(name) == null) {
				throw new IllegalArgumentException("The contract has no schema '" + name + "'");
			}
			ObjectNode root = this.json.createObjectNode();
			root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
			root.put("$ref", "#/components/schemas/" + name);
			root.set("components", this.components);
			return this.registry.getSchema(root);
		});
	}

}
