package dev.project51.testsupport.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
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

	private final int port;

	private volatile HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "fake-agent");
		thread.setDaemon(true);
		return thread;
	});

	private final CountDownLatch closed = new CountDownLatch(1);

	private final Routes routes;

	private FakeAgent(Builder settings) throws IOException {
		this.routes = new Routes(this, settings);
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
		this.routes.token = token;
	}

	/**
	 * The readiness to report: {@code UP} answers 200, anything else 503.
	 * @param status the status
	 */
	public void readiness(String status) {
		this.routes.readiness = status;
	}

	/**
	 * How long the readiness endpoint takes to answer.
	 * @param delay the delay
	 */
	public void readinessDelay(Duration delay) {
		this.routes.readinessDelay = delay;
	}

	/**
	 * The model chain to report on {@code GET /api/v1/models}.
	 * @param models a list of model statuses (serialized with Jackson; a {@link String}
	 * is taken as JSON)
	 */
	public void models(Object models) {
		this.routes.models = AgentJson.tree(models);
	}

	/**
	 * Put a conversation in the agent's memory, replacing one of the same id.
	 * @param conversation the conversation (serialized with Jackson; a {@link String} is
	 * taken as JSON)
	 */
	public void conversation(Object conversation) {
		this.routes.conversations.put((ObjectNode) AgentJson.tree(conversation));
	}

	/**
	 * What {@code POST /api/v1/chat} does from now on.
	 * @param script the script
	 */
	public void chat(Script script) {
		this.routes.chat = script;
	}

	/**
	 * What {@code POST /api/v1/chat/stream} (and the {@link Builder#relayPath relay
	 * path}) does from now on.
	 * @param script the script
	 */
	public void stream(Script script) {
		this.routes.stream = script;
	}

	/**
	 * What the next requests to a route do, one script each; later ones are answered as
	 * before.
	 * @param method the HTTP method
	 * @param path the exact path
	 * @param scripts the scripts, in order
	 */
	public void enqueue(String method, String path, Script... scripts) {
		this.routes.queued.computeIfAbsent(method + " " + path, (key) -> new ConcurrentLinkedDeque<>())
			.addAll(Arrays.asList(scripts));
	}

	/**
	 * Restore the builder's settings, listen again if gone, and forget requests,
	 * violations, conversations, queued scripts and cancelled streams.
	 */
	public void reset() {
		startListening();
		this.routes.reset();
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
		server.createContext("/", this.routes);
		server.start();
		this.server = server;
	}

	// What it saw

	/**
	 * Every request so far, in order of arrival.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.routes.requests);
	}

	/**
	 * The requests with a method and a path that starts with a prefix.
	 * @param method the HTTP method
	 * @param pathPrefix the prefix
	 * @return the requests, in order of arrival
	 */
	public List<RecordedRequest> requests(String method, String pathPrefix) {
		return this.routes.requests.stream()
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
		return (int) this.routes.requests.stream()
			.filter((request) -> request.method().equals(method) && request.path().equals(path))
			.count();
	}

	/**
	 * The largest number of requests it was handling at the same time.
	 * @return the number
	 */
	public int maxConcurrent() {
		return this.routes.maxConcurrent.get();
	}

	/**
	 * Contract violations seen so far by the {@link Builder#contractCheck contract
	 * check}, in either direction, and requests without an end user where the builder
	 * {@link Builder#requireEndUser() requires one}.
	 * @return the violations
	 */
	public List<String> violations() {
		return List.copyOf(this.routes.violations);
	}

	/**
	 * Wait until a client has left a stream before its end.
	 * @param timeout how long to wait
	 * @return whether it happened in time
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitStreamCancelled(Duration timeout) throws InterruptedException {
		return this.routes.streamCancelled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Wait for the next stream a client leaves, forgetting earlier ones. */
	public void resetStreamCancelled() {
		this.routes.streamCancelled = new CountDownLatch(1);
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

	Conversations conversations() {
		return this.routes.conversations;
	}

	void check(String component, String json) {
		this.routes.check(component, json);
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

	/**
	 * The settings of a {@link FakeAgent}; {@link FakeAgent#reset()} returns to them.
	 */
	public static final class Builder {

		String token;

		Answer answer = Answer.echo();

		String model = "local";

		Object models = "[{\"name\":\"local\",\"provider\":\"local\",\"state\":\"CLOSED\",\"calls\":0,"
				+ "\"failures\":0,\"failing\":false}]";

		Script chat = Script.reply();

		Script stream = Script.answer();

		String relayPath;

		ContractCheck contractCheck;

		boolean requireEndUser;

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
