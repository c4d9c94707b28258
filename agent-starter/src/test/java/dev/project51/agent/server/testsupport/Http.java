package dev.project51.agent.server.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw HTTP calls to a running agent (the wire format itself: headers, SSE frames, error
 * bodies).
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final String token;

	public Http(String baseUrl, String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	public HttpResponse<String> delete(String path) {
		return send(request(path).DELETE().build());
	}

	public HttpResponse<String> postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		return builder;
	}

	public HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Parses a complete event stream body into its events; keep-alive comments are
	 * skipped, any other unexpected line fails.
	 * @param body the body
	 * @return the events, with {@code event} {@code null} for unnamed events
	 */
	public static List<SseFrame> frames(String body) {
		List<SseFrame> frames = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			if (block.isBlank()) {
				continue;
			}
			String event = null;
			StringBuilder data = new StringBuilder();
			boolean comment = true;
			for (String line : block.split("\n")) {
				if (line.equals(": keep-alive")) {
					continue;
				}
				comment = false;
				if (line.startsWith("event: ")) {
					event = line.substring(7);
				}
				else if (line.startsWith("data: ")) {
					data.append(line.substring(6));
				}
				else {
					throw new AssertionError("unexpected SSE line '" + line + "' in " + body);
				}
			}
			if (!comment) {
				frames.add(new SseFrame(event, data.toString()));
			}
		}
		return frames;
	}

	/**
	 * One server-sent event.
	 *
	 * @param event the event name or {@code null}
	 * @param data the data
	 */
	public record SseFrame(String event, String data) {

	}

}
