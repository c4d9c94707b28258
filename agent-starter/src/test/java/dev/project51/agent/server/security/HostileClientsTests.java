package dev.project51.agent.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.HostileSockets;
import dev.project51.agent.server.testsupport.RawHttp;
import dev.project51.agent.server.testsupport.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.util.FileSystemUtils;

import static dev.project51.agent.server.testsupport.HostileSockets.answerOrNone;
import static dev.project51.agent.server.testsupport.HostileSockets.closesWithin;
import static dev.project51.agent.server.testsupport.HostileSockets.trickle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients against a running agent over real sockets (issue 18, items 4 to 7):
 * failed authentications limited per address, slow and greedy connections, foreign
 * {@code Host} headers, the actuator without a token, {@code /error}, {@code TRACE} and
 * {@code OPTIONS}, JSON values of the wrong type, bidirectional controls in titles, and
 * what all that leaves in the log. Clients that must not disturb each other's limits
 * connect from addresses of their own (127.0.0.x).
 */
class HostileClientsTests {

	private static final String TOKEN = "hostile-clients-token-42";

	private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The watchdog of request heads looks once a second; sockets and threads add some.
	 */
	private static final Duration HEADROOM = Duration.ofSeconds(4);

	private static Path data;

	private static AgentApp app;

	private static RawHttp raw;

	private static Http http;

	private final LogCapture log = new LogCapture();

	@BeforeAll
	static void start() throws IOException {
		data = Files.createTempDirectory("hostile-clients");
		app = AgentApp.start(data, List.of(), "project51.agent.api-token=" + TOKEN,
				"project51.agent.limits.auth-failures-per-minute=3",
				"project51.agent.limits.header-timeout=" + HEADER_TIMEOUT.toSeconds() + "s",
				"project51.agent.limits.body-timeout=" + BODY_TIMEOUT.toSeconds() + "s",
				"project51.agent.limits.max-connections-per-address=4", "project51.agent.limits.rate-limit.burst=10000",
				"project51.agent.allowed-hosts=agent.example.com,*.internal.example",
				// What Render sets on a web service: its public name is answered without
				// configuration.
				"RENDER_EXTERNAL_HOSTNAME=demo-backend.onrender.com",
				"project51.agent.knowledge.locations=classpath*:knowledge/**/*.md,classpath*:bidi-knowledge/*.md",
				"project51.agent.local.token-delay=20ms");
		raw = new RawHttp(app.port());
		http = new Http(app.baseUrl(), TOKEN);
	}

	@AfterAll
	static void stop() {
		app.close();
		FileSystemUtils.deleteRecursively(data.toFile());
	}

	@BeforeEach
	void captureTheLog() {
		this.log.start();
	}

	@AfterEach
	void noStackTraceWasLogged() {
		this.log.stop();
		assertThat(this.log.events).as("log events with a stack trace")
			.noneMatch((event) -> event.getThrowableProxy() != null);
		assertThat(this.log.events).as("log lines are single lines")
			.noneMatch((event) -> event.getFormattedMessage().contains("\n")
					|| event.getFormattedMessage().contains("\r"));
	}

