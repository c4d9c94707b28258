package dev.project51.examples.loadgen.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK {@link HttpServer} that answers like a Project51 agent (and like its frontend's
 * relay, on {@code /api/chat/stream}) with fixed bodies in the contract's format, or
 * fails the way it is told to.
 */
public final class FakeAgent implements AutoCloseable {

	static {
		// Without it the JDK server's Nagle delay adds ~40 ms to every exchange.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	/** How the fake answers the chat and stream endpoints. */
	public enum Mode {

		/** Answers as the contract says. */
		OK,
		/** 500 with a problem. */
		SERVER_ERROR,
		/** 429 with a problem and no Retry-After. */
		RATE_LIMITED,
		/** A stream that ends with an {@code error} event. */
		ERROR_EVENT,
		/** A stream that breaks off after a token. */
		BROKEN_STREAM,
		/** Every other call answers 500, the others as the contract says. */
		EVERY_OTHER_FAILS

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger concurrent = new AtomicInteger();

	private final AtomicInteger maxConcurrent = new AtomicInteger();

	private volatile int readinessStatus = 200;

	private volatile long delayMillis;

	/**
	 * Starts the server on a free loopback port.
	 * @throws IOException if it cannot
	 */
	public FakeAgent() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public void mode(Mode mode) {
		this.mode.set(mode);
	}

	public void readinessStatus(int status) {
		this.readinessStatus = status;
	}

	public void delayMillis(long millis) {
		this.delayMillis = millis;
	}

	public int calls() {
		return this.calls.get();
	}

	public int maxConcurrent() {
		return this.maxConcurrent.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		int now = this.concurrent.incrementAndGet();
		this.maxConcurrent.accumulateAndGet(now, Math::max);
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/actuator/health/readiness")) {
				send(exchange, this.readinessStatus, "application/json", "{\"status\":\"UP\"}");
				return;
			}
			if (path.equals("/actuator/health/liveness")) {
				send(exchange, 200, "application/json", "{\"status\":\"UP\"}");
				return;
			}
			int call = this.calls.incrementAndGet();
			pause();
			Mode current = this.mode.get();
			if (current == Mode.SERVER_ERROR || (current == Mode.EVERY_OTHER_FAILS && call % 2 == 0)) {
				send(exchange, 500, "application/problem+json", problem(500, "server-error"));
				return;
			}
			if (current == Mode.RATE_LIMITED) {
				send(exchange, 429, "application/problem+json", problem(429, "rate-limited"));
				return;
			}
			switch (path) {
				case "/api/v1/chat" -> send(exchange, 200, "application/json",
						"{\"conversationId\":\"c-1\",\"reply\":\"Roll back with deploy.sh.\",\"model\":\"local\","
								+ "\"degraded\":false,\"citations\":[],\"latencyMs\":3}");
				case "/api/v1/chat/stream", "/api/chat/stream" -> stream(exchange, current);
				default -> send(exchange, 404, "application/problem+json", problem(404, "not-found"));
			}
		}
		finally {
			this.concurrent.decrementAndGet();
		}
	}

	private void stream(HttpExchange exchange, Mode current) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		write(body, "meta", "{\"conversationId\":\"c-1\",\"model\":\"local\",\"degraded\":false}");
		body.write(":keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
		write(body, "token", "{\"text\":\"Roll back \"}");
		if (current == Mode.BROKEN_STREAM) {
			return;
		}
		write(body, "token", "{\"text\":\"with deploy.sh.\"}");
		if (current == Mode.ERROR_EVENT) {
			write(body, "error", "{\"problem\":" + problem(502, "model-failed") + "}");
			return;
		}
		write(body, "done", "{\"reply\":\"Roll back with deploy.sh.\",\"model\":\"local\",\"degraded\":false,"
				+ "\"citations\":[],\"latencyMs\":3}");
	}

	private static void write(OutputStream body, String event, String data) throws IOException {
		body.write(("event:" + event + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		body.flush();
	}

	private static String problem(int status, String type) {
		return "{\"type\":\"https://project51.dev/problems/" + type + "\",\"title\":\"" + type + "\",\"status\":"
				+ status + "}";
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private void pause() {
		if (this.delayMillis > 0) {
			try {
				Thread.sleep(this.delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
