package dev.project51.k8s.check;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * One Kubernetes object read from a YAML document: the raw tree for schema validation,
 * the typed fabric8 model for the rules (or {@code null} if it could not be bound) and
 * where it came from.
 */
final class ManifestObject {

	static final String KUBE_SCORE_IGNORE = "kube-score/ignore";

	static final String KUBE_LINTER_IGNORE_PREFIX = "ignore-check.kube-linter.io/";

	private final String file;

	private final int line;

	private final JsonNode node;

	private final KubernetesResource resource;

	private final Map<String, String> annotations;

	ManifestObject(String file, int line, JsonNode node, KubernetesResource resource) {
		this.file = file;
		this.line = line;
		this.node = node;
		this.resource = resource;
		this.annotations = readAnnotations(node);
	}

	private static Map<String, String> readAnnotations(JsonNode node) {
		JsonNode annotations = node.path("metadata").path("annotations");
		if (!annotations.isObject()) {
			return Collections.emptyMap();
		}
		Map<String, String> result = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> entry = it.next();
			result.put(entry.getKey(), entry.getValue().asText());
		}
		return result;
	}

	String file() {
		return this.file;
	}

	int line() {
		return this.line;
	}

	JsonNode node() {
		return this.node;
	}

	KubernetesResource resource() {
		return this.resource;
	}

	String apiVersion() {
		return text(this.node.get("apiVersion"));
	}

	String kind() {
		return text(this.node.get("kind"));
	}

	String name() {
		return text(this.node.path("metadata").get("name"));
	}

	String namespace() {
		String namespace = text(this.node.path("metadata").get("namespace"));
		return (namespace != null) ? namespace : "";
	}

	boolean ignores(Rule rule) {
		String kubeScore = this.annotations.get(KUBE_SCORE_IGNORE);
		if (kubeScore != null
				&& Arrays.stream(kubeScore.split(",")).map(String::trim).anyMatch((id) -> id.equals(rule.id()))) {
			return true;
		}
		return this.annotations.containsKey(KUBE_LINTER_IGNORE_PREFIX + rule.id());
	}

	private static String text(JsonNode node) {
		return (node != null && node.isValueNode() && !node.isNull()) ? node.asText() : null;
	}

}
