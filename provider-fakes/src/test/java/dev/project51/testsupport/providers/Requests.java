package dev.project51.testsupport.providers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Minimal, hand-written requests in each protocol, sent with the JDK's HTTP client: the
 * wire as another client than LangChain4j would see it.
 */
final class Requests {

	static final JsonMapper JSON = JsonMapper.shared();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private Requests() {
	}

	/**
	 * The path of a chat request, from the host on.
	 */
	static String path(Protocol protocol, boolean stream) {
		return switch (protocol) {
			case OPENAI -> "/v1/chat/completions";
			case ANTHROPIC -> "/v1/messages";
			case GEMINI -> stream ? "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
					: "/v1beta/models/gemini-2.5-flash:generateContent";
		};
	}

	static String body(Protocol protocol, boolean stream) {
		return switch (protocol) {
			case OPENAI -> "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],"
					+ "\"stream\":" + stream + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
			case ANTHROPIC -> "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
					+ "\"content\":\"hello there\"}],\"stream\":" + stream + "}";
			case GEMINI -> "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}";
		};
	}

	/**
	 * The headers a client of the protocol always sends (not the key).
	 */
	static String[] headers(Protocol protocol) {
		return (protocol == Protocol.ANTHROPIC) ? new String[] { "anthropic-version", "2023-06-01" } : new String[0];
	}

	static HttpResponse<String> chat(FakeProvider fake, boolean stream, String... extraHeaders) {
		return send(fake, path(fake.protocol(), stream), body(fake.protocol(), stream),
				concat(headers(fake.protocol()), extraHeaders));
	}

	static HttpResponse<String> send(FakeProvider fake, String path, String body, String... headers) {
		URI base = URI.create(fake.baseUrl());
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + path))
			.timeout(Clients.GENEROUS)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static HttpClient client() {
		return CLIENT;
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/**
	 * The raw socket form of a chat request (HTTP/1.1, Content-Length).
	 */
	static String raw(Protocol protocol, boolean stream) {
		String[] headers = headers(protocol);
		String[] lines = new String[headers.length / 2];
		for (int i = 0; i < lines.length; i++) {
			lines[i] = headers[2 * i] + ": " + headers[2 * i + 1];
		}
		return RawHttp.post(path(protocol, stream), body(protocol, stream), lines);
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
