package dev.project51.examples.loadgen.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.regex.Pattern;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A streamed OpenAI chat completion read as raw server-sent events: the same measurement
 * for a model provider, the agent's {@code /v1} and any OpenAI-compatible gateway.
 */
final class CompletionsScenario extends EventStreamScenario {

	/**
	 * A chunk whose delta carries text: {@code "content":"x"}, with or without spaces.
	 */
	private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"[^\"]");

	CompletionsScenario(String name, HttpClient http, URI url, String apiToken, String model, String message,
			Duration timeout) {
		super(name, http, url, apiToken, "{\"model\":" + jsonString(model)
				+ ",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":" + jsonString(message) + "}]}",
				timeout, false);
	}

	@Override
	Outcome outcome(Iterator<String> lines, long start) throws ScenarioException {
		return read(lines, start);
	}

	static Outcome read(Iterator<String> lines, long start) throws ScenarioException {
		long firstToken = -1;
		while (lines.hasNext()) {
			String line = lines.next();
			if (!line.startsWith("data:")) {
				continue;
			}
			String data = line.substring("data:".length()).strip();
			if (data.equals("[DONE]")) {
				if (firstToken < 0) {
					throw new ScenarioException("no token", "the stream ended without a token", null);
				}
				return Outcome.firstTokenAfter(firstToken);
			}
			if (data.startsWith("{\"error\"")) {
				throw new ScenarioException("error chunk", "the stream carried an error", null);
			}
			if (firstToken < 0 && CONTENT.matcher(data).find()) {
				firstToken = System.nanoTime() - start;
			}
		}
		throw new ScenarioException("stream broken off", "the stream ended without data: [DONE]", null);
	}

}