	@Test
	void failedAuthenticationsAreLimitedPerAddressAndLoggedAFewTimesAMinute() {
		String from = "127.0.0.7";
		for (int i = 0; i < 3; i++) {
			Response refused = send(from,
					"GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer guess-" + i
							+ "\r\nConnection: close\r\n\r\n");
			assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
		}
		for (int i = 0; i < 20; i++) {
			Response limited = send(from, "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer guess-x"
					+ i + "\r\nConnection: close\r\n\r\n");
			assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
			assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		}
		Response rightTokenTooSoon = send(from,
				"GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
						+ "\r\nConnection: close\r\n\r\n");
		assertThat(rightTokenTooSoon.status()).as("guessing goes no faster with the right token").isEqualTo(429);
		assertThat(rightTokenTooSoon.header("Content-Type")).startsWith("application/problem+json");
		assertThat(rightTokenTooSoon.text()).contains("\"status\":429", "rate-limited");
		Response actuator = send(from, "GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TOKEN + "\r\nConnection: close\r\n\r\n");
		assertThat(actuator.status()).as("the actuator shares the limit").isEqualTo(429);
		Response health = send(from,
				"GET /actuator/health/readiness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(health.status()).as("probes need no token").isEqualTo(200);

		assertThat(http.get("/api/v1/models").statusCode()).as("other addresses are not limited").isEqualTo(200);
		assertThat(this.log.warnings("AgentRequestFilter")).as("24 refusals, logged at most 3 times per kind")
			.hasSizeLessThanOrEqualTo(6);
	}

	@Test
	void aKeepAliveClientIsServedAfterARefusalThatLeftTheBodyUnread() throws Exception {
		// One connection, kept alive: the refusals leave their bodies unread, and the
		// requests after them are still read correctly (or the connection is closed
		// with Connection: close), never answered with a broken connection.
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.build();
		for (String token : new String[] { "guess-1", "guess-2", TOKEN }) {
			HttpResponse<String> response = client
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/api/v1/chat"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"Hello\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(TOKEN.equals(token) ? 200 : 401);
		}
	}

	@Test
	void hostsOutsideTheAllowListAreRefusedAndHealthAnswersAnyHost() {
		for (String host : List.of("evil.example", "rebind.evil.example:" + app.port(),
				"agent.example.com.evil.example", "internal.example", "x" + "y".repeat(5000) + ".evil.example",
				"127.0.0.1.evil.example", "a b", "localhost:x")) {
			for (String path : List.of("/api/v1/models", "/v1/models", "/actuator/prometheus", "/error")) {
				Response refused = send("127.0.0.1", "GET " + path + " HTTP/1.1\r\nHost: " + host
						+ "\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
				assertThat(refused.status()).as(host + " " + path + ": " + refused).isEqualTo(400);
				assertThat(refused.text()).doesNotContain("local", "Exception");
			}
		}
		for (String host : List.of("localhost", "localhost:" + app.port(), "LOCALHOST.", "agent.localhost",
				"127.0.0.1:" + app.port(), "[::1]:" + app.port(), "10.1.2.3", "agent.example.com",
				"Agent.Example.COM:443", "eu.internal.example", "demo-backend.onrender.com")) {
			Response answered = send("127.0.0.1", "GET /api/v1/models HTTP/1.1\r\nHost: " + host
					+ "\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
			assertThat(answered.status()).as(host + ": " + answered).isEqualTo(200);
		}
		Response probe = send("127.0.0.1",
				"GET /actuator/health/liveness HTTP/1.1\r\nHost: 10-244-0-7.pod.internal\r\nConnection: close\r\n\r\n");
		assertThat(probe.status()).isEqualTo(200);
		assertThat(this.log.warnings("HostCheckFilter")).as("refusals logged at most 3 times a minute, cut short")
			.hasSizeBetween(1, 3)
			.allMatch((line) -> line.length() < 600);
	}

	@Test
	void aRequestHeadThatTricklesIsClosedWithinTheHeaderTimeout() throws Exception {
		try (Socket socket = raw.connect("127.0.0.1")) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			long started = System.nanoTime();
			AtomicBoolean closed = trickle(socket, "X-Slow: 1\r\n", true);
			await().atMost(HEADER_TIMEOUT.plus(HEADROOM)).until(closed::get);
			assertThat(Duration.ofNanos(System.nanoTime() - started))
				.isGreaterThanOrEqualTo(HEADER_TIMEOUT.minusMillis(500));
		}
	}

	@Test
	void aBodyThatTricklesFailsWithinTheBodyTimeout() throws Exception {
		try (Socket socket = raw.connect("127.0.0.1")) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/chat HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
					+ "\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"message\":\"")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			long started = System.nanoTime();
			trickle(socket, "a", false);
			Response answer = RawHttp.read(socket);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(answer.text()).contains("\"status\":408", "did not arrive in time");
			assertThat(took).isLessThan(BODY_TIMEOUT.plus(HEADROOM));
			assertThat(closesWithin(socket, HEADROOM)).as("the connection is closed").isTrue();
		}
	}

	@Test
	void connectionsPerAddressAreBoundedAndIdleOnesMakeRoom() throws Exception {
		String from = "127.0.0.8";
		List<Socket> idle = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Socket socket = raw.connect(from);
				idle.add(socket);
				Response answer = RawHttp.exchange(socket, ("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				assertThat(answer.status()).isEqualTo(200);
			}
			try (Socket fifth = raw.connect(from)) {
				Response answer = RawHttp.exchange(fifth,
						"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
							.getBytes(StandardCharsets.ISO_8859_1));
				assertThat(answer.status()).as("an idle connection of the address made room").isEqualTo(200);
			}
		}
		finally {
			close(idle);
		}
		// Another address: the server may not have seen the client close those yet.
		String busyFrom = "127.0.0.10";
		List<Socket> busy = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Socket socket = raw.connect(busyFrom);
				busy.add(socket);
				socket.getOutputStream()
					.write("GET /actuator/health HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
			}
			await().atMost(Duration.ofSeconds(1)).pollDelay(Duration.ofMillis(200)).until(() -> true);
			try (Socket fifth = raw.connect(busyFrom)) {
				assertThat(answerOrNone(fifth)).as("a fifth connection beside four busy ones is closed unanswered")
					.isEqualTo(-1);
			}
			Response other = send("127.0.0.9",
					"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(other.status()).as("other addresses are not affected").isEqualTo(200);
		}
		finally {
			close(busy);
		}
	}

	@Test
	void theErrorPageIsAProblemWithTheRealStatus() {
		HttpResponse<String> error = http.get("/error");
		assertThat(error.statusCode()).isEqualTo(404);
		assertThat(error.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(error.body()).contains("\"status\":404")
			.doesNotContain("\"status\":999", "Whitelabel", "stackTrace", "exception");
		HttpResponse<String> unknown = http.get("/nope");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(unknown.body()).contains("\"status\":404", "/nope");
	}

	@Test
	void traceAndOptionsAnswerWithTheAllowedMethods() {
		Response trace = raw.send(
				"TRACE /api/v1/models HTTP/1.1\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Secret: s3cr3t",
				new byte[0]);
		assertThat(trace.status()).isEqualTo(405);
		assertThat(trace.header("Allow")).contains("GET").doesNotContain("TRACE", "POST");
		assertThat(trace.header("Content-Type")).startsWith("application/problem+json");
		assertThat(trace.toString()).as("nothing is echoed").doesNotContain("s3cr3t", TOKEN);

		Response traceChat = raw.send("TRACE /api/v1/chat HTTP/1.1", new byte[0]);
		assertThat(traceChat.status()).isEqualTo(405);
		assertThat(traceChat.header("Allow")).contains("POST").doesNotContain("TRACE", "GET");

		Response options = raw.send("OPTIONS /api/v1/chat HTTP/1.1", new byte[0]);
		assertThat(options.status()).isEqualTo(200);
		assertThat(options.header("Allow")).contains("POST", "OPTIONS").doesNotContain("TRACE", "GET");
		assertThat(options.header("Accept-Patch")).isNull();

		Response optionsConversation = raw.send("OPTIONS /api/v1/conversations/abc HTTP/1.1", new byte[0]);
		assertThat(optionsConversation.header("Allow")).contains("GET", "DELETE").doesNotContain("TRACE", "POST");

		Response traceUnknown = raw.send("TRACE /api/v1/nope HTTP/1.1\r\nAuthorization: Bearer " + TOKEN, new byte[0]);
		assertThat(traceUnknown.status()).isEqualTo(404);
	}

	@Test
	void aJsonValueOfTheWrongTypeIsA400NamingTheField() {
		for (String body : List.of("{\"message\":42}", "{\"message\":true}", "{\"message\":1.5}",
				"{\"message\":\"hi\",\"conversationId\":7}", "{\"message\":[\"hi\"]}", "{\"message\":{\"a\":1}}")) {
			HttpResponse<String> response = http.postJson("/api/v1/chat", body);
			assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(400);
			String field = body.contains("conversationId") ? "conversationId" : "message";
			assertThat(response.body()).as(body).contains("'" + field + "'", "\"field\":\"" + field + "\"");
		}
	}

	@Test
	void bidirectionalControlsNeverReachACitationTitle() {
		HttpResponse<String> reply = http.postJson("/api/v1/chat",
				"{\"message\":\"How does zebra quartz calibration work?\"}");
		assertThat(reply.statusCode()).isEqualTo(200);
		assertThat(reply.body()).contains("Invoice exe.fdp").doesNotContain("\u202e", "\\u202e", "\\u202E");
	}

	@Test
	void aClientThatLeavesAStreamIsADebugLineWithoutAStackTrace() throws Exception {
		for (String request : List.of(
				"POST /api/v1/chat/stream HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
						+ "{\"message\":\"%s\"}",
				"POST /v1/chat/completions HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
						+ "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}")) {
			String message = "How do I roll back a release? Explain everything in detail.";
			String json = request.substring(request.indexOf('{')).replace("%s", message);
			String head = request.substring(0, request.indexOf('{')).replace("%d", Integer.toString(json.length()));
			try (Socket socket = raw.connect("127.0.0.1")) {
				socket.getOutputStream()
					.write(("" + head.replace("HTTP/1.1\r\n",
							"HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\n") + json)
						.getBytes(StandardCharsets.UTF_8));
				socket.getOutputStream().flush();
				InputStream in = socket.getInputStream();
				byte[] first = new byte[64];
				assertThat(in.read(first)).isPositive();
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.log.events).anyMatch((event) -> event.getLevel() == Level.DEBUG
					&& event.getFormattedMessage().toLowerCase().contains("went away")));
		assertThat(this.log.events).as("nothing above DEBUG about the clients that left")
			.noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.WARN));
	}

