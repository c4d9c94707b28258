package dev.project51.testsupport.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.JsonNode;

/**
 * How the {@link FakeAgent} answers: it records each request, plays a queued
 * {@link Script} or serves the route, and keeps what its public methods report (requests,
 * violations, concurrency, cancelled streams).
 */
final class Routes implements HttpHandler {

	private static final String CONVERSATIONS_PATH = "/api/v1/conversations";

	private static final String END_USER_HEADER = "Project51-End-User";

	private final FakeAgent agent;

	private final FakeAgent.Builder settings;

	final Conversations conversations;

	final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	final List<String> violations = new CopyOnWriteArrayList<>();

	final Map<String, Deque<Script>> queued = new ConcurrentHashMap<>();

	private final AtomicInteger concurrent = new AtomicInteger();

	final AtomicInteger maxConcurrent = new AtomicInteger();

	volatile String token;

	volatile String readiness;

	volatile Duration readinessDelay;

	volatile JsonNode models;

	volatile Script chat;

	volatile Script stream;

	volatile CountDownLatch streamCancelled = new CountDownLatch(1);

	Routes(FakeAgent agent, FakeAgent.Builder settings) {
		this.agent = agent;
		this.settings = settings;
		this.conversations = new Conversations(settings);
		reset();
	}

	/**
	 * Restore the builder's settings, and forget requests, violations, conversations,
	 * queued scripts and cancelled streams.
	 */
	void reset() {
		this.token = this.settings.token;
		this.readiness = "UP";
		this.readinessDelay = Duration.ZERO;
		this.models = AgentJson.tree(this.settings.models);
		this.chat = this.settings.chat;
		this.stream = this.settings.stream;
		this.requests.clear();
		this.violations.clear();
		this.queued.clear();
		this.conversations.clear();
		this.maxConcurrent.set(0);
		this.streamCancelled = new CountDownLatch(1);
	}

	@Override
	public void handle(HttpExchange http) {
		int now = this.concurrent.incrementAndGet();
		this.maxConcurrent.accumulateAndGet(now, Math::max);
		Exchange exchange = null;
		boolean dropped = false;
		try {
			RecordedRequest request = record(http);
			exchange = new Exchange(this.agent, http, request);
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
		else if (method.equals("GET") && path.equals("/actuator/health/readiness")) {
			String status = this.readiness;
			Exchange.sleep(this.readinessDelay);
			exchange.json("UP".equals(status) ? 200 : 503, "{\"status\":\"" + status + "\"}", "Health");
		}
		else if (method.equals("GET") && path.equals("/actuator/health/liveness")) {
			exchange.json(200, "{\"status\":\"UP\"}", "Health");
		}
		else if (method.equals("GET") && path.equals("/api/v1/models")) {
			for (JsonNode model : this.models) {
				check("ModelStatus", model.toString());
			}
			exchange.json(200, this.models, null);
		}
		else if (method.equals("POST") && path.equals("/api/v1/chat")) {
			requireEndUser(request);
			this.chat.play(exchange);
		}
		else if (method.equals("POST")
				&& (path.equals("/api/v1/chat/stream") || path.equals(this.settings.relayPath))) {
			requireEndUser(request);
			check("ChatRequest", request.body());
			this.stream.play(exchange);
		}
		else if (method.equals("GET") && path.equals(CONVERSATIONS_PATH)) {
			requireEndUser(request);
			this.conversations.list(exchange);
		}
		else if (path.startsWith(CONVERSATIONS_PATH + "/")) {
			requireEndUser(request);
			this.conversations.handle(exchange, path.substring(CONVERSATIONS_PATH.length() + 1));
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

}
