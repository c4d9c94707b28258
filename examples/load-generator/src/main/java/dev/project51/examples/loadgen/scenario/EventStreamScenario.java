package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * A JSON {@code POST} whose answer is read as raw server-sent events, line by line, until
 * the subclass has its outcome, then to its end: one request built once, sent as many
 * times as the load asks.
 */
abstract class EventStreamScenario implements Scenario {

	private final String name;

	private final HttpClient http;

	private final HttpRequest request;

	private final boolean requireEventStreamType;

	EventStreamScenario(String name, HttpClient http, URI url, String apiToken, String body, Duration timeout,
			boolean requireEventStreamType) {
		this.name = name;
		this.http = http;
		this.requireEventStreamType = requireEventStreamType;
		HttpRequest.Builder builder = HttpRequest.newBuilder(url)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (apiToken != null) {
			builder.header("Authorization", "Bearer " + apiToken);
		}
		this.request = builder.build();
	}

	/** A copy for one caller, with the same request. */
	EventStreamScenario(EventStreamScenario template) {
		this.name = template.name;
		this.http = template.http;
		this.requireEventStreamType = template.requireEventStreamType;
		this.request = template.request;
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
			response = this.http.send(request(this.request), HttpResponse.BodyHandlers.ofLines());
		}
		catch (IOException ex) {
			throw new ScenarioException(Scenarios.kind(ex), String.valueOf(ex.getMessage()), ex);
		}
		received(response.headers());
		try (Stream<String> lines = response.body()) {
			if (response.statusCode() != 200) {
				throw new ScenarioException("HTTP " + response.statusCode(), "expected 200", null);
			}
			String type = response.headers().firstValue("Content-Type").orElse("");
			if (this.requireEventStreamType && !type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
				throw new ScenarioException("not an event stream", "Content-Type was '" + type + "'", null);
			}
			Iterator<String> iterator = lines.iterator();
			Outcome outcome = outcome(iterator, start);
			// Read to the end of the answer: closing an unfinished body makes the JDK
			// client cancel it, and a cancel that comes after the body arrived closes
			// the connection even when another call already took it from the pool
			// ("HTTP/1.1 header parser received no bytes" in that call).
			iterator.forEachRemaining((line) -> {
			});
			return outcome;
		}
		catch (UncheckedIOException ex) {
			throw new ScenarioException(Scenarios.kind(ex.getCause()), String.valueOf(ex.getCause().getMessage()),
					ex.getCause());
		}
	}

	/**
	 * The request of the next call.
	 * @param request the request built once
	 * @return the request to send, by default the one built once
	 */
	HttpRequest request(HttpRequest request) {
		return request;
	}

	/**
	 * The headers of an answer have arrived.
	 * @param headers its headers
	 */
	void received(HttpHeaders headers) {
	}

	/**
	 * Reads the stream to its outcome.
	 * @param lines the lines of the answer
	 * @param start when the request was sent ({@link System#nanoTime()})
	 * @return the outcome
	 * @throws ScenarioException if the stream failed
	 */
	abstract Outcome outcome(Iterator<String> lines, long start) throws ScenarioException;

	/**
	 * A text as a JSON string, quotes included, escaped by Jackson's own string encoder.
	 * @param text the text
	 * @return the JSON string
	 */
	static String jsonString(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(text, json);
		return json.append('"').toString();
	}

}
