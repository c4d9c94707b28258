package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A streamed OpenAI chat completion read as raw server-sent events: the same measurement
 * for a model provider, the agent's {@code /v1} and any OpenAI-compatible gateway.
 */
final class CompletionsScenario implements Scenario {

	/**
	 * A chunk whose delta carries text: {@code "content":"x"}, with or without spaces.
	 */
	private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"[^\"]");

	private final String name;

	private final HttpClient http;

	private final HttpRequest request;

	CompletionsScenario(String name, HttpClient http, URI url, String apiToken, String model, String message,
			Duration timeout) {
		this.name = name;
		this.http = http;
		HttpRequest.Builder builder = HttpRequest.newBuilder(url)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":" + SseScenario.jsonString(model)
					+ ",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":" + SseScenario.jsonString(message)
					+ "}]}"));
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
			return read(lines.iterator(), start);
		}
		catch (UncheckedIOException ex) {
			throw new ScenarioException(ex.getCause().getClass().getSimpleName(),
					String.valueOf(ex.getCause().getMessage()), ex.getCause());
		}
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
