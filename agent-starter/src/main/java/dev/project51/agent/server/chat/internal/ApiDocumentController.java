package dev.project51.agent.server.chat.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.project51.agent.contract.AgentApi;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI document of the agent's HTTP APIs at {@value #PATH}: the agent API
 * (v1) of {@code project51-agent-client} and, when the OpenAI-compatible API is on, its
 * {@code /v1} paths. The document is what schemathesis fuzzes the agent against.
 *
 * @since 0.1.0
 */
@RestController
public class ApiDocumentController {

	/** Path of the document. */
	public static final String PATH = "/api/v1/openapi.json";

	/** Classpath resource of the {@code /v1} part. */
	public static final String OPENAI_RESOURCE = "dev/project51/agent/server/openai/openai-api-v1.yaml";

	private final byte[] document;

	/**
	 * Creates the controller.
	 * @param json the mapper of the document
	 * @param includeOpenAi whether the OpenAI-compatible API is served
	 */
	public ApiDocumentController(JsonMapper json, boolean includeOpenAi) {
		Map<String, Object> document = load(AgentApi.OPENAPI_RESOURCE);
		if (includeOpenAi) {
			Map<String, Object> openAi = load(OPENAI_RESOURCE);
			merge(document, openAi, "paths");
			Map<String, Object> components = section(document, "components");
			Map<String, Object> openAiComponents = section(openAi, "components");
			merge(components, openAiComponents, "responses");
			merge(components, openAiComponents, "schemas");
		}
		this.document = json.writeValueAsBytes(document);
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> document() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.document);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> load(String resource) {
		try (InputStream in = ApiDocumentController.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the class path");
			}
			return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(Map<String, Object> document, String name) {
		return (Map<String, Object>) document.computeIfAbsent(name, (key) -> new LinkedHashMap<>());
	}

	private static void merge(Map<String, Object> target, Map<String, Object> source, String name) {
		section(target, name).putAll(section(source, name));
	}

}
