package dev.project51.agent.client;

/**
 * Contract documents used by the tests.
 */
final class Json {

	static final String REPLY = "{\"conversationId\":\"c-1\",\"reply\":\"Roll back with deploy.sh --rollback.\","
			+ "\"model\":\"local\",\"degraded\":true,\"citations\":[{\"source\":\"knowledge/rolling-back.md\","
			+ "\"title\":\"Rolling back\"}],\"latencyMs\":12}";

	static final String MODELS = "[{\"name\":\"gpt-4o-mini\",\"provider\":\"openai\",\"state\":\"OPEN\","
			+ "\"lastError\":\"HTTP 503\",\"calls\":7,\"failures\":4},"
			+ "{\"name\":\"local\",\"provider\":\"local\",\"state\":\"CLOSED\",\"calls\":3,\"failures\":0}]";

	static final String CONVERSATION = "{\"conversationId\":\"c-1\",\"messages\":["
			+ "{\"role\":\"user\",\"text\":\"hi\",\"at\":\"2026-01-01T10:00:00Z\"},"
			+ "{\"role\":\"assistant\",\"text\":\"hello\",\"model\":\"local\",\"degraded\":false,\"citations\":[],"
			+ "\"at\":\"2026-01-01T10:00:01Z\"}]}";

	static final String META = "event: meta\ndata: {\"conversationId\":\"c-1\",\"model\":\"local\",\"degraded\":false}\n\n";

	static final String DONE = "event: done\ndata: {\"reply\":\"Hello world\",\"model\":\"local\",\"degraded\":false,"
			+ "\"citations\":[],\"latencyMs\":5}\n\n";

	private Json() {
	}

	static String token(String text) {
		return "event: token\ndata: {\"text\":\"" + text + "\"}\n\n";
	}

	static String error(int status, String type, String detail) {
		return "event: error\ndata: {\"problem\":{\"type\":\"https://project51.dev/problems/" + type
				+ "\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}}\n\n";
	}

}
