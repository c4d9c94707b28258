package dev.project51.agent.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;
import dev.project51.testsupport.net.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client against a real local HTTP server that speaks the contract and injects
 * faults. Each fault test states the behaviour: which exception, how many requests the
 * server saw, and roughly how long it took (generous bounds).
 */
class AgentClientIT {

	private static final String CHAT = AgentApi.CHAT_PATH;

	private static final String MODELS = AgentApi.MODELS_PATH;

	private FakeAgent server;

	private AgentClient client;

	private long start;

	@BeforeEach
	void startServer() throws IOException {
		this.server = FakeAgent.builder().token("s3cret").models(Json.MODELS).start();
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.server.close();
	}

	private AgentClient client() {
		return client((builder) -> {
		});
	}

	private AgentClient client(Consumer<AgentClientBuilder> customizer) {
		return client(this.server.baseUrl(), customizer);
	}

	private AgentClient client(URI baseUrl, Consumer<AgentClientBuilder> customizer) {
		AgentClientBuilder builder = AgentClient.builder()
			.baseUrl(baseUrl)
			.apiToken("s3cret")
			.connectTimeout(Duration.ofSeconds(1))
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50)).jitter(0).build());
		customizer.accept(builder);
		this.client = builder.build();
		this.start = System.nanoTime();
		return this.client;
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.start);
	}

	@Test
	void chatsReadsTheConversationListsModelsAndDeletes() {
		AgentClient agent = client();
		ChatReply first = agent.chat(ChatRequest.of("Hello"));
		assertThat(first.reply()).isEqualTo("Echo: Hello");
		ChatReply second = agent.chat(ChatRequest.of(first.conversationId(), "Again"));
		assertThat(second.conversationId()).isEqualTo(first.conversationId());
		Conversation conversation = agent.conversation(first.conversationId());
		assertThat(conversation.messages()).extracting((message) -> message.text())
			.containsExactly("Hello", "Echo: Hello", "Again", "Echo: Again");
		assertThat(agent.models()).extracting((model) -> model.state())
			.containsExactly(CircuitState.OPEN, CircuitState.CLOSED);
		assertThat(agent.health().isUp()).isTrue();
		agent.deleteConversation(first.conversationId());
		agent.deleteConversation(first.conversationId());
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> agent.conversation(first.conversationId()));
		assertThat(this.server.requests().get(0).header("Authorization")).isEqualTo("Bearer s3cret");
		assertThat(this.server.requests().get(0).header("User-Agent")).startsWith("project51-agent-client/");
	}

	@Test
	void wrongTokenIsUnauthorizedAfterOneRequest() {
		this.server.requireToken("other");
		assertThatExceptionOfType(AgentUnauthorizedException.class).isThrownBy(() -> client().models())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		assertThat(this.server.count("GET", MODELS)).isOne();
	}

	@Test
	void badRequestCarriesTheProblemDetailAfterOneRequest() {
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> client().chat(ChatRequest.of("x".repeat(4001))))
			.satisfies((ex) -> assertThat(ex.problem()).hasValueSatisfying((problem) -> {
				assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
				assertThat(problem.errors()).extracting(ProblemDetail.FieldError::field).containsExactly("message");
			}));
		assertThat(this.server.count("POST", CHAT)).isOne();
	}

	@Test
	void unknownConversationIsNotFoundAfterOneRequest() {
		assertThatExceptionOfType(AgentNotFoundException.class).isThrownBy(() -> client().conversation("c-404"))
			.withMessageContaining("No conversation c-404");
		assertThat(this.server.count("GET", AgentApi.CONVERSATIONS_PATH + "c-404")).isOne();
	}

	@Test
	void error500OnChatFailsAtOnceWithoutRetry() {
		this.server.enqueue("POST", CHAT, Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "boom", null)));
		assertThatExceptionOfType(AgentServerException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.withMessageContaining("HTTP 500 Internal error: boom");
		assertThat(this.server.count("POST", CHAT)).isOne();
	}

	@Test
	void error500OnModelsIsRetriedWithBackoffThenSucceeds() {
		this.server.enqueue("GET", MODELS, Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "boom", null)),
				Script.status(502, "text/html", "<h1>Bad Gateway</h1>"));
		assertThat(client().models()).hasSize(2);
		assertThat(this.server.count("GET", MODELS)).isEqualTo(3);
		// Backoff 50 ms then 100 ms.
		assertThat(elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
	}

	@Test
	void error503WithRetryAfterOnChatIsRetriedAfterTheDelay() {
		this.server.enqueue("POST", CHAT, Script
			.problem(ProblemDetail.of(ProblemType.MODELS_UNAVAILABLE, "warming up", null), "Retry-After", "1"));
		assertThat(client().chat(ChatRequest.of("hi")).reply()).isEqualTo("Echo: hi");
		assertThat(this.server.count("POST", CHAT)).isEqualTo(2);
		assertThat(elapsed()).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void error429WithRetryAfterIsRetriedThenSucceeds() {
		this.server.enqueue("POST", CHAT,
				Script.problem(ProblemDetail.of(ProblemType.RATE_LIMITED, "slow down", null), "Retry-After", "1"));
		assertThat(client().chat(ChatRequest.of("hi")).reply()).isEqualTo("Echo: hi");
		assertThat(this.server.count("POST", CHAT)).isEqualTo(2);
		assertThat(elapsed()).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void error429WithALongRetryAfterFailsAtOnceCarryingTheDelay() {
		this.server.enqueue("POST", CHAT,
				Script.problem(ProblemDetail.of(ProblemType.RATE_LIMITED, "slow down", null), "Retry-After", "30"));
		assertThatExceptionOfType(AgentRateLimitedException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
		assertThat(this.server.count("POST", CHAT)).isOne();
		assertThat(elapsed()).as("it does not wait out the 30 s").isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void connectionDroppedWithoutAnswerOnChatIsUnavailableWithoutRetry() {
		this.server.enqueue("POST", CHAT, Script.hangUp());
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.satisfies((ex) -> assertThat(ex.isRequestNotSent()).isFalse());
		assertThat(this.server.count("POST", CHAT)).isOne();
	}

	@Test
	void connectionResetFailsChatAfterOneAttemptButIsRetriedForModels() throws IOException {
		try (RawSocketServer raw = new RawSocketServer()) {
			assertThatExceptionOfType(AgentUnavailableException.class)
				.isThrownBy(() -> client(raw.baseUrl(), (builder) -> {
				}).chat(ChatRequest.of("hi")));
			assertThat(raw.connections.get()).isOne();
			assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(this.client::models);
			// Our three attempts; the JDK HttpClient itself may retry an idempotent GET
			// once
			// more when a connection closes before the first byte of the answer.
			assertThat(raw.connections.get() - 1).isBetween(3, 6);
		}
	}

	@Test
	void connectionRefusedIsRetriedEvenForChatThenUnavailable() {
		URI closedPort = URI.create("http://127.0.0.1:" + FreePorts.one());
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(() -> client(closedPort, (builder) -> {
		}).chat(ChatRequest.of("hi")))
			.withMessageContaining("cannot connect to " + closedPort)
			.satisfies((ex) -> assertThat(ex.isRequestNotSent()).isTrue());
		// Three attempts: waits of 50 ms and 100 ms in between.
		assertThat(elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
	}

	@Test
	void slowAnswerHitsTheRequestTimeoutAfterOneRequest() {
		this.server.enqueue("POST", CHAT,
				Script.delay(Duration.ofSeconds(10), Script.status(200, "application/json", "{}")));
		assertThatExceptionOfType(AgentTimeoutException.class)
			.isThrownBy(() -> client(
					(builder) -> builder.connectTimeout(Duration.ofMillis(200)).requestTimeout(Duration.ofMillis(500)))
				.chat(ChatRequest.of("hi")))
			.withMessageContaining("requestTimeout (PT0.5S)");
		assertThat(this.server.count("POST", CHAT)).isOne();
		assertThat(elapsed()).as("ended by the 0.5 s requestTimeout, not by the agent's answer after 10 s")
			.isBetween(Duration.ofMillis(450), Duration.ofSeconds(10));
	}

	@Test
	void malformedJsonIsAProtocolErrorAfterOneRequest() {
		this.server.enqueue("GET", MODELS, Script.status(200, "application/json", "[{\"name\":"));
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> client().models())
			.withMessageContaining("not valid JSON");
		assertThat(this.server.count("GET", MODELS)).isOne();
	}

	@Test
	void wrongContentTypeIsAProtocolErrorAfterOneRequest() {
		this.server.enqueue("POST", CHAT, Script.status(200, "text/html", "<html>Sign in</html>"));
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> client().chat(ChatRequest.of("hi")))
			.withMessageContaining("Content-Type 'text/html'");
		assertThat(this.server.count("POST", CHAT)).isOne();
	}

	@Test
	void oversizedBodiesAreProtocolErrorsWithoutReadingThemWhole() {
		this.server.enqueue("POST", CHAT, Script.oversized(20 * 1024 * 1024, true),
				Script.oversized(20 * 1024 * 1024, false));
		AgentClient agent = client((builder) -> builder.maxResponseBytes(64 * 1024));
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> agent.chat(ChatRequest.of("hi")))
			.withMessageContaining("larger than the limit of 65536 bytes");
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> agent.chat(ChatRequest.of("hi")))
			.withMessageContaining("Content-Length is 20971520");
		assertThat(this.server.count("POST", CHAT)).isEqualTo(2);
	}

	@Test
	void readinessDownIsAnAnswerNotAnError() {
		this.server.enqueue("GET", AgentApi.READINESS_PATH,
				Script.status(503, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"DOWN\"}"));
		assertThat(client().health()).isEqualTo(new Health("DOWN"));
		assertThat(this.server.count("GET", AgentApi.READINESS_PATH)).isOne();
	}

	@Test
	void circuitOpensAfterRepeatedFailuresAndThenSparesTheAgent() {
		for (int i = 0; i < 4; i++) {
			this.server.enqueue("GET", MODELS, Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "boom", null)));
		}
		AgentClient agent = client((builder) -> builder.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.builder().slidingWindowSize(4).minimumNumberOfCalls(4).build()));
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(AgentServerException.class).isThrownBy(agent::models);
		}
		assertThat(agent.circuitState()).isEqualTo(CircuitState.OPEN);
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(AgentUnavailableException.class)
				.isThrownBy(() -> agent.chat(ChatRequest.of("hi")));
		}
		assertThat(this.server.count("GET", MODELS)).isEqualTo(4);
		assertThat(this.server.count("POST", CHAT)).isZero();
		assertThat(agent.health().isUp()).isTrue();
	}

	@Test
	void isSafeToShareBetweenThreads() throws Exception {
		AgentClient agent = client();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<ChatReply>> replies = new ArrayList<>();
			for (int i = 0; i < 80; i++) {
				String message = "m" + i;
				replies.add(pool.submit((Callable<ChatReply>) () -> agent.chat(ChatRequest.of(message))));
			}
			for (int i = 0; i < replies.size(); i++) {
				assertThat(replies.get(i).get().reply()).isEqualTo("Echo: m" + i);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.server.count("POST", CHAT)).isEqualTo(80);
	}

}
