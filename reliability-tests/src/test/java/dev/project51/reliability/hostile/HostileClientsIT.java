package dev.project51.reliability.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Conversation;
import dev.project51.reliability.deployment.AppProcess;
import dev.project51.reliability.deployment.ReferenceDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference deployment as a user runs it (every setting at its default) tried by
 * hostile clients, one test per item of the many-users issue: long conversations,
 * fairness between browsers, conversations that belong to someone, failed tokens, slow
 * and greedy connections, the surface a server shows, and its logs. Each hostile client
 * sends from a loopback address of its own ({@link RawHttp}), so the limits it runs into
 * are its own. Every answer is counted and checked ({@link Tally}): no 5xx, no stack
 * trace, no read of another user's conversation; the table goes to
 * {@code target/reliability-reports/hostile-clients.md} and into docs/security.md.
 * <p>
 * The starters' {@code HostileClientsTests} try each guard in more detail; this suite
 * checks that they hold in the applications as generated and built.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileClientsIT {

	/** Longer than the agent's default maximum answer (32,000 characters). */
	private static final String LONG_ANSWER = "Roll back with kubectl rollout undo. ".repeat(900).strip();

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern SESSION_COOKIE = Pattern.compile("(project51_session=[^;,\\s]+)");

	private static final Pattern DONE_EVENT = Pattern.compile("(?m)^event:\\s*done\\s*$");

	private static final Tally tally = new Tally();

	private static final List<String> notes = new ArrayList<>();

	private static ReferenceDeployment deployment;

	private static int agentLogStart;

	private static int frontendLogStart;

	@BeforeAll
	static void startAtDefaults() {
		deployment = ReferenceDeployment.atDefaults(LONG_ANSWER);
		agentLogStart = lines(deployment.agent());
		frontendLogStart = lines(deployment.frontend());
	}

	@AfterAll
	static void checkTheLogsAndReport() {
		if (deployment == null) {
			return;
		}
		try {
			int leaked = 0;
			for (AppProcess app : List.of(deployment.agent(), deployment.frontend())) {
				List<String> written = newLines(app);
				List<String> traces = written.stream()
					.filter((line) -> line.contains("\"stack_trace\"") || line.startsWith("\tat ")
							|| line.contains("\\tat "))
					.toList();
				leaked += traces.size();
				notes.add(app + ": " + written.size() + " log lines while the suite ran, " + traces.size()
						+ " with a stack trace");
				assertThat(traces).as("stack traces in the log of %s", app).isEmpty();
			}
			notes.add("Requests in all: " + tally.requests() + "; stack traces in the logs: " + leaked);
		}
		finally {
			System.out.println("[hostile-clients] report: " + tally.write(notes));
			deployment.close();
		}
	}

	@Test
	void aConversationLongerThanOneMebibyteOpensWithItsLatestPage() throws Exception {
		String category = "long conversation: 34 answers cut at 32,000 characters, read by pages";
		RawHttp client = agentFrom("127.0.1.1");
		Map<String, String> auth = Map.of("Authorization", "Bearer " + deployment.token(), "Content-Type",
				"application/json");
		String conversationId = null;
		int turns = 34;
		for (int turn = 0; turn < turns; turn++) {
			String body = (conversationId == null) ? "{\"message\":\"Turn 0: how do I roll back?\"}"
					: "{\"conversationId\":\"" + conversationId + "\",\"message\":\"Turn " + turn + "\"}";
			RawHttp.Response reply = withRetryAfter(
					() -> tally.count(category, client.send("POST", AgentApi.CHAT_PATH, auth, body)));
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
			JsonNode answer = JSON.readTree(reply.body());
			conversationId = answer.path("conversationId").asString();
			assertThat(answer.path("reply").asString()).as("the answer, cut with the marker")
				.hasSizeLessThanOrEqualTo(AgentApi.DEFAULT_MAX_ANSWER_LENGTH + AgentApi.ANSWER_CUT_MARKER.length())
				.endsWith(AgentApi.ANSWER_CUT_MARKER);
		}
		Map<String, String> reader = Map.of("Authorization", "Bearer " + deployment.token());
		String latestPath = AgentApi.CONVERSATIONS_PATH + conversationId;
		RawHttp.Response latest = withRetryAfter(() -> tally.count(category, client.get(latestPath, reader)));
		assertThat(latest.status()).isEqualTo(200);
		assertThat(latest.body().length()).as("the latest page's size").isLessThan(1024 * 1024);
		Set<String> seen = new HashSet<>();
		List<JsonNode> messages = new ArrayList<>();
		long characters = 0;
		String before = null;
		do {
			String path = AgentApi.CONVERSATIONS_PATH + conversationId
					+ ((before != null) ? "?" + AgentApi.BEFORE_PARAMETER + "=" + before : "");
			RawHttp.Response page = withRetryAfter(() -> tally.count(category, client.get(path, reader)));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			JsonNode conversation = JSON.readTree(page.body());
			List<JsonNode> pageMessages = new ArrayList<>();
			conversation.path("messages").forEach(pageMessages::add);
			assertThat(pageMessages).isNotEmpty().hasSizeLessThanOrEqualTo(AgentApi.DEFAULT_PAGE_SIZE);
			for (JsonNode message : pageMessages) {
				assertThat(seen.add(message.path("role").asString() + message.path("at").asString()
						+ message.path("text").asString().hashCode()))
					.as("each message once")
					.isTrue();
				characters += message.path("text").asString().length();
			}
			messages.addAll(0, pageMessages);
			before = conversation.path("earlier").isString() ? conversation.path("earlier").asString() : null;
		}
		while (before != null);
		assertThat(messages).hasSize(2 * turns);
		for (int i = 0; i < messages.size(); i++) {
			assertThat(messages.get(i).path("role").asString())
				.isEqualToIgnoringCase((i % 2 == 0) ? "user" : "assistant");
		}
		assertThat(characters).as("the transcript's text").isGreaterThan(1024 * 1024);
		// The client library reads the latest page within its default 1 MiB answer bound.
		try (AgentClient agent = deployment.agentClient()) {
			Conversation conversation = agent.conversation(conversationId);
			assertThat(conversation.messages()).isNotEmpty();
			assertThat(conversation.earlier()).isNotNull();
		}
		notes.add("Long conversation: " + turns + " turns, " + characters + " characters of text, read in pages of at "
				+ "most " + AgentApi.DEFAULT_PAGE_SIZE + " messages; the latest page was " + latest.body().length()
				+ " bytes");
	}

	@Test
	void fortyHostileSendersCannotMakeANormalUsersMessagesFail() throws Exception {
		String category = "fairness: 40 hostile senders (2 addresses, half dropping their cookie) against 1 user";
		AtomicBoolean flooding = new AtomicBoolean(true);
		AtomicInteger limited = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(40);
		List<CompletableFuture<Void>> hostile = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			RawHttp client = frontendFrom("127.0.2." + (1 + i % 2));
			boolean keepsCookie = i % 4 < 2;
			hostile.add(CompletableFuture.runAsync(() -> {
				String cookie = null;
				while (flooding.get()) {
					RawHttp.Response answer = tally.count(category, chat(client, cookie, null, "flood"));
					limited.addAndGet((answer.status() == 429) ? 1 : 0);
					if (keepsCookie && cookie == null) {
						cookie = sessionCookie(answer);
					}
					// 20 requests a second per sender: 800 in all, against 2 cores.
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
				}
			}, senders));
		}
		RawHttp user = frontendFrom("127.0.2.100");
		String cookie = null;
		String conversationId = null;
		try {
			for (int message = 0; message < 4; message++) {
				RawHttp.Response answer = tally.count(category,
						chat(user, cookie, conversationId, "A normal question " + message));
				assertThat(answer.status()).as("the normal user's message %d: %s", message, answer).isEqualTo(200);
				assertThat(answer.body()).as("the normal user's answer %d", message).containsPattern(DONE_EVENT);
				cookie = (cookie != null) ? cookie : sessionCookie(answer);
				conversationId = conversationId(answer.body());
				Thread.sleep(2_500);
			}
		}
		finally {
			flooding.set(false);
			CompletableFuture.allOf(hostile.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
			senders.shutdown();
		}
		assertThat(limited.get()).as("hostile messages refused with 429").isPositive();
		notes.add("Fairness: the normal user's 4 messages all answered while " + limited.get()
				+ " hostile messages were refused with 429");
	}

	@Test
	void conversationsBelongToWhoeverStartedThem() throws Exception {
		String category = "ownership: another browser or end user reads, renames, deletes; made-up ids";
		String secret = "owner-only-" + UUID.randomUUID();
		RawHttp alice = frontendFrom("127.0.3.1");
		RawHttp.Response first = tally.count(category, chat(alice, null, null, secret));
		assertThat(first.status()).isEqualTo(200);
		String aliceCookie = sessionCookie(first);
		String id = conversationId(first.body());
		assertThat(id).as("an id issued by the server, 128 bits or more").matches("[A-Za-z0-9_-]{22,}");

		RawHttp mallory = frontendFrom("127.0.3.2");
		String malloryCookie = sessionCookie(tally.count(category, mallory.get("/api/conversations", Map.of())));
		Map<String, String> asMallory = Map.of("Cookie", malloryCookie, "Content-Type", "application/json");
		for (RawHttp.Response answer : List.of(mallory.get("/api/conversations/" + id, asMallory),
				mallory.send("PATCH", "/api/conversations/" + id, asMallory, "{\"title\":\"mine now\"}"),
				mallory.get("/api/conversations/" + id, Map.of()))) {
			tally.count(category, answer);
			tally.crossUserRead(category, answer.body().contains(secret));
			assertThat(answer.status()).as("another browser: %s", answer).isEqualTo(404);
		}
		// Deleting is idempotent: another's conversation is answered as one that does not
		// exist, and stays.
		String madeUp = UUID.randomUUID().toString().replace("-", "");
		assertThat(tally.count(category, mallory.send("DELETE", "/api/conversations/" + id, asMallory, null)).status())
			.isEqualTo(tally.count(category, mallory.send("DELETE", "/api/conversations/" + madeUp, asMallory, null))
				.status());
		RawHttp.Response list = tally.count(category, mallory.get("/api/conversations", asMallory));
		tally.crossUserRead(category, list.body().contains(id));
		RawHttp.Response own = tally.count(category,
				alice.get("/api/conversations/" + id, Map.of("Cookie", aliceCookie)));
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).contains(secret);

		RawHttp.Response guessed = tally.count(category, chat(alice, aliceCookie, madeUp, "Is this mine?"));
		assertThat(guessed.body()).as("a made-up conversation id: the stream's error")
			.containsPattern("(?m)^event:\\s*error\\s*$")
			.contains("\"status\":404")
			.doesNotContainPattern(DONE_EVENT);
		assertThat(tally.count(category, alice.get("/api/conversations", Map.of("Cookie", aliceCookie))).body())
			.doesNotContain(madeUp);

		RawHttp caller = agentFrom("127.0.3.3");
		Map<String, String> asAlice = Map.of("Authorization", "Bearer " + deployment.token(), AgentApi.END_USER_HEADER,
				"alice", "Content-Type", "application/json");
		Map<String, String> asEve = Map.of("Authorization", "Bearer " + deployment.token(), AgentApi.END_USER_HEADER,
				"eve", "Content-Type", "application/json");
		RawHttp.Response started = tally.count(category,
				caller.send("POST", AgentApi.CHAT_PATH, asAlice, "{\"message\":\"" + secret + "\"}"));
		String agentId = JSON.readTree(started.body()).path("conversationId").asString();
		assertThat(tally.count(category, caller.send("DELETE", AgentApi.CONVERSATIONS_PATH + agentId, asEve, null))
			.status())
			.isEqualTo(tally.count(category, caller.send("DELETE", AgentApi.CONVERSATIONS_PATH + madeUp, asEve, null))
				.status());
		for (RawHttp.Response answer : List.of(caller.get(AgentApi.CONVERSATIONS_PATH + agentId, asEve),
				caller.send("PATCH", AgentApi.CONVERSATIONS_PATH + agentId, asEve, "{\"title\":\"eve's\"}"),
				caller.send("POST", AgentApi.CHAT_PATH, asEve,
						"{\"conversationId\":\"" + agentId + "\",\"message\":\"continue\"}"))) {
			tally.count(category, answer);
			tally.crossUserRead(category, answer.body().contains(secret));
			assertThat(answer.status()).as("another end user: %s", answer).isEqualTo(404);
		}
		assertThat(tally.count(category, caller.get(AgentApi.CONVERSATIONS_PATH + agentId, asAlice)).status())
			.isEqualTo(200);
	}

	@Test
	void failedTokensAreLimitedPerAddress() {
		String category = "failed authentications: agent API and frontend actuator, 12 each, then the right token";
		RawHttp guesser = agentFrom("127.0.4.1");
		for (int i = 0; i < 10; i++) {
			assertThat(
					tally
						.count(category,
								guesser.get(AgentApi.CONVERSATION_LIST_PATH,
										Map.of("Authorization", "Bearer guess-" + i)))
						.status())
				.isEqualTo(401);
		}
		RawHttp.Response limited = tally.count(category,
				guesser.get(AgentApi.CONVERSATION_LIST_PATH, Map.of("Authorization", "Bearer guess-10")));
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).as("Retry-After").matches("\\d+");
		assertThat(tally
			.count(category,
					guesser.get(AgentApi.CONVERSATION_LIST_PATH,
							Map.of("Authorization", "Bearer " + deployment.token())))
			.status()).as("the right token from a limited address").isEqualTo(429);
		assertThat(tally
			.count(category,
					agentFrom("127.0.4.2").get(AgentApi.CONVERSATION_LIST_PATH,
							Map.of("Authorization", "Bearer " + deployment.token())))
			.status()).as("the right token from another address").isEqualTo(200);

		RawHttp scraper = frontendFrom("127.0.4.3");
		for (int i = 0; i < 10; i++) {
			assertThat(tally
				.count(category, scraper.get("/actuator/prometheus", Map.of("Authorization", "Bearer guess-" + i)))
				.status()).isEqualTo(401);
		}
		RawHttp.Response scrapeLimited = tally.count(category,
				scraper.get("/actuator/prometheus", Map.of("Authorization", "Bearer " + deployment.token())));
		assertThat(scrapeLimited.status()).isEqualTo(429);
		assertThat(scrapeLimited.header("Retry-After")).matches("\\d+");
	}

	@Test
	void slowAndGreedyClientsAreCutOff() throws Exception {
		String category = "slow clients: head and body trickling in (both apps), 201 connections from one address";
		List<CompletableFuture<String>> trickles = List.of(
				CompletableFuture.supplyAsync(() -> trickleHead(agentFrom("127.0.5.1"))),
				CompletableFuture.supplyAsync(() -> trickleHead(frontendFrom("127.0.5.2"))),
				CompletableFuture
					.supplyAsync(() -> trickleBody(agentFrom("127.0.5.3"), AgentApi.CHAT_PATH, "application/json")),
				CompletableFuture.supplyAsync(
						() -> trickleBody(frontendFrom("127.0.5.4"), "/api/chat/stream", "text/event-stream")));
		for (CompletableFuture<String> trickle : trickles) {
			notes.add("Slow client: " + trickle.get(2, TimeUnit.MINUTES));
		}
		tally.countUnanswered(category, trickles.size());

		RawHttp greedy = agentFrom("127.0.5.5");
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < 200; i++) {
				Socket socket = greedy.connect();
				held.add(socket);
				socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
			}
			RawHttp.Response refused = greedy.get("/actuator/health/liveness", Map.of());
			assertThat(refused.status()).as("the 201st connection of one address: closed unanswered").isZero();
			RawHttp.Response other = tally.count(category,
					agentFrom("127.0.5.6").get("/actuator/health/liveness", Map.of()));
			assertThat(other.status()).as("another address meanwhile").isEqualTo(200);
			tally.countUnanswered(category, 201);
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	@Test
	void onlyWhatIsMeantToAnswerAnswers() {
		String category = "surface: foreign Host, actuator without token, /error, TRACE, OPTIONS, JSON of the wrong type";
		String token = "Bearer " + deployment.token();
		RawHttp agent = agentFrom("127.0.6.1");
		RawHttp frontend = frontendFrom("127.0.6.2");
		// DNS rebinding: a page under the attacker's name, re-pointed at the server.
		assertThat(tally
			.count(category,
					agent.get(AgentApi.MODELS_PATH, Map.of("Host", "rebind.attacker.example", "Authorization", token)))
			.status()).isEqualTo(400);
		assertThat(tally.count(category, frontend.get("/", Map.of("Host", "rebind.attacker.example"))).status())
			.isEqualTo(400);
		assertThat(tally.count(category, frontend.get("/", Map.of())).status()).isEqualTo(200);
		for (RawHttp app : List.of(agent, frontend)) {
			assertThat(tally.count(category, app.get("/actuator/health/readiness", Map.of("Host", "10.1.2.3:8080")))
				.status()).as("probes by pod address").isEqualTo(200);
			assertThat(tally
				.count(category, app.get("/actuator/health/liveness", Map.of("Host", "rebind.attacker.example")))
				.status()).as("probes by any name").isEqualTo(200);
		}
		// The actuator without a token: only health.
		for (RawHttp app : List.of(agentFrom("127.0.6.3"), frontendFrom("127.0.6.4"))) {
			for (String endpoint : List.of("/actuator/prometheus", "/actuator/env", "/actuator/heapdump",
					"/actuator")) {
				RawHttp.Response answer = tally.count(category, app.get(endpoint, Map.of()));
				assertThat(answer.status()).as("%s without a token", endpoint).isIn(401, 404);
			}
		}
		for (RawHttp app : List.of(agent, frontend)) {
			String path = (app == agent) ? AgentApi.CHAT_PATH : "/";
			RawHttp.Response error = tally.count(category, app.get("/error", Map.of()));
			assertThat(error.status()).isEqualTo(404);
			assertThat(error.header("Content-Type")).startsWith(AgentApi.PROBLEM_JSON);
			RawHttp.Response trace = tally.count(category,
					app.send("TRACE", path, Map.of("Authorization", "Bearer trace-secret-marker"), null));
			assertThat(trace.status()).isEqualTo(405);
			assertThat(trace.header("Allow")).isNotBlank().doesNotContain("TRACE");
			assertThat(trace.body()).doesNotContain("trace-secret-marker");
		}
		RawHttp.Response options = tally.count(category,
				agent.send("OPTIONS", AgentApi.CHAT_PATH, Map.of("Authorization", token), null));
		assertThat(options.header("Allow")).contains("POST");
		RawHttp.Response wrongType = tally.count(category, agent.send("POST", AgentApi.CHAT_PATH,
				Map.of("Authorization", token, "Content-Type", "application/json"), "{\"message\":42}"));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.body()).contains("\"message\"");
		RawHttp.Response wrongTypeFrontend = tally.count(category, frontend.send("POST", "/api/chat/stream",
				Map.of("Content-Type", "application/json", "Accept", "text/event-stream"), "{\"message\":true}"));
		assertThat(wrongTypeFrontend.status()).isEqualTo(400);
		assertThat(wrongTypeFrontend.body()).contains("\"message\"");
	}

	@Test
	void logsStayShortAndQuiet() throws Exception {
		String category = "logs: 30 foreign hosts, a 300-character host, clients leaving streams";
		String marker = "a".repeat(300);
		RawHttp agent = agentFrom("127.0.7.1");
		tally.count(category, agent.get("/actuator/health/readiness", Map.of()));
		for (int i = 0; i < 30; i++) {
			assertThat(tally.count(category, agent.get(AgentApi.MODELS_PATH, Map.of("Host", "flood-" + i + ".example")))
				.status()).isEqualTo(400);
		}
		assertThat(tally.count(category, agent.get(AgentApi.MODELS_PATH, Map.of("Host", marker + ".example"))).status())
			.isEqualTo(400);
		// Clients that leave an answer stream, at the agent and at the frontend.
		leaveStream(agentFrom("127.0.7.2"), AgentApi.CHAT_STREAM_PATH,
				Map.of("Authorization", "Bearer " + deployment.token()));
		leaveStream(frontendFrom("127.0.7.3"), "/api/chat/stream", Map.of());
		tally.countUnanswered(category, 2);
		List<String> written = newLines(deployment.agent());
		long refusals = written.stream().filter((line) -> line.contains("Refused a request for host")).count();
		assertThat(refusals).as("foreign-host warnings, at most 3 a minute (the suite may span two minutes)")
			.isLessThanOrEqualTo(6);
		assertThat(String.join("\n", written)).as("a logged value is cut to 200 characters")
			.doesNotContain("a".repeat(201));
		notes.add("Logs: 31 foreign-host requests gave " + refusals + " warning lines");
	}

	private static RawHttp.Response chat(RawHttp client, String cookie, String conversationId, String message) {
		String body = (conversationId != null)
				? "{\"conversationId\":\"" + conversationId + "\",\"message\":\"" + message + "\"}"
				: "{\"message\":\"" + message + "\"}";
		Map<String, String> headers = (cookie != null)
				? Map.of("Content-Type", "application/json", "Accept", "text/event-stream", "Cookie", cookie)
				: Map.of("Content-Type", "application/json", "Accept", "text/event-stream");
		return client.send("POST", "/api/chat/stream", headers, body);
	}

	private static String trickleHead(RawHttp client) {
		long started = System.nanoTime();
		try (Socket socket = client.connect()) {
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 120; i++) {
				out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				if (closedOrAnswered(socket.getInputStream())) {
					return "a trickling head " + client + " closed after " + seconds(started) + " s";
				}
			}
		}
		catch (IOException ex) {
			return "a trickling head " + client + " closed after " + seconds(started) + " s (" + ex.getMessage() + ")";
		}
		throw new AssertionError("A request head trickling in for 60 s was never cut off");
	}

	private static String trickleBody(RawHttp client, String path, String accept) {
		long started = System.nanoTime();
		try (Socket socket = client.connect()) {
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + deployment.token()
					+ "\r\nContent-Type: application/json\r\nAccept: " + accept + "\r\nContent-Length: 1000\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 120; i++) {
				out.write(' ');
				out.flush();
				if (closedOrAnswered(socket.getInputStream())) {
					return "a trickling body " + client + " answered or closed after " + seconds(started) + " s";
				}
			}
		}
		catch (IOException ex) {
			return "a trickling body " + client + " closed after " + seconds(started) + " s (" + ex.getMessage() + ")";
		}
		throw new AssertionError("A request body trickling in for 60 s was never cut off");
	}

	private static boolean closedOrAnswered(InputStream in) throws IOException {
		try {
			int first = in.read();
			if (first >= 0) {
				String status = (char) first + new String(in.readNBytes(11), StandardCharsets.US_ASCII);
				assertThat(status).as("the answer to a slow client").matches("HTTP/1.1 4\\d\\d");
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

	private static void leaveStream(RawHttp client, String path, Map<String, String> auth) throws IOException {
		try (Socket socket = client.connect()) {
			StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
			auth.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			String body = "{\"message\":\"Tell me everything about rolling back.\"}";
			head.append("Content-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: ")
				.append(body.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n\r\n")
				.append(body);
			socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			byte[] start = socket.getInputStream().readNBytes(2048);
			assertThat(new String(start, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
		}
	}

	private static RawHttp.Response withRetryAfter(Supplier<RawHttp.Response> request) throws InterruptedException {
		for (int attempt = 0;; attempt++) {
			RawHttp.Response response = request.get();
			if (response.status() != 429 || attempt == 3) {
				return response;
			}
			Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000);
		}
	}

	private static String sessionCookie(RawHttp.Response response) {
		String header = response.header("Set-Cookie");
		assertThat(header).as("a session cookie in %s", response).isNotNull();
		Matcher cookie = SESSION_COOKIE.matcher(header);
		assertThat(cookie.find()).as("the session cookie in %s", header).isTrue();
		return cookie.group(1);
	}

	private static String conversationId(String stream) {
		Matcher id = CONVERSATION_ID.matcher(stream);
		assertThat(id.find()).as("a conversation id in %s", stream).isTrue();
		return id.group(1);
	}

	private static RawHttp agentFrom(String address) {
		return RawHttp.from(address, deployment.agent().uri("/").getPort());
	}

	private static RawHttp frontendFrom(String address) {
		return RawHttp.from(address, deployment.frontend().uri("/").getPort());
	}

	private static String seconds(long started) {
		return String.format("%.1f", (System.nanoTime() - started) / 1e9);
	}

	private static int lines(AppProcess app) {
		return (int) app.logTail(Integer.MAX_VALUE).lines().count();
	}

	private static List<String> newLines(AppProcess app) {
		List<String> all = app.logTail(Integer.MAX_VALUE).lines().toList();
		int start = (app == deployment.agent()) ? agentLogStart : frontendLogStart;
		return all.subList(Math.min(start, all.size()), all.size());
	}

}
