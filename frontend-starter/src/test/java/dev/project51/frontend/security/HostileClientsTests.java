package dev.project51.frontend.security;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.project51.agent.server.testsupport.HostileSockets;
import dev.project51.agent.server.testsupport.RawHttp;
import dev.project51.agent.server.testsupport.RawHttp.Response;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.project51.agent.server.testsupport.HostileSockets.answerOrNone;
import static dev.project51.agent.server.testsupport.HostileSockets.closesWithin;
import static dev.project51.agent.server.testsupport.HostileSockets.trickle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients against a running frontend over real sockets (issue 18, items 4 to 7):
 * failed actuator authentications limited per address, slow and greedy connections,
 * foreign {@code Host} headers, {@code /error}, {@code TRACE} and {@code OPTIONS}, JSON
 * values of the wrong type, and a browser that leaves an answer. Clients that must not
 * disturb each other's limits connect from addresses of their own (127.0.0.x).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.agent.enabled=false", "project51.frontend.limits.auth-failures-per-minute=3",
				"project51.frontend.limits.header-timeout=2s", "project51.frontend.limits.body-timeout=2s",
				"project51.frontend.limits.max-connections-per-address=4",
				"project51.frontend.security.allowed-hosts=chat.example.com,*.internal.example",
				"logging.level.dev.project51.frontend.connector=DEBUG" })
class HostileClientsTests {

	private static final String TOKEN = "hostile-frontend-token-1";

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The watchdog of request heads looks once a second; sockets and threads add some.
	 */
	private static final Duration HEADROOM = Duration.ofSeconds(4);

	private static final FakeAgent agent = FakeAgents.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void agentProperties(DynamicPropertyRegistry registry) {
		registry.add("project51.frontend.agent.base-url", () -> agent.baseUrl().toString());
		registry.add("project51.frontend.agent.api-token", () -> TOKEN);
	}

	@AfterAll
	static void stopAgent() {
		agent.close();
	}

