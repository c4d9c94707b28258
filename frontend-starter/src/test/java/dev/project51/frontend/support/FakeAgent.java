package dev.project51.frontend.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.agent.contract.StreamEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small agent server for tests: a real JDK {@link HttpServer} that speaks the agent
 * contract (v1) with scripted answers, records every request, checks the bodies it
 * receives and sends against the contract's schemas, and notices when a client cancels a
 * stream. Like the real agent, every stream starts with a keep-alive comment. It can go
 * away and come back on the same port ({@link #stopListening()},
 * {@link #startListening()}).
 */
public final class FakeAgent implements AutoCloseable {

	private static final Map<String, String> EVENT_SCHEMAS = Map.of(StreamEvent.Meta.NAME, "MetaEvent",
			StreamEvent.Token.NAME, "TokenEvent", StreamEvent.Done.NAME, "DoneEvent", StreamEvent.Error.NAME,
			"ErrorEvent");

	private volatile HttpServer server;

	private final int port;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "fake-agent");
		thread.setDaemon(true);
		return thread;
	});

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();

	private volatile String requiredToken;

	private volatile String readiness = "UP";

	private volatile Duration readinessDelay = Duration.ZERO;

	private volatile List<ModelStatus> models = defaultModels();

	private volatile StreamScript streamScript = StreamScript.answer("c-fake", "gpt-test", false, List.of(), "Hello",
			", ", "world", "!");

	private volatile CountDownLatch streamCancelled = new CountDownLatch(1);

	private FakeAgent(HttpServer server) {
		this.port = server.getAddress().getPort();
		listen(server);
	}

	private void listen(HttpServer server) {
		server.setExecutor(this.executor);
		server.createContext("/", this::handle);
		server.start();
		this.server = server;
	}

	/**
	 * Start a fake agent on a random local port.
	 * @return the running agent
	 */
	public static FakeAgent start() {
		try {
			return new FakeAgent(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The chain of a healthy agent: a remote model, then the local one.
	 * @return the models
	 */
	public static List<ModelStatus> defaultModels() {
		return List.of(new ModelStatus("gpt-test", "openai", CircuitState.CLOSED, null, 0, 0),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 0, 0));
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Go away: connections to the port are refused until {@link #startListening()}.
	 */
	public synchronized void stopListening() {
		HttpServer current = this.server;
		if (current != null) {
			this.server = null;
			current.stop(0);
		}
	}

	/**
	 * Come back on the same port (if gone).
	 */
	public synchronized void startListening() {
		if (this.server == null) {
			try {
				listen(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 0));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot listen on port " + this.port + " again", ex);
			}
		}
	}

	/** Restore the defaults (listening again if gone) and forget recorded requests. */
	public void reset() {
		startListening();
		this.requests.clear();
		this.violations.clear();
		this.conversations.clear();
		this.requiredToken = null;
		this.readiness = "UP";
		this.readinessDelay = Duration.ZERO;
		this.models = defaultModels();
		this.streamScript = StreamScript.answer("c-fake", "gpt-test", false, List.of(), "Hello", ", ", "world", "!");
		this.streamCancelled = new CountDownLatch(1);
	}

	/** Wait for the next cancelled stream, forgetting earlier ones. */
	public void resetStreamCancelled() {
		this.streamCancelled = new CountDownLatch(1);
	}

	public void requireToken(String token) {
		this.requiredToken = token;
	}

	public void readiness(String status) {
		this.readiness = status;
	}

	public void readinessDelay(Duration delay) {
		this.readinessDelay = delay;
	}

	public void models(List<ModelStatus> models) {
		this.models = List.copyOf(models);
	}

	public void conversation(Conversation conversation) {
		this.conversations.put(conversation.conversationId(), conversation);
	}

	public void stream(StreamScript script) {
		this.streamScript = script;
	}

	public List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	public List<Recorded> requests(String method, String pathPrefix) {
		return this.requests.stream()
			.filter((request) -> request.method().equals(method) && request.path().startsWith(pathPrefix))
			.toList();
	}

	/**
	 * Contract violations seen so far, in either direction.
	 * @return the violations
	 */
	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	/**
	 * Wait until a client has gone away in the middle of a stream.
	 * @param timeout how long to wait
	 * @return whether it happened in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitStreamCancelled(Duration timeout) throws InterruptedException {
		return this.streamCancelled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		stopListening();
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		boolean dropped = false;
		try {
			serve(exchange);
		}
		catch (DroppedConnection ex) {
			// Not closed: the server closes the connection without ending the response.
			dropped = true;
			throw ex;
		}
		finally {
			if (!dropped) {
				exchange.close();
			}
		}
	}

	private void serve(HttpExchange exchange) throws IOException {
		String body = readBody(exchange.getRequestBody());
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		this.requests.add(new Recorded(method, path, copy(exchange.getRequestHeaders()), body));
		if (path.startsWith("/api/") && !authorized(exchange)) {
			problem(exchange, ProblemDetail.of(ProblemType.UNAUTHORIZED, "Send a valid bearer token.", path), null);
			return;
		}
		if (method.equals("GET") && path.equals(AgentApi.READINESS_PATH)) {
			String status = this.readiness;
			StreamScript.pause(this.readinessDelay);
			respondJson(exchange, "UP".equals(status) ? 200 : 503, "{\"status\":\"" + status + "\"}", "Health");
		}
		else if (method.equals("GET") && path.equals(AgentApi.LIVENESS_PATH)) {
			respondJson(exchange, 200, "{\"status\":\"UP\"}", "Health");
		}
		else if (method.equals("GET") && path.equals(AgentApi.MODELS_PATH)) {
			String text = this.json.writeValueAsString(this.models);
			for (ModelStatus model : this.models) {
				check("ModelStatus", this.json.writeValueAsString(model));
			}
			respondJson(exchange, 200, text, null);
		}
		else if (path.equals(AgentApi.CONVERSATION_LIST_PATH) && method.equals("GET")) {
			requireEndUser(exchange, path);
			// The times of a conversation are those of its first and last messages.
			List<ConversationSummary> summaries = new ArrayList<>();
			this.conversations.forEach((id, conversation) -> {
				List<ConversationMessage> messages = conversation.messages();
				summaries.add(new ConversationSummary(id,
						(conversation.title() != null) ? conversation.title() : "Conversation",
						messages.isEmpty() ? Instant.EPOCH : messages.get(0).at(),
						messages.isEmpty() ? Instant.EPOCH : messages.get(messages.size() - 1).at()));
			});
			summaries.sort(Comparator.comparing(ConversationSummary::updatedAt).reversed());
			respondJson(exchange, 200, this.json.writeValueAsString(new ConversationList(summaries, null)),
					"ConversationList");
		}
		else if (path.startsWith(AgentApi.CONVERSATIONS_PATH) && path.endsWith(AgentApi.FEEDBACK_SEGMENT)
				&& path.contains(AgentApi.MESSAGES_SEGMENT)) {
			requireEndUser(exchange, path);
			String rest = path.substring(AgentApi.CONVERSATIONS_PATH.length(),
					path.length() - AgentApi.FEEDBACK_SEGMENT.length());
			String id = rest.substring(0, rest.indexOf(AgentApi.MESSAGES_SEGMENT));
			String messageId = rest.substring(id.length() + AgentApi.MESSAGES_SEGMENT.length());
			check("MessageFeedback", body);
			Conversation conversation = this.conversations.get(id);
			if (!method.equals("PUT") || conversation == null
					|| conversation.messages()
						.stream()
						.noneMatch((message) -> messageId.equals(message.id()) && message.role() == Role.ASSISTANT)) {
				problem(exchange, ProblemDetail.of(ProblemType.NOT_FOUND, "No answer " + messageId + ".", path), null);
			}
			else {
				String rating = this.json.readTree(body).path("rating").asString();
				String stored = MessageFeedback.NONE.equals(rating) ? null : rating;
				this.conversations.put(id, new Conversation(id, conversation.messages()
					.stream()
					.map((message) -> messageId.equals(message.id()) ? message.withId(messageId, stored) : message)
					.toList(), conversation.title(), conversation.earlier()));
				exchange.sendResponseHeaders(204, -1);
			}
		}
		else if (path.startsWith(AgentApi.CONVERSATIONS_PATH)) {
			requireEndUser(exchange, path);
			String id = path.substring(AgentApi.CONVERSATIONS_PATH.length());
			Conversation conversation = this.conversations.get(id);
			if (method.equals("PATCH") && conversation != null) {
				String title = this.json.readTree(body).path("title").asString();
				this.conversations.put(id,
						new Conversation(id, conversation.messages(), title, conversation.earlier()));
				respondJson(exchange, 200,
						this.json.writeValueAsString(new ConversationSummary(id, title, Instant.EPOCH, Instant.EPOCH)),
						"ConversationSummary");
			}
			else if (method.equals("DELETE")) {
				this.conversations.remove(id);
				exchange.sendResponseHeaders(204, -1);
			}
			else if (conversation == null) {
				problem(exchange, ProblemDetail.of(ProblemType.NOT_FOUND, "No conversation " + id + ".", path), null);
			}
			else {
				respondJson(exchange, 200, this.json.writeValueAsString(conversation), "Conversation");
			}
		}
		else if (method.equals("POST") && path.equals(AgentApi.CHAT_STREAM_PATH)) {
			requireEndUser(exchange, path);
			check("ChatRequest", body);
			this.streamScript.play(exchange, this);
		}
		else {
			problem(exchange, ProblemDetail.of(ProblemType.NOT_FOUND, "No such endpoint.", path), null);
		}
	}

	/** The frontend always names the browser session's end user. */
	private void requireEndUser(HttpExchange exchange, String path) {
		String endUser = exchange.getRequestHeaders().getFirst(AgentApi.END_USER_HEADER);
		if (!AgentApi.isValidEndUser(endUser)) {
			this.violations.add(path + ": no valid " + AgentApi.END_USER_HEADER + " header but '" + endUser + "'");
		}
	}

	private boolean authorized(HttpExchange exchange) {
		String token = this.requiredToken;
		return token == null || ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
	}

	void check(String component, String jsonText) {
		try {
			this.violations.addAll(ContractSchemas.get().violations(component, jsonText));
		}
		catch (RuntimeException ex) {
			this.violations.add(component + ": not JSON: " + ex.getMessage());
		}
	}

	void respondJson(HttpExchange exchange, int status, String body, String component) throws IOException {
		if (component != null) {
			check(component, body);
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	void problem(HttpExchange exchange, ProblemDetail problem, Long retryAfterSeconds) throws IOException {
		String body = this.json.writeValueAsString(problem);
		check("ProblemDetail", body);
		if (retryAfterSeconds != null) {
			exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", AgentApi.PROBLEM_JSON);
		exchange.sendResponseHeaders(problem.status(), bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	void writeEvent(OutputStream out, StreamEvent event) throws IOException {
		String data = this.json.writeValueAsString(event);
		check(EVENT_SCHEMAS.get(event.name()), data);
		out.write(("event: " + event.name() + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	void cancelled() {
		this.streamCancelled.countDown();
	}

	/**
	 * Thrown by a script to end the connection abruptly, in the middle of a response.
	 */
	static final class DroppedConnection extends RuntimeException {

		DroppedConnection() {
			super("connection dropped on purpose", null, false, false);
		}

	}

	private static String readBody(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private static Map<String, List<String>> copy(Headers headers) {
		Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
		return copy;
	}

	/**
	 * A request the fake agent received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param headers the headers (names case-insensitive)
	 * @param body the body
	 */
	public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

	}

	/**
	 * What the fake agent answers to {@code POST /api/v1/chat/stream}.
	 */
	@FunctionalInterface
	public interface StreamScript {

		void play(HttpExchange exchange, FakeAgent agent) throws IOException;

		/** The message ids of scripted answers. */
		AtomicInteger MESSAGE_IDS = new AtomicInteger();

		/**
		 * A complete answer: meta, the tokens, done.
		 * @param conversationId the conversation id to report
		 * @param model the answering model
		 * @param degraded whether it is a fallback
		 * @param citations the citations of the answer
		 * @param tokens the tokens
		 * @return the script
		 */
		static StreamScript answer(String conversationId, String model, boolean degraded, List<Citation> citations,
				String... tokens) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				agent.writeEvent(out, new StreamEvent.Meta(conversationId, model, degraded));
				for (String token : tokens) {
					agent.writeEvent(out, new StreamEvent.Token(token));
				}
				agent.writeEvent(out, new StreamEvent.Done(String.join("", tokens), model, degraded, citations, 42,
						"m" + MESSAGE_IDS.incrementAndGet()));
			};
		}

		/**
		 * Tokens every {@code gap} until the client goes away (or {@code max} tokens,
		 * then done).
		 * @param conversationId the conversation id to report
		 * @param gap the pause between tokens
		 * @param max the number of tokens before the answer ends
		 * @return the script
		 */
		static StreamScript slow(String conversationId, Duration gap, int max) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				StringBuilder reply = new StringBuilder();
				try {
					agent.writeEvent(out, new StreamEvent.Meta(conversationId, "gpt-test", false));
					for (int i = 0; i < max; i++) {
						pause(gap);
						String token = "word" + i + " ";
						reply.append(token);
						agent.writeEvent(out, new StreamEvent.Token(token));
					}
					agent.writeEvent(out, new StreamEvent.Done(reply.toString(), "gpt-test", false, List.of(), 1));
				}
				catch (IOException ex) {
					agent.cancelled();
				}
			};
		}

		/**
		 * Silence after meta: only keep-alive comments (a slow model) until the client
		 * goes away.
		 * @param conversationId the conversation id to report
		 * @return the script
		 */
		static StreamScript silentUntilCancelled(String conversationId) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				try {
					agent.writeEvent(out, new StreamEvent.Meta(conversationId, "gpt-test", false));
					for (int i = 0; i < 600; i++) {
						pause(Duration.ofMillis(50));
						keepAlive(out);
					}
				}
				catch (IOException ex) {
					agent.cancelled();
				}
			};
		}

		/**
		 * Keep-alive comments every {@code interval} for {@code slow} (a slow model, or a
		 * failover in progress), then a complete answer.
		 * @param slow how long the agent works before the first event
		 * @param interval the interval of keep-alives meanwhile
		 * @param model the answering model
		 * @param degraded whether it is a fallback
		 * @param tokens the tokens
		 * @return the script
		 */
		static StreamScript keepAliveThenAnswer(Duration slow, Duration interval, String model, boolean degraded,
				String... tokens) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				long end = System.nanoTime() + slow.toNanos();
				while (System.nanoTime() < end) {
					pause(interval);
					keepAlive(out);
				}
				agent.writeEvent(out, new StreamEvent.Meta("c-fake", model, degraded));
				for (String token : tokens) {
					agent.writeEvent(out, new StreamEvent.Token(token));
				}
				agent.writeEvent(out, new StreamEvent.Done(String.join("", tokens), model, degraded, List.of(), 42));
			};
		}

		/**
		 * Meta and some tokens, then total silence (not even keep-alives: a dead agent
		 * behind a live connection) for {@code silence}, then a keep-alive that reveals
		 * whether the client is still there.
		 * @param silence how long to stay silent
		 * @param tokens the tokens before it
		 * @return the script
		 */
		static StreamScript stallAfter(Duration silence, String... tokens) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				try {
					agent.writeEvent(out, new StreamEvent.Meta("c-fake", "gpt-test", false));
					for (String token : tokens) {
						agent.writeEvent(out, new StreamEvent.Token(token));
					}
					pause(silence);
					for (int i = 0; i < 3; i++) {
						keepAlive(out);
						pause(Duration.ofMillis(100));
					}
				}
				catch (IOException ex) {
					agent.cancelled();
				}
			};
		}

		/**
		 * Meta and some tokens, then the connection breaks without the end of the
		 * response (the agent crashed).
		 * @param tokens the tokens before it
		 * @return the script
		 */
		static StreamScript dropAfter(String... tokens) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				agent.writeEvent(out, new StreamEvent.Meta("c-fake", "gpt-test", false));
				for (String token : tokens) {
					agent.writeEvent(out, new StreamEvent.Token(token));
				}
				// Give the client time to read what was sent: a client may report a
				// broken
				// connection before the data that arrived just before the break.
				pause(Duration.ofMillis(500));
				throw new DroppedConnection();
			};
		}

		/**
		 * Meta and some tokens, then an event whose data is not JSON.
		 * @param tokens the tokens before it
		 * @return the script
		 */
		static StreamScript garbleAfter(String... tokens) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				agent.writeEvent(out, new StreamEvent.Meta("c-fake", "gpt-test", false));
				for (String token : tokens) {
					agent.writeEvent(out, new StreamEvent.Token(token));
				}
				out.write("event: token\ndata: {\"text\": \n\n".getBytes(StandardCharsets.UTF_8));
				out.flush();
			};
		}

		/**
		 * Some tokens, then an {@code error} event.
		 * @param problem the problem of the error event
		 * @param tokens the tokens before it
		 * @return the script
		 */
		static StreamScript failAfter(ProblemDetail problem, String... tokens) {
			return (exchange, agent) -> {
				OutputStream out = startStream(exchange);
				agent.writeEvent(out, new StreamEvent.Meta("c-fake", "gpt-test", false));
				for (String token : tokens) {
					agent.writeEvent(out, new StreamEvent.Token(token));
				}
				agent.writeEvent(out, new StreamEvent.Error(problem));
			};
		}

		/**
		 * A problem answer instead of a stream.
		 * @param problem the problem
		 * @param retryAfterSeconds the Retry-After header, or {@code null}
		 * @return the script
		 */
		static StreamScript refuse(ProblemDetail problem, Long retryAfterSeconds) {
			return (exchange, agent) -> agent.problem(exchange, problem, retryAfterSeconds);
		}

		/** The response head and, as the real agent does, a first keep-alive. */
		private static OutputStream startStream(HttpExchange exchange) throws IOException {
			exchange.getResponseHeaders().set("Content-Type", AgentApi.EVENT_STREAM);
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			keepAlive(out);
			return out;
		}

		private static void keepAlive(OutputStream out) throws IOException {
			out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
		}

		static void pause(Duration duration) throws IOException {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
		}

	}

}
