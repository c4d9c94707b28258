package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;

/**
 * A plain GET that must answer 200; the body is read and dropped.
 */
final class GetScenario implements Scenario {

	private final String name;

	private final HttpClient http;

	private final HttpRequest request;

	GetScenario(String name, HttpClient http, URI url, Duration timeout) {
		this.name = name;
		this.http = http;
		this.request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String endpoint() {
		return "GET " + this.request.uri().getRawPath();
	}

	@Override
	public Outcome call() throws ScenarioException, InterruptedException {
		HttpResponse<Void> response;
		try {
			response = this.http.send(this.request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new ScenarioException(Scenarios.kind(ex), String.valueOf(ex.getMessage()), ex);
		}
		if (response.statusCode() != 200) {
			throw new ScenarioException("HTTP " + response.statusCode(), "expected 200", null);
		}
		return Outcome.complete();
	}

}