	@Test
	void withoutATokenTheActuatorShowsOnlyHealth() throws IOException {
		Path otherData = Files.createTempDirectory("hostile-clients-open");
		try (AgentApp open = AgentApp.start(otherData, List.of())) {
			Http anonymous = new Http(open.baseUrl(), null);
			for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/env",
					"/actuator/health/db", "/actuator/nope")) {
				HttpResponse<String> closed = anonymous.get(path);
				assertThat(closed.statusCode()).as(path).isEqualTo(401);
				assertThat(closed.body()).contains("\"status\":401").doesNotContain("jvm_", "_links");
			}
			for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
				assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(200);
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(otherData.toFile());
		}
		HttpResponse<String> withToken = http.get("/actuator/prometheus");
		assertThat(withToken.statusCode()).isEqualTo(200);
	}

	private static Response send(String from, String request) {
		return HostileSockets.send(raw, from, request.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static void close(List<Socket> sockets) throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

	/**
	 * The events of the agent's loggers while a test runs, at DEBUG. Log levels belong to
	 * the JVM, not to an application: each application that starts sets them again from
	 * its own properties, so the capture sets the level it needs itself.
	 */
	static final class LogCapture extends AppenderBase<ILoggingEvent> {

		final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

		private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

		private final Logger agent = (Logger) LoggerFactory.getLogger("dev.project51");

		private Level agentLevel;

		@Override
		public void start() {
			this.agentLevel = this.agent.getLevel();
			this.agent.setLevel(Level.DEBUG);
			this.root.addAppender(this);
			super.start();
		}

		@Override
		public void stop() {
			this.root.detachAppender(this);
			this.agent.setLevel(this.agentLevel);
			super.stop();
		}

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLoggerName().startsWith("dev.project51") || event.getLevel().isGreaterOrEqual(Level.WARN)) {
				this.events.add(event);
			}
		}

		List<String> warnings(String loggerSuffix) {
			return this.events.stream()
				.filter((event) -> event.getLevel() == Level.WARN && event.getLoggerName().endsWith(loggerSuffix))
				.map(ILoggingEvent::getFormattedMessage)
				.toList();
		}

	}

}
