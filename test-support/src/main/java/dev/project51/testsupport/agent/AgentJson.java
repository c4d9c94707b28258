package dev.project51.testsupport.agent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the {@link FakeAgent}: its mapper, media types and problem documents.
 */
final class AgentJson {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PROBLEM_JSON = "application/problem+json";

	static final String EVENT_STREAM = "text/event-stream";

	private AgentJson() {
	}

	static ObjectNode problemNode(String slug, int status, String detail, String instance) {
		ObjectNode problem = JSON.createObjectNode();
		problem.put("type", "https://project51.dev/problems/" + slug);
		problem.put("title", slug);
		problem.put("status", status);
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return problem;
	}

	static String text(Object value) {
		return (value instanceof String text) ? text : JSON.writeValueAsString(value);
	}

	static JsonNode tree(Object value) {
		return (value instanceof String text) ? JSON.readTree(text) : JSON.valueToTree(value);
	}

}
