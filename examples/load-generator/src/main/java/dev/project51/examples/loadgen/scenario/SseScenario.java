package dev.project51.examples.loadgen.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A streamed chat read as raw server-sent events: the same measurement for the agent and
 * for the frontend's relay.
 */
final class SseScenario extends EventStreamScenario {

	SseScenario(String name, HttpClient http, URI url, String apiToken, String message, Duration timeout) {
		super(name, http, url, apiToken, "{\"message\":" + jsonString(message) + "}", timeout, true);
	}

	@Override
	Outcome outcome(Iterator<String> lines, long start) throws ScenarioException {
		return read(lines, start);
	}

	private static Outcome read(Iterator<String> lines, long start) throws ScenarioException {
		long firstToken = -1;
		String event = "message";
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.isEmpty()) {
				event = "message";
				continue;
			}
			if (!line.startsWith("event:")) {
				continue;
			}
			event = line.substring("event:".length()).strip();
			switch (event) {
				case "token" -> {
					if (firstToken < 0) {
						firstToken = System.nanoTime() - start;
					}
				}
				case "done" -> {
					if (firstToken < 0) {
						throw new ScenarioException("no token", "the stream ended without a token", null);
					}
					return Outcome.firstTokenAfter(firstToken);
				}
				case "error" ->
					throw new ScenarioException("error event", "the stream ended with an error event", null);
				default -> {
					// meta, or an event this version does not know
				}
			}
		}
		throw new ScenarioException("stream broken off", "the stream ended without a done event", null);
	}

}
