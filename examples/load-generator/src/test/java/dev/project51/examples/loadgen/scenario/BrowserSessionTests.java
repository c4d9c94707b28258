package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.project51.examples.loadgen.load.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's callers against a server that, like the frontend, gives a request without a
 * session cookie a new session.
 */
class BrowserSessionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/** The {@code Cookie} header of each request, {@code "-"} for none. */
	private final List<String> cookies = new CopyOnWriteArrayList<>();

	private final AtomicInteger sessions = new AtomicInteger();

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/chat/stream", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			String cookie = exchange.getRequestHeaders().getFirst("Cookie");
			this.cookies.add((cookie != null) ? cookie : "-");
			if (cookie == null) {
				exchange.getResponseHeaders()
					.add("Set-Cookie", "project51_session=s" + this.sessions.incrementAndGet()
							+ "; Path=/; Max-Age=2592000; HttpOnly; SameSite=Strict");
			}
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			byte[] body = "event:meta\ndata:{}\n\nevent:token\ndata:{\"text\":\"Hi\"}\n\nevent:done\ndata:{}\n\n"
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void eachCallerKeepsTheSessionItWasGivenLikeABrowser() throws Exception {
		Scenario relay = Scenarios.browserSse("relay", this.http, url(), null, "hi", TIMEOUT);
		Scenario first = relay.forCaller();
		Scenario second = relay.forCaller();
		assertThat(first.call().streamed()).isTrue();
		assertThat(second.call().streamed()).isTrue();
		first.call();
		second.call();
		first.call();
		assertThat(this.cookies).containsExactly("-", "-", "project51_session=s1", "project51_session=s2",
				"project51_session=s1");
	}

	@Test
	void withoutKeepingTheSessionEveryCallIsANewBrowser() throws Exception {
		Scenario relay = Scenarios.sse("relay", this.http, url(), null, "hi", TIMEOUT);
		Scenario caller = relay.forCaller();
		caller.call();
		caller.call();
		caller.call();
		assertThat(this.cookies).containsExactly("-", "-", "-");
		assertThat(this.sessions).hasValue(3);
	}

	private URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/chat/stream");
	}

}