	@Test
	void failedActuatorAuthenticationsAreLimitedPerAddress() {
		String from = "127.0.0.7";
		for (int i = 0; i < 3; i++) {
			Response refused = send(from, "GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: Bearer guess-" + i + "\r\nConnection: close\r\n\r\n");
			assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
		}
		Response limited = send(from, "GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TOKEN + "\r\nConnection: close\r\n\r\n");
		assertThat(limited.status()).as("guessing goes no faster with the right token").isEqualTo(429);
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
		Response health = send(from, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(health.status()).as("probes need no token").isEqualTo(200);
		Response other = send("127.0.0.1", "GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
		assertThat(other.status()).as("other addresses are not limited").isEqualTo(200);
	}

	@Test
	void hostsOutsideTheAllowListAreRefusedAndHealthAnswersAnyHost() {
		for (String host : List.of("evil.example", "rebind.evil.example:" + this.port, "chat.example.com.evil.example",
				"internal.example", "x".repeat(5000) + ".evil.example")) {
			for (String path : List.of("/", "/api/status", "/api/conversations/c-1", "/actuator/prometheus")) {
				Response refused = send("127.0.0.1",
						"GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
				assertThat(refused.status()).as(host + " " + path + ": " + refused).isEqualTo(400);
				assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			}
		}
		for (String host : List.of("localhost", "localhost:" + this.port, "127.0.0.1:" + this.port,
				"[::1]:" + this.port, "203.0.113.7:8080", "chat.example.com", "eu.internal.example")) {
			Response page = send("127.0.0.1", "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
			assertThat(page.status()).as(host + ": " + page).isEqualTo(200);
		}
		Response probe = send("127.0.0.1",
				"GET /actuator/health HTTP/1.1\r\nHost: 10-244-0-7.pod.internal\r\nConnection: close\r\n\r\n");
		assertThat(probe.status()).isEqualTo(200);
	}

	@Test
	void aRequestHeadThatTricklesIsClosedWithinTheHeaderTimeout() throws Exception {
		try (Socket socket = raw().connect("127.0.0.1")) {
			socket.getOutputStream()
				.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
			long started = System.nanoTime();
			AtomicBoolean closed = trickle(socket, "X-Slow: 1\r\n", true);
			await().atMost(TIMEOUT.plus(HEADROOM)).until(closed::get);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(500));
		}
	}

	@Test
	void aBodyThatTricklesFailsWithinTheBodyTimeout() throws Exception {
		try (Socket socket = raw().connect("127.0.0.1")) {
			socket.getOutputStream()
				.write(("POST /api/chat/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 200\r\n\r\n{\"message\":\"")
					.getBytes(StandardCharsets.ISO_8859_1));
			long started = System.nanoTime();
			trickle(socket, "a", false);
			Response answer = RawHttp.read(socket);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plus(HEADROOM));
			assertThat(closesWithin(socket, HEADROOM)).as("the connection is closed").isTrue();
		}
	}

	@Test
	void connectionsPerAddressAreBounded() throws Exception {
		List<Socket> busy = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Socket socket = raw().connect("127.0.0.11");
				busy.add(socket);
				socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			try (Socket fifth = raw().connect("127.0.0.11")) {
				assertThat(answerOrNone(fifth)).as("a fifth connection beside four busy ones is closed unanswered")
					.isEqualTo(-1);
			}
			assertThat(
					send("127.0.0.12", "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
						.status())
				.as("other addresses are not affected")
				.isEqualTo(200);
		}
		finally {
			for (Socket socket : busy) {
				socket.close();
			}
		}
	}

	@Test
	void errorsAreProblemsWithTheRealStatus() {
		for (String path : List.of("/error", "/nope", "/api/nope")) {
			Response answer = send("127.0.0.1",
					"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(answer.status()).as(path).isEqualTo(404);
			assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
			assertThat(answer.text()).as(path)
				.contains("\"status\":404")
				.doesNotContain("\"status\":999", "Whitelabel");
		}
	}

	@Test
	void traceAndOptionsAnswerWithTheAllowedMethods() {
		Response trace = send("127.0.0.1",
				"TRACE /api/chat/stream HTTP/1.1\r\nHost: localhost\r\nX-Secret: s3cr3t\r\nConnection: close\r\n\r\n");
		assertThat(trace.status()).isEqualTo(405);
		assertThat(trace.header("Allow")).contains("POST").doesNotContain("TRACE", "GET");
		assertThat(trace.toString()).as("nothing is echoed").doesNotContain("s3cr3t");
		Response tracePage = send("127.0.0.1", "TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(tracePage.status()).isEqualTo(405);
		assertThat(tracePage.header("Allow")).contains("GET").doesNotContain("TRACE", "POST");
		Response options = send("127.0.0.1",
				"OPTIONS /api/chat/stream HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(options.status()).isEqualTo(200);
		assertThat(options.header("Allow")).contains("POST", "OPTIONS").doesNotContain("TRACE", "GET");
	}

	@Test
	void aJsonValueOfTheWrongTypeIsA400NamingTheField() {
		for (String body : List.of("{\"message\":42}", "{\"message\":true}",
				"{\"message\":\"hi\",\"conversationId\":7}", "{\"message\":[\"hi\"]}")) {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			Response answer = send("127.0.0.1",
					"POST /api/chat/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
			assertThat(answer.status()).as(body + ": " + answer).isEqualTo(400);
			String field = body.contains("conversationId") ? "conversationId" : "message";
			assertThat(answer.text()).as(body).contains("'" + field + "'", "\"field\":\"" + field + "\"");
		}
		assertThat(agent.violations()).isEmpty();
	}

	@Test
	void aBrowserThatLeavesAnAnswerCostsNoWarningAndNoStackTrace() throws Exception {
		agent.reset();
		agent.stream(Script.slow("c-leaving", Duration.ofMillis(100), 200));
		List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				events.add(event);
			}

		};
		appender.start();
		root.addAppender(appender);
		try {
			byte[] body = "{\"message\":\"Tell me everything\"}".getBytes(StandardCharsets.UTF_8);
			try (Socket socket = raw().connect("127.0.0.1")) {
				socket.getOutputStream()
					.write(("POST /api/chat/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Content-Length: " + body.length + "\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().write(body);
				assertThat(socket.getInputStream().read(new byte[256])).isPositive();
			}
			assertThat(agent.awaitStreamCancelled(Duration.ofSeconds(10))).as("the agent's stream is cancelled")
				.isTrue();
		}
		finally {
			root.detachAppender(appender);
		}
		assertThat(events).as("log events while the browser left")
			.noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.WARN) || event.getThrowableProxy() != null);
	}

	private RawHttp raw() {
		return new RawHttp(this.port);
	}

	private Response send(String from, String request) {
		return HostileSockets.send(raw(), from, request.getBytes(StandardCharsets.UTF_8));
	}

}
