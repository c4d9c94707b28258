package dev.project51.examples.loadgen.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A streamed chat read as raw server-sent events: the same measurement for the agent and
 * for the frontend's relay. Keeping the session, each caller is one browser: it sends
 * back the cookies it was given (the frontend's session), as a browser does; otherwise
 * every call is a new browser, whose session the frontend creates.
 */
final class SseScenario extends EventStreamScenario {

	private final boolean keepSession;

	/** The {@code Cookie} header of this caller's session; only in a caller's copy. */
	private volatile String cookie;

	SseScenario(String name, HttpClient http, URI url, String apiToken, String message, Duration timeout,
			boolean keepSession) {
		super(name, http, url, apiToken, "{\"message\":" + jsonString(message) + "}", timeout, true);
		this.keepSession = keepSession;
	}

	private SseScenario(SseScenario template) {
		super(template);
		this.keepSession = true;
	}

	@Override
	public Scenario forCaller() {
		return this.keepSession ? new SseScenario(this) : this;
	}

	@Override
	HttpRequest request(HttpRequest request) {
		String current = this.cookie;
		if (current == null) {
			return request;
		}
		return HttpRequest.newBuilder(request, (name, value) -> true).header("Cookie", current).build();
	}

	@Override
	void received(HttpHeaders headers) {
		if (!this.keepSession) {
			return;
		}
		List<String> cookies = headers.allValues("Set-Cookie")
			.stream()
			.map((header) -> header.split(";", 2)[0].strip())
			.filter((pair) -> pair.indexOf('=') > 0)
			.toList();
		if (!cookies.isEmpty()) {
			this.cookie = String.join("; ", cookies);
		}
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
