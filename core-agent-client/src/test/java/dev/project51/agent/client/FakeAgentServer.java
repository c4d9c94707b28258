package dev.project51.agent.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.agent.contract.StreamEvent;

/**
 * A local agent on the JDK {@link HttpServer} that speaks the v1 contract (with the
 * contract records) and injects faults on demand. Counts requests per route and notices
 * when a client drops a streaming connection.
 */
final class FakeAgentServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final Map<String, Deque<Behaviour>> faults = new ConcurrentHashMap<>();

	private final Map<String, List<ConversationMessage>> conversations = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

	/** Counted down each time a streaming handler finds its client gone. */
	final CountDownLatch disconnected = new CountDownLatch(1);

	volatile String token;

	volatile int streamTokens = 20;

	private FakeAgentServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static FakeAgentServer start() throws IOException {
		return new FakeAgentServer();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	int count(String method, String path) {
		AtomicInteger count = this.counts.get(method + " " + path);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * The next requests to the route get these behaviours, one each; later ones the
	 * contract.
	 */
	FakeAgentServer enqueue(String method, String path, Behaviour... behaviours) {
		this.faults.computeIfAbsent(method + " " + path, (key) -> new ConcurrentLinkedDeque<>())
			.addAll(Arrays.asList(behaviours));
		return this;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String route = method + " "
					+ (path.startsWith(AgentApi.CONVERSATIONS_PATH) ? AgentApi.CONVERSATIONS_PATH : path);
			this.counts.computeIfAbsent(method + " " + path, (key) -> new AtomicInteger()).incrementAndGet();
			this.requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
			byte[] body = exchange.getRequestBody().readAllBytes();
			Deque<Behaviour> queue = this.faults.get(method + " " + path);
			Behaviour fault = (queue != null) ? queue.poll() : null;
			if (fault != null) {
				fault.handle(this, exchange, body);
				return;
			}
			String token = this.token;
			if (token != null && path.startsWith("/api/")
					&& !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				problem(exchange, ProblemType.UNAUTHORIZED, "Send Authorization: Bearer <token>");
				return;
			}
			switch (route) {
				case "POST " + AgentApi.CHAT_PATH -> chat(exchange, body);
				case "POST " + AgentApi.CHAT_STREAM_PATH -> stream(exchange, body);
				case "GET " + AgentApi.CONVERSATIONS_PATH -> conversation(exchange, path);
				case "DELETE " + AgentApi.CONVERSATIONS_PATH -> {
					this.conversations.remove(path.substring(AgentApi.CONVERSATIONS_PATH.length()));
					exchange.sendResponseHeaders(204, -1);
				}
				case "GET " + AgentApi.MODELS_PATH -> json(exchange, 200,
						List.of(new ModelStatus("gpt-4o-mini", "openai", CircuitState.OPEN, "HTTP 503", 7, 4),
								new ModelStatus("local", "local", CircuitState.CLOSED, null, 3, 0)));
				case "GET " + AgentApi.READINESS_PATH -> json(exchange, 200, new Health("UP"));
				default -> problem(exchange, ProblemType.NOT_FOUND, "No route " + route);
			}
		}
	}

	private ChatRequest validRequest(HttpExchange exchange, byte[] body) throws IOException {
		ChatRequest request = JSON.readValue(body, ChatRequest.class);
		if (request.message() == null || request.message().isBlank() || request.message().length() > 4000) {
			json(exchange, 400, ProblemDetail.of(ProblemType.INVALID_REQUEST, "The request has 1 invalid field", null)
				.withErrors(List.of(new ProblemDetail.FieldError("message", "must be 1 to 4000 characters"))));
			return null;
		}
		return request;
	}

	private String conversationId(ChatRequest request) {
		return (request.conversationId() != null) ? request.conversationId() : "c-" + this.ids.incrementAndGet();
	}

	private void chat(HttpExchange exchange, byte[] body) throws IOException {
		ChatRequest request = validRequest(exchange, body);
		if (request == null) {
			return;
		}
		String id = conversationId(request);
		String reply = "Echo: " + request.message();
		remember(id, request.message(), reply);
		json(exchange, 200, new ChatReply(id, reply, "local", false, List.of(), 1));
	}

	private void stream(HttpExchange exchange, byte[] body) throws IOException {
		ChatRequest request = validRequest(exchange, body);
		if (request == null) {
			return;
		}
		String id = conversationId(request);
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		event(out, new StreamEvent.Meta(id, "local", false));
		StringBuilder reply = new StringBuilder();
		for (int i = 0; i < this.streamTokens; i++) {
			String text = "t" + i + " ";
			reply.append(text);
			event(out, new StreamEvent.Token(text));
		}
		remember(id, request.message(), reply.toString());
		event(out, new StreamEvent.Done(reply.toString(), "local", false, List.of(), 1));
	}

	private void conversation(HttpExchange exchange, String path) throws IOException {
		String id = path.substring(AgentApi.CONVERSATIONS_PATH.length());
		List<ConversationMessage> messages = this.conversations.get(id);
		if (messages == null) {
			problem(exchange, ProblemType.NOT_FOUND, "No conversation " + id);
			return;
		}
		json(exchange, 200, new Conversation(id, messages));
	}

	private void remember(String id, String message, String reply) {
		List<ConversationMessage> messages = this.conversations.computeIfAbsent(id,
				(key) -> new CopyOnWriteArrayList<>());
		messages.add(new ConversationMessage(Role.USER, message, null, false, null, Instant.now()));
		messages.add(new ConversationMessage(Role.ASSISTANT, reply, "local", false, null, Instant.now()));
	}

	static void json(HttpExchange exchange, int status, Object value) throws IOException {
		String type = (value instanceof ProblemDetail) ? AgentApi.PROBLEM_JSON : "application/json";
		send(exchange, status, type, JSON.writeValueAsBytes(value));
	}

	static void problem(HttpExchange exchange, ProblemType type, String detail) throws IOException {
		json(exchange, type.status(), ProblemDetail.of(type, detail, exchange.getRequestURI().getPath()));
	}

	static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	static void event(OutputStream out, StreamEvent event) throws IOException {
		out.write(("event: " + event.name() + "\ndata: " + JSON.writeValueAsString(event) + "\n\n")
			.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/**
	 * Writes heartbeats until the client is gone (then counts down {@link #disconnected})
	 * or 20 s have passed.
	 */
	void heartbeatUntilDisconnected(OutputStream out) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		try {
			while (System.nanoTime() < deadline) {
				out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
				out.flush();
				Thread.sleep(50);
			}
		}
		catch (IOException ex) {
			this.disconnected.countDown();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What the server does with one request. */
	@FunctionalInterface
	interface Behaviour {

		void handle(FakeAgentServer server, HttpExchange exchange, byte[] requestBody) throws IOException;

	}

	static Behaviour problem(ProblemType type, String detail, String... headers) {
		return (server, exchange, body) -> {
			for (int i = 0; i + 1 < headers.length; i += 2) {
				exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
			}
			problem(exchange, type, detail);
		};
	}

	static Behaviour raw(int status, String contentType, String body) {
		return (server, exchange, request) -> send(exchange, status, contentType,
				body.getBytes(StandardCharsets.UTF_8));
	}

	/** Closes the connection without any answer. */
	static Behaviour hangUp() {
		return (server, exchange, body) -> {
			// Leaving without response headers makes the JDK server drop the connection.
		};
	}

	static Behaviour delay(Duration delay, Behaviour then) {
		return (server, exchange, body) -> {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			then.handle(server, exchange, body);
		};
	}

	/** A body of the given size, chunked or with Content-Length. */
	static Behaviour oversized(int bytes, boolean chunked) {
		return (server, exchange, body) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, chunked ? 0 : bytes);
			byte[] block = new byte[8192];
			Arrays.fill(block, (byte) ' ');
			try {
				OutputStream out = exchange.getResponseBody();
				for (int written = 0; written < bytes; written += block.length) {
					out.write(block, 0, Math.min(block.length, bytes - written));
				}
			}
			catch (IOException ex) {
				// The client stopped reading at its limit.
			}
		};
	}

	/** Starts a stream, sends meta and some tokens, then only heartbeats. */
	static Behaviour stallAfter(int tokens) {
		return (server, exchange, body) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			if (tokens >= 0) {
				event(out, new StreamEvent.Meta("c-1", "local", false));
			}
			for (int i = 0; i < tokens; i++) {
				event(out, new StreamEvent.Token("t" + i + " "));
			}
			server.heartbeatUntilDisconnected(out);
		};
	}

	/**
	 * Starts a stream and sends only heartbeats: the model never produces a first token,
	 * but the agent is alive.
	 */
	static Behaviour noFirstToken() {
		return stallAfter(-1);
	}

	/**
	 * Starts a stream, sends meta and some tokens (none and no meta for -1), then goes
	 * silent, as a dead agent or connection would: no event and no keep-alive for the
	 * given time, then heartbeats until the client is gone (so that the test sees it
	 * leave).
	 */
	static Behaviour silentAfter(int tokens, Duration silence) {
		return (server, exchange, body) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			if (tokens >= 0) {
				event(out, new StreamEvent.Meta("c-1", "local", false));
			}
			for (int i = 0; i < tokens; i++) {
				event(out, new StreamEvent.Token("t" + i + " "));
			}
			try {
				Thread.sleep(silence.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			server.heartbeatUntilDisconnected(out);
		};
	}

	/**
	 * A slow but live agent: keep-alive comments only, for the given time, before the
	 * first event and again after the first token, then the answer.
	 */
	static Behaviour keepAliveThenAnswer(Duration keepAlive) {
		return (server, exchange, body) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			keepAlive(out, keepAlive);
			event(out, new StreamEvent.Meta("c-1", "local", false));
			event(out, new StreamEvent.Token("slow "));
			keepAlive(out, keepAlive);
			event(out, new StreamEvent.Token("answer"));
			event(out, new StreamEvent.Done("slow answer", "local", false, List.of(), 1));
			out.close();
		};
	}

	private static void keepAlive(OutputStream out, Duration duration) throws IOException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Sends the given raw event-stream text, then ends the response. */
	static Behaviour events(String text) {
		return (server, exchange, body) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
		};
	}

}
