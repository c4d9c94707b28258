package dev.project51.testsupport.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Project51 agent for tests: a real JDK {@link HttpServer} on a free loopback port
 * that speaks the agent API v1 and injects faults on demand.
 * <p>
 * It answers chat ({@code POST /api/v1/chat}) and the event stream
 * ({@code POST /api/v1/chat/stream}: a keep-alive comment, {@code meta}, {@code token}s,
 * {@code done}) with its {@link Answer}, remembers those conversations, and serves the
 * conversations API (list, read, rename, delete, feedback), the models and the health
 * endpoints. {@link Script}s replace any of that with a fault: a delay, a hang, a status
 * code, a stream that breaks off, stalls or carries bad JSON. It records every request
 * and notices when a client leaves a stream. It can go away and come back on the same
 * port.
 *
 * <pre class="code">
 * try (FakeAgent agent = FakeAgent.builder().token("s3cret").start()) {
 *     agent.enqueue("POST", "/api/v1/chat", Script.problem(problemJson, "Retry-After", "1"));
 *     // point the client at agent.baseUrl() ...
 *     assertThat(agent.count("POST", "/api/v1/chat")).isEqualTo(2);
 * }
 * </pre>
 */
public final class FakeAgent implements AutoCloseable {

	static {
		// Without it the JDK server's Nagle delay adds ~40 ms to small writes.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The numbers of the answers' message ids, shared by all agents. */
	static final AtomicInteger MESSAGE_IDS = new AtomicInteger();

	static final String PROBLEM_JSON = "application/problem+json";

	static final String EVENT_STREAM = "text/event-stream";

	static final String CHAT_PATH = "/api/v1/chat";

	static final String STREAM_PATH = "/api/v1/chat/stream";

	static final String CONVERSATIONS_PATH = "/api/v1/conversations";

	static final String MODELS_PATH = "/api/v1/models";

	static final String READINESS_PATH = "/actuator/health/readiness";

	static final String LIVENESS_PATH = "/actuator/health/liveness";

	private static final String END_USER_HEADER = "Project51-End-User";

	private static final int MAX_MESSAGE_LENGTH = 4000;

	private final Builder settings;

	private final int port;

	private volatile HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "fake-agent");
		thread.setDaemon(true);
		return thread;
	});

	private final CountDownLatch closed = new CountDownLatch(1);

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Script>> queued = new ConcurrentHashMap<>();

	private final Map<String, ObjectNode> conversations = new ConcurrentHashMap<>();

	private final AtomicInteger conversationIds = new AtomicInteger();

	private final AtomicInteger concurrent = new AtomicInteger();

	private final AtomicInteger maxConcurrent = new AtomicInteger();

	private volatile String token;

	private volatile String readiness;

	private volatile Duration readinessDelay;

	private volatile JsonNode models;

	private volatile Script chat;

	private volatile Script stream;

	private volatile CountDownLatch streamCancelled = new CountDownLatch(1);

	private FakeAgent(Builder settings) throws IOException {
		this.settings = settings;
		applySettings();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.port = server.getAddress().getPort();
		listen(server);
	}

	/**
	 * Start an agent with the defaults: no token, answers {@link Answer#echo()} from the
	 * model {@code local}.
	 * @return the running agent
	 */
	public static FakeAgent start() {
		return builder().start();
	}

	/**
	 * A builder for an agent with other settings.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Where it listens.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	// Behaviour, changeable while running

	/**
	 * Require {@code Authorization: Bearer <token>} on {@code /api/} (401 otherwise).
	 * @param token the token, or {@code null} for none
	 */
	public void requireToken(String token) {
		this.token = token;
	}

	/**
	 * The readiness to report: {@code UP} answers 200, anything else 503.
	 * @param status the status
	 */
	public void readiness(String status) {
		this.readiness = status;
	}

	/**
	 * How long the readiness endpoint takes to answer.
	 * @param delay the delay
	 */
	public void readinessDelay(Duration delay) {
		this.readinessDelay = delay;
	}

	/**
	 * The model chain to report on {@code GET /api/v1/models}.
	 * @param models a list of model statuses (serialized with Jackson; a {@link String}
	 * is taken as JSON)
	 */
	public void models(Object models) {
		this.models = tree(models);
	}

	/**
	 * Put a conversation in the agent's memory, replacing one of the same id.
	 * @param conversation the conversation (serialized with Jackson; a {@link String} is
	 * taken as JSON)
	 */
	public void conversation(Object conversation) {
		ObjectNode node = (ObjectNode) tree(conversation);
		this.conversations.put(node.path("conversationId").asString(), node);
	}

	/**
	 * What {@code POST /api/v1/chat} does from now on.
	 * @param script the script
	 */
	public void chat(Script script) {
		this.chat = script;
	}

	/**
	 * What {@code POST /api/v1/chat/stream} (and the {@link Builder#relayPath relay
	 * path}) does from now on.
	 * @param script the script
	 */
	public void stream(Script script) {
		this.stream = script;
	}

	/**
	 * What the next requests to a route do, one script each; later ones are answered as
	 * before.
	 * @param method the HTTP method
	 * @param path the exact path
	 * @param scripts the scripts, in order
	 */
	public void enqueue(String method, String path, Script... scripts) {
		this.queued.computeIfAbsent(method + " " + path, (key) -> new ConcurrentLinkedDeque<>())
			.addAll(Arrays.asList(scripts));
	}

	/**
	 * Restore the builder's settings, listen again if gone, and forget requests,
	 * violations, conversations, queued scripts and cancelled streams.
	 */
	public void reset() {
		startListening();
		applySettings();
		this.requests.clear();
		this.violations.clear();
		this.queued.clear();
		this.conversations.clear();
		this.maxConcurrent.set(0);
		this.streamCancelled = new CountDownLatch(1);
	}

	private void applySettings() {
		this.token = this.settings.token;
		this.readiness = "UP";
		this.readinessDelay = Duration.ZERO;
		this.models = tree(this.settings.models);
		this.chat = this.settings.chat;
		this.stream = this.settings.stream;
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
	 * Come back on the same port, if gone.
	 */
	public synchronized void startListening() {
		if (this.server == null) {
			try {
				listen(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot listen on port " + this.port + " again", ex);
			}
		}
	}

	private void listen(HttpServer server) {
		server.setExecutor(this.executor);
		server.createContext("/", this::handle);
		server.start();
		this.server = server;
	}

	// What it saw

	/**
	 * Every request so far, in order of arrival.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * The requests with a method and a path that starts with a prefix.
	 * @param method the HTTP method
	 * @param pathPrefix the prefix
	 * @return the requests, in order of arrival
	 */
	public List<RecordedRequest> requests(String method, String pathPrefix) {
		return this.requests.stream()
			.filter((request) -> request.method().equals(method) && request.path().startsWith(pathPrefix))
			.toList();
	}

	/**
	 * The number of requests with a method and exactly a path.
	 * @param method the HTTP method
	 * @param path the path
	 * @return the number
	 */
	public int count(String method, String path) {
		return (int) this.requests.stream()
			.filter((request) -> request.method().equals(method) && request.path().equals(path))
			.count();
	}

	/**
	 * The largest number of requests it was handling at the same time.
	 * @return the number
	 */
	public int maxConcurrent() {
		return this.maxConcurrent.get();
	}

	/**
	 * Contract violations seen so far by the {@link Builder#contractCheck contract
	 * check}, in either direction, and requests without an end user where the builder
	 * {@link Builder#requireEndUser() requires one}.
	 * @return the violations
	 */
	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	/**
	 * Wait until a client has left a stream before its end.
	 * @param timeout how long to wait
	 * @return whether it happened in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitStreamCancelled(Duration timeout) throws InterruptedException {
		return this.streamCancelled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Wait for the next stream a client leaves, forgetting earlier ones. */
	public void resetStreamCancelled() {
		this.streamCancelled = new CountDownLatch(1);
	}

	/**
	 * Stop listening, end the requests in progress (those that {@link Script#hang()} too)
	 * and the threads.
	 */
	@Override
	public void close() {
		this.closed.countDown();
		stopListening();
		this.executor.shutdownNow();
	}

	void awaitClosed() throws IOException {
		try {
			this.closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	// Serving

	private void handle(HttpExchange http) {
		int now = this.concurrent.incrementAndGet();
		this.maxConcurrent.accumulateAndGet(now, Math::max);
		Exchange exchange = null;
		boolean dropped = false;
		try {
			RecordedRequest request = record(http);
			exchange = new Exchange(this, http, request);
			Deque<Script> queue = this.queued.get(request.method() + " " + request.path());
			Script script = (queue != null) ? queue.poll() : null;
			if (script != null) {
				script.play(exchange);
			}
			else {
				serve(exchange);
			}
		}
		catch (DroppedConnection ex) {
			// Not closed: the JDK server closes the connection without ending the
			// response.
			dropped = true;
		}
		catch (IOException ex) {
			if (exchange != null && exchange.streaming()) {
				this.streamCancelled.countDown();
			}
		}
		finally {
			this.concurrent.decrementAndGet();
			if (!dropped) {
				http.close();
			}
		}
		if (dropped) {
			throw new DroppedConnection();
		}
	}

	private RecordedRequest record(HttpExchange http) throws IOException {
		String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		http.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		RecordedRequest request = new RecordedRequest(http.getRequestMethod(), http.getRequestURI().getPath(),
				http.getRequestURI().getRawQuery(), headers, body);
		this.requests.add(request);
		return request;
	}

	private void serve(Exchange exchange) throws IOException {
		RecordedRequest request = exchange.request();
		String method = request.method();
		String path = request.path();
		String token = this.token;
		if (path.startsWith("/api/") && token != null && !("Bearer " + token).equals(request.header("Authorization"))) {
			exchange.problem("unauthorized", 401, "Send Authorization: Bearer <token>.");
		}
		else if (method.equals("GET") && path.equals(READINESS_PATH)) {
			String status = this.readiness;
			sleep(this.readinessDelay);
			exchange.json("UP".equals(status) ? 200 : 503, "{\"status\":\"" + status + "\"}", "Health");
		}
		else if (method.equals("GET") && path.equals(LIVENESS_PATH)) {
			exchange.json(200, "{\"status\":\"UP\"}", "Health");
		}
		else if (method.equals("GET") && path.equals(MODELS_PATH)) {
			for (JsonNode model : this.models) {
				check("ModelStatus", model.toString());
			}
			exchange.json(200, this.models, null);
		}
		else if (method.equals("POST") && path.equals(CHAT_PATH)) {
			requireEndUser(request);
			this.chat.play(exchange);
		}
		else if (method.equals("POST") && (path.equals(STREAM_PATH) || path.equals(this.settings.relayPath))) {
			requireEndUser(request);
			check("ChatRequest", request.body());
			this.stream.play(exchange);
		}
		else if (method.equals("GET") && path.equals(CONVERSATIONS_PATH)) {
			requireEndUser(request);
			listConversations(exchange);
		}
		else if (path.startsWith(CONVERSATIONS_PATH + "/")) {
			requireEndUser(request);
			conversation(exchange, path.substring(CONVERSATIONS_PATH.length() + 1));
		}
		else {
			exchange.problem("not-found", 404, "No such endpoint: " + method + " " + path + ".");
		}
	}

	private void requireEndUser(RecordedRequest request) {
		String endUser = request.header(END_USER_HEADER);
		if (this.settings.requireEndUser && (endUser == null || !endUser.matches("[A-Za-z0-9._:@+/=-]{1,128}"))) {
			this.violations.add(request.path() + ": no valid " + END_USER_HEADER + " header but '" + endUser + "'");
		}
	}

	/**
	 * The conversations, latest first; their times are those of their first and last
	 * messages.
	 */
	private void listConversations(Exchange exchange) throws IOException {
		List<ObjectNode> summaries = new ArrayList<>();
		this.conversations.forEach((id, conversation) -> {
			JsonNode messages = conversation.path("messages");
			ObjectNode summary = JSON.createObjectNode();
			summary.put("conversationId", id);
			summary.put("title", conversation.path("title").asString("Conversation"));
			summary.put("createdAt",
					messages.isEmpty() ? Instant.EPOCH.toString() : messages.get(0).path("at").asString());
			summary.put("updatedAt", messages.isEmpty() ? Instant.EPOCH.toString()
					: messages.get(messages.size() - 1).path("at").asString());
			summaries.add(summary);
		});
		summaries.sort(Comparator.comparing((ObjectNode summary) -> Instant.parse(summary.path("updatedAt").asString()))
			.reversed());
		ObjectNode list = JSON.createObjectNode();
		list.set("conversations", JSON.valueToTree(summaries));
		exchange.json(200, list, "ConversationList");
	}

	private void conversation(Exchange exchange, String rest) throws IOException {
		RecordedRequest request = exchange.request();
		String method = request.method();
		int messages = rest.indexOf("/messages/");
		if (messages >= 0 && rest.endsWith("/feedback")) {
			feedback(exchange, rest.substring(0, messages),
					rest.substring(messages + "/messages/".length(), rest.length() - "/feedback".length()));
			return;
		}
		ObjectNode conversation = this.conversations.get(rest);
		if (method.equals("DELETE")) {
			this.conversations.remove(rest);
			exchange.respond(204, null, "");
		}
		else if (conversation == null) {
			exchange.problem("not-found", 404, "No conversation " + rest + ".");
		}
		else if (method.equals("PATCH")) {
			String title = exchange.requestJson().path("title").asString();
			ObjectNode renamed = conversation.deepCopy();
			renamed.put("title", title);
			this.conversations.put(rest, renamed);
			ObjectNode summary = JSON.createObjectNode();
			summary.put("conversationId", rest);
			summary.put("title", title);
			summary.put("createdAt", Instant.EPOCH.toString());
			summary.put("updatedAt", Instant.EPOCH.toString());
			exchange.json(200, summary, "ConversationSummary");
		}
		else if (method.equals("GET")) {
			exchange.json(200, conversation, "Conversation");
		}
		else {
			exchange.problem("not-found", 404, "No such endpoint: " + method + ".");
		}
	}

	private void feedback(Exchange exchange, String id, String messageId) throws IOException {
		check("MessageFeedback", exchange.request().body());
		ObjectNode conversation = this.conversations.get(id);
		JsonNode answer = null;
		if (conversation != null) {
			for (JsonNode message : conversation.path("messages")) {
				if (messageId.equals(message.path("id").asString(null))
						&& "assistant".equalsIgnoreCase(message.path("role").asString())) {
					answer = message;
				}
			}
		}
		if (!exchange.request().method().equals("PUT") || answer == null) {
			exchange.problem("not-found", 404, "No answer " + messageId + ".");
			return;
		}
		String rating = exchange.requestJson().path("rating").asString();
		if ("none".equals(rating)) {
			((ObjectNode) answer).remove("feedback");
		}
		else {
			((ObjectNode) answer).put("feedback", rating);
		}
		exchange.respond(204, null, "");
	}

	/** The default chat reply: see {@link Script#reply()}. */
	void reply(Exchange exchange) throws IOException {
		JsonNode request = validRequest(exchange);
		if (request == null) {
			return;
		}
		String message = request.path("message").asString();
		String id = conversationId(request);
		String reply = String.join("", this.settings.answer.tokens(message));
		String messageId = remember(id, message, reply);
		ObjectNode body = JSON.createObjectNode();
		body.put("conversationId", id);
		body.put("reply", reply);
		body.put("model", this.settings.model);
		body.put("degraded", false);
		body.putArray("citations");
		body.put("latencyMs", 1);
		body.put("messageId", messageId);
		exchange.json(200, body, "ChatReply");
	}

	/** The default streamed answer: see {@link Script#answer()}. */
	void streamAnswer(Exchange exchange) throws IOException {
		JsonNode request = validRequest(exchange);
		if (request == null) {
			return;
		}
		String message = request.path("message").asString();
		String id = conversationId(request);
		List<String> tokens = this.settings.answer.tokens(message);
		exchange.startStream();
		exchange.meta(id, this.settings.model, false);
		for (String token : tokens) {
			exchange.token(token);
		}
		String reply = String.join("", tokens);
		String messageId = remember(id, message, reply);
		exchange.done(reply, this.settings.model, false, List.of(), messageId);
	}

	private JsonNode validRequest(Exchange exchange) throws IOException {
		JsonNode request = exchange.requestJson();
		String message = request.path("message").asString("");
		if (message.isBlank() || message.length() > MAX_MESSAGE_LENGTH) {
			ObjectNode problem = problemNode("invalid-request", 400, "The request has 1 invalid field",
					exchange.request().path());
			ObjectNode error = problem.putArray("errors").addObject();
			error.put("field", "message");
			error.put("reason", "must be 1 to " + MAX_MESSAGE_LENGTH + " characters");
			exchange.problem(problem);
			return null;
		}
		return request;
	}

	private String conversationId(JsonNode request) {
		String id = request.path("conversationId").asString(null);
		return (id != null) ? id : "c-" + this.conversationIds.incrementAndGet();
	}

	private String remember(String id, String message, String reply) {
		String messageId = "m" + MESSAGE_IDS.incrementAndGet();
		this.conversations.compute(id, (key, existing) -> {
			ObjectNode conversation = (existing != null) ? existing.deepCopy() : JSON.createObjectNode();
			conversation.put("conversationId", id);
			ArrayNode messages = conversation.has("messages") ? (ArrayNode) conversation.get("messages")
					: conversation.putArray("messages");
			ObjectNode question = messages.addObject();
			question.put("role", "user");
			question.put("text", message);
			question.put("degraded", false);
			question.put("at", Instant.now().toString());
			ObjectNode answer = messages.addObject();
			answer.put("role", "assistant");
			answer.put("text", reply);
			answer.put("model", this.settings.model);
			answer.put("degraded", false);
			answer.putArray("citations");
			answer.put("at", Instant.now().toString());
			answer.put("id", messageId);
			return conversation;
		});
		return messageId;
	}

	void check(String component, String json) {
		ContractCheck check = this.settings.contractCheck;
		if (check == null) {
			return;
		}
		try {
			this.violations.addAll(check.violations(component, json));
		}
		catch (RuntimeException ex) {
			this.violations.add(component + ": not JSON: " + ex.getMessage());
		}
	}

	static ObjectNode problemNode(String slug, int status, String detail, String instance) {
		ObjectNode problem = JSON.createObjectNode();
		problem.put("type", "https://project51.dev/problems/" + slug);
		problem.put("title", slug);
		problem.put("status", status);
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return problem;
	}

	static String text(Object value) {
		return (value instanceof String text) ? text : JSON.writeValueAsString(value);
	}

	static JsonNode tree(Object value) {
		return (value instanceof String text) ? JSON.readTree(text) : JSON.valueToTree(value);
	}

	static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/** Thrown to end a connection abruptly, in the middle of a response. */
	static final class DroppedConnection extends RuntimeException {

		DroppedConnection() {
			super("connection dropped on purpose", null, false, false);
		}

	}

	/**
	 * The settings of a {@link FakeAgent}; {@link FakeAgent#reset()} returns to them.
	 */
	public static final class Builder {

		private String token;

		private Answer answer = Answer.echo();

		private String model = "local";

		private Object models = "[{\"name\":\"local\",\"provider\":\"local\",\"state\":\"CLOSED\",\"calls\":0,"
				+ "\"failures\":0,\"failing\":false}]";

		private Script chat = Script.reply();

		private Script stream = Script.answer();

		private String relayPath;

		private ContractCheck contractCheck;

		private boolean requireEndUser;

		private Builder() {
		}

		/**
		 * Require {@code Authorization: Bearer <token>} on {@code /api/}.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(String token) {
			this.token = token;
			return this;
		}

		/**
		 * What the model answers (default {@link Answer#echo()}).
		 * @param answer the answer
		 * @return this builder
		 */
		public Builder answer(Answer answer) {
			this.answer = answer;
			return this;
		}

		/**
		 * The name of the answering model (default {@code local}).
		 * @param model the name
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = model;
			return this;
		}

		/**
		 * The model chain to report (default one model, {@code local}, circuit closed).
		 * @param models a list of model statuses (serialized with Jackson; a
		 * {@link String} is taken as JSON)
		 * @return this builder
		 */
		public Builder models(Object models) {
			this.models = models;
			return this;
		}

		/**
		 * What {@code POST /api/v1/chat} does (default {@link Script#reply()}).
		 * @param chat the script
		 * @return this builder
		 */
		public Builder chat(Script chat) {
			this.chat = chat;
			return this;
		}

		/**
		 * What {@code POST /api/v1/chat/stream} does (default {@link Script#answer()}).
		 * @param stream the script
		 * @return this builder
		 */
		public Builder stream(Script stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Another path answered like {@code POST /api/v1/chat/stream}: that of the
		 * frontend's relay ({@code /api/chat/stream}), to stand in for a frontend too.
		 * @param path the path
		 * @return this builder
		 */
		public Builder relayPath(String path) {
			this.relayPath = path;
			return this;
		}

		/**
		 * Check the documents it receives and sends against the contract; see
		 * {@link FakeAgent#violations()}.
		 * @param check the check
		 * @return this builder
		 */
		public Builder contractCheck(ContractCheck check) {
			this.contractCheck = check;
			return this;
		}

		/**
		 * Count chat and conversation requests without a valid {@code Project51-End-User}
		 * header as {@link FakeAgent#violations() violations}, as a frontend must always
		 * name its user.
		 * @return this builder
		 */
		public Builder requireEndUser() {
			this.requireEndUser = true;
			return this;
		}

		/**
		 * Start the agent on a free loopback port.
		 * @return the running agent
		 */
		public FakeAgent start() {
			try {
				return new FakeAgent(this);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the fake agent", ex);
			}
		}

	}

}
