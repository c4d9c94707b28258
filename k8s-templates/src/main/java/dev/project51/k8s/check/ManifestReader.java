package dev.project51.k8s.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Splits YAML text into documents (keeping the line each starts on), parses them and
 * binds each object to its fabric8 model. {@code kind: List} documents are expanded.
 */
final class ManifestReader {

	private static final YAMLMapper YAML = new YAMLMapper();

	private final KubernetesSerialization serialization;

	ManifestReader(KubernetesSerialization serialization) {
		this.serialization = serialization;
	}

	List<ManifestObject> read(String file, String text, Consumer<Finding> problems) {
		List<ManifestObject> objects = new ArrayList<>();
		String[] lines = text.replace("\r\n", "\n").split("\n", -1);
		StringBuilder document = new StringBuilder();
		int documentStart = 1;
		for (int i = 0; i <= lines.length; i++) {
			boolean end = i == lines.length;
			String line = end ? null : lines[i];
			if (end || line.equals("---") || line.startsWith("--- ") || line.equals("...")) {
				readDocument(file, documentStart, document.toString(), objects, problems);
				document.setLength(0);
				documentStart = i + 2;
			}
			else {
				document.append(line).append('\n');
			}
		}
		return objects;
	}

	private void readDocument(String file, int startLine, String document, List<ManifestObject> objects,
			Consumer<Finding> problems) {
		int firstContentLine = firstContentLine(document);
		if (firstContentLine < 0) {
			return;
		}
		int line = startLine + firstContentLine;
		JsonNode node;
		try {
			node = YAML.readTree(document);
		}
		catch (JacksonException ex) {
			int errorLine = (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
					? startLine + ex.getLocation().getLineNr() - 1 : line;
			problems.accept(new Finding(Rule.YAML_SYNTAX, file, errorLine, null, null,
					"not valid YAML (" + summary(ex.getOriginalMessage())
							+ "); fix the syntax: indentation, quoting, a ':' and a space after each key"));
			return;
		}
		if (node == null || node.isMissingNode() || node.isNull()) {
			return;
		}
		if (!node.isObject()) {
			problems.accept(new Finding(Rule.YAML_SYNTAX, file, line, null, null,
					"the document is a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
							+ ", not a mapping; a Kubernetes object starts with apiVersion, kind and metadata"));
			return;
		}
		if ("List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
			node.path("items").forEach((item) -> objects.add(bind(file, line, item)));
			return;
		}
		objects.add(bind(file, line, node));
	}

	private ManifestObject bind(String file, int line, JsonNode node) {
		KubernetesResource resource = null;
		String apiVersion = node.path("apiVersion").asText(null);
		String kind = node.path("kind").asText(null);
		if (apiVersion != null && kind != null
				&& this.serialization.getRegisteredKubernetesResource(apiVersion, kind) != null) {
			try {
				resource = this.serialization.convertValue(node, KubernetesResource.class);
			}
			catch (RuntimeException ex) {
				// Wrong field types: the schema check reports them with their path.
				resource = null;
			}
		}
		return new ManifestObject(file, line, node, resource);
	}

	private static String summary(String message) {
		if (message == null) {
			return "unreadable";
		}
		List<String> parts = new ArrayList<>();
		for (String line : message.split("\n")) {
			String trimmed = line.trim();
			if (!trimmed.isEmpty() && !line.startsWith(" ") && !trimmed.startsWith("in '") && !trimmed.equals("^")
					&& !parts.contains(trimmed)) {
				parts.add(trimmed);
			}
		}
		return String.join("; ", parts);
	}

	private static int firstContentLine(String document) {
		String[] lines = document.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String trimmed = lines[i].trim();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				return i;
			}
		}
		return -1;
	}

}
