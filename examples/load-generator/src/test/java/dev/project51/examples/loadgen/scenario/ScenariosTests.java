package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.examples.loadgen.load.LoadRunner;
import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.RunResult;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The scenarios against a JDK {@code HttpServer} that answers like the agent, or fails.
 */
class ScenariosTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private FakeAgent server;

	private AgentClient agent;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeEach
	void start() throws IOException {
		this.server = FakeAgent.builder().relayPath("/api/chat/stream").start();
		this.agent = AgentClient.builder()
			.baseUrl(this.server.baseUrl())
			.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.build();
	}

	@AfterEach
	void stop() {
		this.agent.close();
		this.server.close();
	}

	@Test
	void chatIsACompleteCall() throws Exception {
		Scenario chat = Scenarios.chat(this.agent, "How do I roll back?");
		assertThat(chat.name()).isEqualTo("chat");
		assertThat(chat.endpoint()).isEqualTo("POST /api/v1/chat");
		assertThat(chat.call().streamed()).isFalse();
		assertThat(calls()).isEqualTo(1);
	}

	@Test
	void streamMeasuresTheFirstTokenThroughTheClient() throws Exception {
		this.server.stream(Script.delay(Duration.ofMillis(30), Script.answer()));
		Outcome outcome = Scenarios.stream(this.agent, "How do I roll back?").call();
		assertThat(outcome.streamed()).isTrue();
		assertThat(outcome.firstTokenNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
	}

	@Test
	void rawEventStreamsOfTheAgentAndTheFrontendAreReadAlike() throws Exception {
		for (String path : new String[] { "/api/v1/chat/stream", "/api/chat/stream" }) {
			Scenario sse = Scenarios.sse("relay", this.http, URI.create(this.server.baseUrl() + path), "t0ken",
					"a \"quoted\"\nmessage", TIMEOUT);
			assertThat(sse.endpoint()).isEqualTo("POST " + path);
			assertThat(sse.call().streamed()).isTrue();
		}
	}

	@Test
	void theFloorIsAGetThatMustAnswer200() throws Exception {
		Scenario floor = Scenarios.get("floor", this.http,
				URI.create(this.server.baseUrl() + "/actuator/health/liveness"), TIMEOUT);
		assertThat(floor.endpoint()).isEqualTo("GET /actuator/health/liveness");
		assertThat(floor.call().streamed()).isFalse();
		Scenario missing = Scenarios.get("floor", this.http, URI.create(this.server.baseUrl() + "/nothing"), TIMEOUT);
		assertThatExceptionOfType(ScenarioException.class).isThrownBy(missing::call)
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("HTTP 404"));
	}

	@Test
	void serverErrorsAreFailuresNamedByTheClientsExceptionAndStatus() {
		failAll(Script.problem(problem(500, "internal")));
		assertThat(kindOf(Scenarios.chat(this.agent, "hi"))).isEqualTo("AgentServerException (HTTP 500)");
		assertThat(kindOf(Scenarios.stream(this.agent, "hi"))).isEqualTo("AgentServerException (HTTP 500)");
		assertThat(kindOf(sse())).isEqualTo("HTTP 500");
	}

	@Test
	void rateLimitsAreFailures() {
		failAll(Script.problem(problem(429, "rate-limited")));
		assertThat(kindOf(Scenarios.chat(this.agent, "hi"))).isEqualTo("AgentRateLimitedException (HTTP 429)");
		assertThat(kindOf(sse())).isEqualTo("HTTP 429");
	}

	@Test
	void anErrorEventIsAFailure() {
		this.server.stream(Script.failAfter(problem(502, "answer-interrupted"), "Roll back "));
		assertThat(kindOf(Scenarios.stream(this.agent, "hi"))).startsWith("Agent");
		assertThat(kindOf(sse())).isEqualTo("error event");
	}

	@Test
	void aStreamBrokenOffIsAFailure() {
		this.server.stream((exchange) -> {
			exchange.startStream();
			exchange.meta("c-1", "local", false);
			exchange.token("Roll back ");
		});
		assertThat(kindOf(Scenarios.stream(this.agent, "hi"))).startsWith("Agent");
		assertThat(kindOf(sse())).isEqualTo("stream broken off");
	}

	@Test
	void anAgentThatIsGoneIsAFailureNotACrash() {
		URI gone = this.server.baseUrl();
		this.server.close();
		assertThat(kindOf(Scenarios.chat(this.agent, "hi"))).isEqualTo("AgentUnavailableException");
		assertThat(kindOf(Scenarios.get("floor", this.http, URI.create(gone + "/actuator/health/liveness"), TIMEOUT)))
			.isEqualTo("ConnectException");
	}

	@Test
	void underLoadEveryFailureIsCountedAndEverySuccessMeasured() throws InterruptedException {
		this.server.chat(Script.cycle(Script.reply(), Script.problem(problem(500, "internal"))));
		this.server.stream(Script.cycle(Script.answer(), Script.problem(problem(500, "internal"))));
		LoadRunner runner = new LoadRunner(Duration.ZERO, Duration.ofMillis(400), Duration.ofSeconds(5));
		for (Scenario scenario : new Scenario[] { Scenarios.chat(this.agent, "hi"), Scenarios.stream(this.agent, "hi"),
				sse() }) {
			int before = calls();
			RunResult result = runner.run(scenario, 4);
			// A request can also fail before the server sees it: now and then the JDK
			// client sends on a keep-alive connection the JDK server is closing (an
			// IOException). Such a failure is counted too, but only answered calls can
			// be matched to the server's count.
			long unanswered = result.errors()
				.entrySet()
				.stream()
				.filter((error) -> !error.getKey().contains("HTTP"))
				.mapToLong(Map.Entry::getValue)
				.sum();
			assertThat(unanswered).as("%s: %s", scenario.name(), result.errors()).isLessThanOrEqualTo(2);
			assertThat(result.successes() + result.failures() - unanswered)
				.as("%s: %s", scenario.name(), result.errors())
				.isEqualTo(calls() - before);
			assertThat(result.successes()).isPositive();
			assertThat(result.failures()).isBetween(result.successes() - 4, result.successes() + 4);
			assertThat(result.unfinished()).isZero();
		}
		assertThat(this.server.maxConcurrent()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aBlankMessageIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Scenarios.chat(this.agent, " "))
			.withMessage("message must not be blank");
	}

	@Test
	void messagesAreEscapedAsJsonStrings() {
		assertThat(EventStreamScenario.jsonString("a\"b\\c\nd\u0001é")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
	}

	@Test
	void escapedMessagesAreReadBackAsJsonAsTheyWere() {
		String message = "a \"quote\", a \\ backslash,\na new line\r\n, a tab\t, "
				+ "controls \u0000\u0001\b\f\u001b[31m\u001f, DEL \u007f, é, ✓ and U+2028 \u2028";
		String json = EventStreamScenario.jsonString(message);
		assertThat(JsonMapper.shared().readValue(json, String.class)).isEqualTo(message);
		assertThat(JsonMapper.shared().readTree("{\"message\":" + json + "}").get("message").asString())
			.isEqualTo(message);
	}

	@Test
	void aConnectionClosedWithoutAnAnswerIsAFailureNamedByTheJdkClientsMessage() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread closer = new Thread(() -> {
				while (!silent.isClosed()) {
					try (Socket socket = silent.accept()) {
						// as a server closing an idle keep-alive connection: a FIN, no
						// answer, and the request drained so that no reset follows
						socket.shutdownOutput();
						socket.getInputStream().transferTo(OutputStream.nullOutputStream());
					}
					catch (IOException ex) {
						// the test is over
					}
				}
			});
			closer.setDaemon(true);
			closer.start();
			URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/chat/stream");
			assertThat(kindOf(Scenarios.sse("relay", this.http, url, null, "hi", TIMEOUT)))
				.isEqualTo("IOException: HTTP/1.1 header parser received no bytes");
		}
	}

	private Scenario sse() {
		return Scenarios.sse("relay", this.http, URI.create(this.server.baseUrl() + "/api/chat/stream"), null, "hi",
				TIMEOUT);
	}

	private static String kindOf(Scenario scenario) {
		try {
			scenario.call();
		}
		catch (ScenarioException ex) {
			return ex.kind();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		return "no failure";
	}

	/**
	 * Every chat and stream request fails this way.
	 */
	private void failAll(Script failure) {
		this.server.chat(failure);
		this.server.stream(failure);
	}

	/** The chat and stream requests the agent received. */
	private int calls() {
		return (int) this.server.requests()
			.stream()
			.filter((request) -> !request.path().startsWith("/actuator/"))
			.count();
	}

	private static String problem(int status, String type) {
		return "{\"type\":\"https://project51.dev/problems/" + type + "\",\"title\":\"" + type + "\",\"status\":"
				+ status + "}";
	}

}
