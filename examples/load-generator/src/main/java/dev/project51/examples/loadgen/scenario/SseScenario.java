package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A streamed chat read as raw server-sent events: the same measurement for the agent and
 * for the frontend's relay.
 */
final class SseScenario implements Scenario {

	private final String name;

	private final HttpClient http;

	private final HttpRequest request;

	SseScenario(String name, HttpClient http, URI url, String apiToken, String message, Duration timeout) {
		this.name = name;
		this.http = http;
		HttpRequest.Builder builder = HttpRequest.newBuilder(url)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":" + jsonString(message) + "}"));
		if (apiToken != null) {
			builder.header("Authorization", "Bearer " + apiToken);
		}
		this.request = builder.build();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String endpoint() {
		return "POST " + this.request.uri().getRawPath();
	}

	@Override
	public Outcome call() throws ScenarioException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<Stream<String>> response;
		try {
			response = this.http.send(this.request, HttpResponse.BodyHandlers.ofLines());
		}
		catch (IOException ex) {
			throw new ScenarioException(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()), ex);
		}
		try (Stream<String> lines = response.body()) {
			if (response.statusCode() != 200) {
				throw new ScenarioException("HTTP " + response.statusCode(), "expected 200", null);
			}
			String type = response.headers().firstValue("Content-Type").orElse("");
			if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
				throw new ScenarioException("not an event stream", "Content-Type was '" + type + "'", null);
			}
			return read(lines.iterator(), start);
		}
		catch (UncheckedIOException ex) {
			throw new ScenarioException(ex.getCause().getClass().getSimpleName(),
					String.valueOf(ex.getCause().getMessage()), ex.getCause());
		}
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

	static String jsonString(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
