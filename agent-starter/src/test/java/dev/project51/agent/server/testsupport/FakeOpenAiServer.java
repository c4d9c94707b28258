package dev.project51.agent.server.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server speaking OpenAI's chat completions wire format (plain JSON and
 * {@code stream: true} SSE chunks ending with {@code data: [DONE]}), the edge the agent
 * cannot reach in tests. Faults are queued per request ({@link #enqueue(Fault)}) or set
 * for every request ({@link #failAlways(Fault)}): HTTP errors, delays longer than the
 * client's timeout, malformed JSON, a connection dropped in the middle of a stream, and
 * slow tokens.
 */
public final class FakeOpenAiServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String BODY_ATTRIBUTE = FakeOpenAiServer.class.getName() + ".body";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "fake-openai");
		thread.setDaemon(true);
		return thread;
	});

	private final String answer;

	private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private volatile Fault always;

	/**
	 * Starts a server on a free loopback port.
	 * @param answer the text of every successful answer
	 */
	public FakeOpenAiServer(String answer) {
		this.answer = answer;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/v1/chat/completions", this::handle);
		this.server.start();
	}

	/**
	 * The base URL to configure as the provider's base URL.
	 * @return e.g. {@code http://127.0.0.1:40123/v1}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/**
	 * The answer text of successful requests.
	 * @return the answer
	 */
	public String answer() {
		return this.answer;
	}

	/**
	 * Queues a fault for the next request that finds no earlier fault queued.
	 * @param fault the fault
	 * @return this server
	 */
	public FakeOpenAiServer enqueue(Fault fault) {
		this.queue.add(fault);
		return this;
	}

	/**
	 * Applies a fault to every request until {@link #heal()}.
	 * @param fault the fault
	 * @return this server
	 */
	public FakeOpenAiServer failAlways(Fault fault) {
		this.always = fault;
		return this;
	}

	/**
	 * Answers normally again and forgets queued faults.
	 */
	public void heal() {
		this.always = null;
		this.queue.clear();
	}

	/**
	 * Number of requests received since the start or the last {@link #resetCount()}.
	 * @return the count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Resets the request count and recorded bodies.
	 */
	public void resetCount() {
		this.requests.set(0);
		this.bodies.clear();
		this.traceparents.clear();
	}

	/**
	 * The {@code traceparent} headers of the requests received (empty text for a request
	 * without one).
	 * @return the headers
	 */
	public List<String> traceparents() {
		return new ArrayList<>(this.traceparents);
	}

	/**
	 * The request bodies received.
	 * @return the bodies
	 */
	public List<JsonNode> bodies() {
		return new ArrayList<>(this.bodies);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
		this.traceparents.add((traceparent != null) ? traceparent : "");
		JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
		this.bodies.add(body);
		exchange.setAttribute(BODY_ATTRIBUTE, body);
		boolean stream = body.path("stream").asBoolean(false);
		Fault fault = this.queue.poll();
		if (fault == null) {
			fault = this.always;
		}
		if (fault == null) {
			fault = Fault.none();
		}
		try {
			fault.respond(this, exchange, stream, body.path("model").asString("fake-model"));
		}
		catch (DroppedConnection ex) {
			// leave the exchange unfinished: the server closes the connection abruptly
			throw ex;
		}
		exchange.close();
	}

	/**
	 * The body of a request this server is answering, for a {@link Fault} that answers
	 * according to it.
	 * @param exchange the exchange passed to {@link Fault#respond}
	 * @return the body as JSON
	 */
	public static JsonNode body(HttpExchange exchange) {
		return (JsonNode) exchange.getAttribute(BODY_ATTRIBUTE);
	}

	public void sendJson(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	public String completion(String model, String text) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "assistant");
		message.put("content", text);
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("message", message);
		choice.put("finish_reason", "stop");
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("id", "chatcmpl-fake");
		completion.put("object", "chat.completion");
		completion.put("created", 1_700_000_000);
		completion.put("model", model);
		completion.put("choices", List.of(choice));
		completion.put("usage", Map.of("prompt_tokens", 5, "completion_tokens", 3, "total_tokens", 8));
		return JSON.writeValueAsString(completion);
	}

	String chunk(String model, Map<String, Object> delta, String finishReason) {
		Map<String, Object> choice = new LinkedHashMap<>();
		choice.put("index", 0);
		choice.put("delta", delta);
		choice.put("finish_reason", finishReason);
		Map<String, Object> chunk = new LinkedHashMap<>();
		chunk.put("id", "chatcmpl-fake");
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", 1_700_000_000);
		chunk.put("model", model);
		chunk.put("choices", List.of(choice));
		return JSON.writeValueAsString(chunk);
	}

	/**
	 * Streams the answer word by word.
	 * @param firstDelay wait before the first content token
	 * @param tokenDelay wait between content tokens
	 * @param dropAfter drop the connection after this many content tokens (-1 never)
	 */
	void stream(HttpExchange exchange, String model, Duration firstDelay, Duration tokenDelay, int dropAfter)
			throws IOException {
		stream(exchange, model, this.answer, firstDelay, tokenDelay, dropAfter);
	}

	/**
	 * Streams an answer word by word, at once.
	 * @param exchange the exchange
	 * @param model the model
	 * @param answer the answer
	 * @throws IOException on I/O errors
	 */
	public void stream(HttpExchange exchange, String model, String answer) throws IOException {
		stream(exchange, model, answer, Duration.ZERO, Duration.ZERO, -1);
	}

	private void stream(HttpExchange exchange, String model, String answer, Duration firstDelay, Duration tokenDelay,
			int dropAfter) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		write(out, chunk(model, Map.of("role", "assistant", "content", ""), null));
		sleep(firstDelay);
		String[] words = answer.split("(?<= )");
		for (int i = 0; i < words.length; i++) {
			if (i == dropAfter) {
				// let the client read what was sent before the connection goes away
				sleep(Duration.ofMillis(200));
				throw new DroppedConnection();
			}
			if (i > 0) {
				sleep(tokenDelay);
			}
			write(out, chunk(model, Map.of("content", words[i]), null));
		}
		write(out, chunk(model, Map.of(), "stop"));
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.close();
	}

	static void write(OutputStream out, String json) throws IOException {
		out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	static void sleep(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DroppedConnection();
		}
	}

	/**
	 * Thrown from a handler to make the JDK server abort the exchange without ending the
	 * chunked body: the client sees the connection closed mid-stream.
	 */
	static final class DroppedConnection extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DroppedConnection() {
			super("connection dropped on purpose", null, false, false);
		}

	}

	/**
	 * What the server does with one request.
	 */
	@FunctionalInterface
	public interface Fault {

		/**
		 * Answers the exchange.
		 * @param server the server
		 * @param exchange the exchange
		 * @param stream whether the request asked for a stream
		 * @param model the requested model
		 * @throws IOException on I/O errors
		 */
		void respond(FakeOpenAiServer server, HttpExchange exchange, boolean stream, String model) throws IOException;

		/**
		 * A normal answer.
		 * @return the behaviour
		 */
		static Fault none() {
			return (server, exchange, stream, model) -> {
				if (stream) {
					server.stream(exchange, model, Duration.ZERO, Duration.ZERO, -1);
				}
				else {
					server.sendJson(exchange, 200, server.completion(model, server.answer));
				}
			};
		}

		/**
		 * An HTTP error with an OpenAI error body.
		 * @param status the status, e.g. 500 or 429
		 * @return the fault
		 */
		static Fault status(int status) {
			return (server, exchange, stream, model) -> {
				if (status == 429) {
					exchange.getResponseHeaders().set("Retry-After", "1");
				}
				server.sendJson(exchange, status,
						"{\"error\":{\"message\":\"injected " + status + "\",\"type\":\"server_error\"}}");
			};
		}

		/**
		 * HTTP 429 with the given {@code Retry-After} header value (seconds or an HTTP
		 * date).
		 * @param retryAfter the header value
		 * @return the fault
		 */
		static Fault rateLimited(String retryAfter) {
			return (server, exchange, stream, model) -> {
				exchange.getResponseHeaders().set("Retry-After", retryAfter);
				server.sendJson(exchange, 429,
						"{\"error\":{\"message\":\"injected 429\",\"type\":\"rate_limit_exceeded\"}}");
			};
		}

		/**
		 * Waits before answering normally (longer than the client's timeout makes it a
		 * timeout).
		 * @param delay the wait
		 * @return the fault
		 */
		static Fault delay(Duration delay) {
			return (server, exchange, stream, model) -> {
				sleep(delay);
				none().respond(server, exchange, stream, model);
			};
		}

		/**
		 * A 200 answer whose body is not JSON (or, streamed, a chunk that is not JSON).
		 * @return the fault
		 */
		static Fault malformedJson() {
			return (server, exchange, stream, model) -> {
				if (stream) {
					exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
					exchange.sendResponseHeaders(200, 0);
					OutputStream out = exchange.getResponseBody();
					out.write("data: {\"choices\": [{\"delta\": {\"content\": \"oops\"\n\n"
						.getBytes(StandardCharsets.UTF_8));
					out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
					out.close();
				}
				else {
					server.sendJson(exchange, 200, "{\"id\": \"chatcmpl-broken\", \"choices\": [ {\"message\": ");
				}
			};
		}

		/**
		 * A plain JSON answer whose headers and first bytes come at once and whose rest
		 * comes only after a pause: a stalled body, which an HTTP client's request
		 * timeout (headers only) does not cover.
		 * @param pause the pause in the middle of the body
		 * @return the fault
		 */
		static Fault stalledBody(Duration pause) {
			return (server, exchange, stream, model) -> {
				byte[] body = server.completion(model, server.answer).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				OutputStream out = exchange.getResponseBody();
				out.write(body, 0, body.length / 2);
				out.flush();
				sleep(pause);
				out.write(body, body.length / 2, body.length - body.length / 2);
				out.close();
			};
		}

		/**
		 * Streams some tokens, then drops the connection.
		 * @param tokens the content tokens sent before the drop (0 = before the first)
		 * @return the fault
		 */
		static Fault dropAfter(int tokens) {
			return (server, exchange, stream, model) -> server.stream(exchange, model, Duration.ZERO, Duration.ZERO,
					tokens);
		}

		/**
		 * Streams slowly.
		 * @param firstDelay wait before the first content token
		 * @param tokenDelay wait between tokens
		 * @return the fault
		 */
		static Fault slow(Duration firstDelay, Duration tokenDelay) {
			return (server, exchange, stream, model) -> server.stream(exchange, model, firstDelay, tokenDelay, -1);
		}

	}

}
