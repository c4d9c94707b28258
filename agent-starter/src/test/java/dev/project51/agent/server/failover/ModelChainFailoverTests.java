package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.server.testsupport.FakeOpenAiServer;
import dev.project51.agent.server.testsupport.FakeOpenAiServer.Fault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The failover chain against two real HTTP servers speaking OpenAI's protocol (a primary
 * and a secondary provider), with faults injected into the primary.
 */
class ModelChainFailoverTests {

	private static final Duration PROVIDER_TIMEOUT = Duration.ofMillis(600);

	private FakeOpenAiServer primary;

	private FakeOpenAiServer secondary;

	private SimpleMeterRegistry meters;

	private ModelChain chain;

	@BeforeAll
	static void warmUpTheHttpStack() throws Exception {
		try (FakeOpenAiServer server = new FakeOpenAiServer("warm up")) {
			Collector collector = new Collector();
			streamingModel(server).chat(request(), collector);
			collector.done.get(10, TimeUnit.SECONDS);
			chatModel(server).chat(request());
		}
	}

	@BeforeEach
	void startProviders() {
		this.primary = new FakeOpenAiServer("Answer from the primary model.");
		this.secondary = new FakeOpenAiServer("Answer from the secondary model.");
		this.meters = new SimpleMeterRegistry();
		FailoverPolicy policy = FailoverPolicy.builder()
			.maxAttempts(2)
			.initialBackoff(Duration.ofMillis(20))
			.firstTokenTimeout(Duration.ofMillis(1500))
			.idleTimeout(Duration.ofMillis(500))
			.slidingWindowSize(4)
			.minimumNumberOfCalls(2)
			.waitDurationInOpenState(Duration.ofMillis(500))
			.permittedCallsInHalfOpenState(1)
			.build();
		this.chain = ModelChain.builder()
			.policy(policy)
			.meterRegistry(this.meters)
			.model("primary", "openai-compatible", chatModel(this.primary), streamingModel(this.primary))
			.model("secondary", "openai-compatible", chatModel(this.secondary), streamingModel(this.secondary))
			.build();
	}

	@AfterEach
	void stopProviders() {
		this.chain.close();
		this.primary.close();
		this.secondary.close();
	}

	private static OpenAiChatModel chatModel(FakeOpenAiServer server) {
		return OpenAiChatModel.builder()
			.baseUrl(server.baseUrl())
			.apiKey("test-key")
			.modelName("fake")
			.timeout(PROVIDER_TIMEOUT)
			.maxRetries(0)
			.build();
	}

	private static OpenAiStreamingChatModel streamingModel(FakeOpenAiServer server) {
		return OpenAiStreamingChatModel.builder()
			.baseUrl(server.baseUrl())
			.apiKey("test-key")
			.modelName("fake")
			.timeout(Duration.ofSeconds(10))
			.build();
	}

	private static ChatRequest request() {
		return ChatRequest.builder().messages(UserMessage.from("Hello?")).build();
	}

	private ChatResponse chat(FailoverTurn turn) {
		try (turn) {
			return this.chain.chatModel().chat(request());
		}
	}

	private double counter(String name, String... tags) {
		var counter = this.meters.find(FailoverMetrics.PREFIX + name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void answersWithThePrimaryWhenItIsHealthy() {
		FailoverTurn turn = FailoverTurn.begin();
		ChatResponse response = chat(turn);
		assertThat(response.aiMessage().text()).isEqualTo(this.primary.answer());
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(turn.model()).contains("primary");
		assertThat(turn.degraded()).isFalse();
		assertThat(this.secondary.requests()).isZero();
		assertThat(counter("calls", "model", "primary", "outcome", "success")).isEqualTo(1);
	}

	@Test
	void retriesServerErrorThenSucceedsOnTheSameModel() {
		this.primary.enqueue(Fault.status(500));
		FailoverTurn turn = FailoverTurn.begin();
		ChatResponse response = chat(turn);
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(turn.degraded()).isFalse();
		assertThat(this.primary.requests()).isEqualTo(2);
		assertThat(counter("retries", "model", "primary")).isEqualTo(1);
		assertThat(this.chain.head().status().failures()).isEqualTo(1);
		assertThat(this.chain.head().status().lastError()).isEqualTo("server error (HTTP 5xx)");
	}

	@Test
	void retriesRateLimitThenSucceeds() {
		this.primary.enqueue(Fault.status(429));
		ChatResponse response = chat(FailoverTurn.begin());
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(this.primary.requests()).isEqualTo(2);
	}

	@Test
	void failsOverToTheNextModelWhenRetriesAreExhausted() {
		this.primary.failAlways(Fault.status(500));
		FailoverTurn turn = FailoverTurn.begin();
		ChatResponse response = chat(turn);
		assertThat(response.aiMessage().text()).isEqualTo(this.secondary.answer());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(turn.degraded()).isTrue();
		assertThat(this.primary.requests()).isEqualTo(2);
		assertThat(counter("failovers", "from", "primary", "to", "secondary")).isEqualTo(1);
	}

	@Test
	void failsOverWhenThePrimaryTimesOutWithinBoundedTime() {
		this.primary.failAlways(Fault.delay(Duration.ofSeconds(5)));
		long start = System.nanoTime();
		ChatResponse response = chat(FailoverTurn.begin());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(this.chain.head().status().lastError()).isEqualTo("timed out");
		assertThat(elapsed).as("two attempts of %s each, not the provider's 5 s", PROVIDER_TIMEOUT)
			.isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void failsOverOnMalformedJsonWithoutRetrying() {
		this.primary.failAlways(Fault.malformedJson());
		ChatResponse response = chat(FailoverTurn.begin());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(this.primary.requests()).isEqualTo(1);
	}

	@Test
	void doesNotRetryAuthenticationErrors() {
		this.primary.failAlways(Fault.status(401));
		ChatResponse response = chat(FailoverTurn.begin());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(this.primary.requests()).isEqualTo(1);
		assertThat(this.chain.head().status().lastError()).startsWith("authentication failed");
	}

	@Test
	void openCircuitSkipsThePrimaryAndHalfOpenProbeBringsItBack() {
		this.primary.failAlways(Fault.status(503));
		chat(FailoverTurn.begin());
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
		this.primary.resetCount();
		FailoverTurn skipped = FailoverTurn.begin();
		assertThat(chat(skipped).modelName()).isEqualTo("secondary");
		assertThat(skipped.degraded()).isTrue();
		assertThat(this.primary.requests()).as("calls while the circuit is open").isZero();
		assertThat(this.chain.isAvailable()).isTrue();
		this.primary.heal();
		await().atMost(Duration.ofSeconds(3)).until(() -> this.chain.head().isAvailable());
		FailoverTurn probe = FailoverTurn.begin();
		assertThat(chat(probe).modelName()).isEqualTo("primary");
		assertThat(probe.degraded()).isFalse();
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void failedProbeKeepsTheCircuitOpen() {
		this.primary.failAlways(Fault.status(500));
		chat(FailoverTurn.begin());
		await().atMost(Duration.ofSeconds(3)).until(() -> this.chain.head().isAvailable());
		this.primary.resetCount();
		assertThat(chat(FailoverTurn.begin()).modelName()).isEqualTo("secondary");
		assertThat(this.primary.requests()).as("one probe, not retried").isEqualTo(1);
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void throwsModelsUnavailableWhenEveryModelFails() {
		this.primary.failAlways(Fault.status(500));
		this.secondary.failAlways(Fault.status(502));
		assertThatExceptionOfType(ModelsUnavailableException.class).isThrownBy(() -> chat(FailoverTurn.begin()))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)))
			.withMessageContaining("primary")
			.withMessageContaining("secondary");
	}

	@Test
	void streamsFromThePrimaryWhenItIsHealthy() throws Exception {
		Collector collector = stream();
		ChatResponse response = collector.done.get(5, TimeUnit.SECONDS);
		assertThat(String.join("", collector.tokens)).isEqualTo(this.primary.answer());
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(collector.turn.degraded()).isFalse();
	}

	@Test
	void streamFailsOverBeforeTheFirstTokenOnServerErrors() throws Exception {
		this.primary.failAlways(Fault.status(500));
		Collector collector = stream();
		ChatResponse response = collector.done.get(5, TimeUnit.SECONDS);
		assertThat(String.join("", collector.tokens)).isEqualTo(this.secondary.answer());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(collector.turn.model()).contains("secondary");
		assertThat(collector.turn.degraded()).isTrue();
		assertThat(this.primary.requests()).isEqualTo(2);
	}

	@Test
	void streamFailsOverWhenTheFirstTokenIsTooSlow() throws Exception {
		this.primary.failAlways(Fault.slow(Duration.ofSeconds(5), Duration.ZERO));
		Collector collector = stream();
		ChatResponse response = collector.done.get(8, TimeUnit.SECONDS);
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(String.join("", collector.tokens)).isEqualTo(this.secondary.answer());
		assertThat(this.chain.head().status().lastError()).startsWith("no first token within");
	}

	@Test
	void streamFailsOverWhenTheConnectionDropsBeforeTheFirstToken() throws Exception {
		this.primary.failAlways(Fault.dropAfter(0));
		Collector collector = stream();
		assertThat(collector.done.get(5, TimeUnit.SECONDS).modelName()).isEqualTo("secondary");
		assertThat(String.join("", collector.tokens)).isEqualTo(this.secondary.answer());
	}

	@Test
	void emptyAnswersCountAsFailures() throws Exception {
		this.primary.failAlways((server, exchange, stream, model) -> {
			if (stream) {
				exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, 0);
				exchange.getResponseBody().close();
			}
			else {
				server.sendJson(exchange, 200, server.completion(model, ""));
			}
		});
		assertThat(chat(FailoverTurn.begin()).modelName()).isEqualTo("secondary");
		assertThat(this.chain.head().status().lastError()).isEqualTo("empty answer (no text and no tool call)");
		Collector collector = stream();
		assertThat(collector.done.get(5, TimeUnit.SECONDS).modelName()).isEqualTo("secondary");
	}

	@Test
	void streamFailsOverOnMalformedChunks() throws Exception {
		this.primary.failAlways(Fault.malformedJson());
		Collector collector = stream();
		assertThat(collector.done.get(5, TimeUnit.SECONDS).modelName()).isEqualTo("secondary");
		assertThat(String.join("", collector.tokens)).isEqualTo(this.secondary.answer());
	}

	@Test
	void streamEndsWithAnErrorWhenTheConnectionDropsAfterTheFirstToken() {
		this.primary.failAlways(Fault.dropAfter(2));
		Collector collector = stream();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> collector.done.get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(ModelStreamException.class)
			.satisfies((ex) -> assertThat(((ModelStreamException) ex).isTimeout()).isFalse());
		assertThat(collector.tokens).hasSize(2);
		assertThat(this.primary.requests()).as("no retry after the first token: %s", this.primary.bodies())
			.isEqualTo(1);
		assertThat(this.secondary.requests()).as("no failover after the first token").isZero();
		assertThat(collector.turn.model()).contains("primary");
	}

	@Test
	void streamEndsWithATimeoutWhenTokensStopComing() {
		this.primary.failAlways(Fault.slow(Duration.ZERO, Duration.ofSeconds(3)));
		Collector collector = stream();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> collector.done.get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(ModelStreamException.class)
			.satisfies((ex) -> assertThat(((ModelStreamException) ex).isTimeout()).isTrue());
		assertThat(collector.tokens).hasSize(1);
		assertThat(this.secondary.requests()).isZero();
	}

	@Test
	void cancelledStreamDeliversNothingMore() throws Exception {
		this.primary.failAlways(Fault.slow(Duration.ZERO, Duration.ofMillis(200)));
		Collector collector = stream();
		await().atMost(Duration.ofSeconds(3)).until(() -> !collector.tokens.isEmpty());
		collector.turn.cancel();
		int received = collector.tokens.size();
		Thread.sleep(800);
		assertThat(collector.tokens).hasSizeLessThanOrEqualTo(received);
		assertThat(collector.done).isNotDone();
		assertThat(this.secondary.requests()).isZero();
	}

	private Collector stream() {
		Collector collector = new Collector();
		try (FailoverTurn turn = FailoverTurn.begin()) {
			collector.turn = turn;
			this.chain.streamingChatModel().chat(request(), collector);
		}
		return collector;
	}

	static final class Collector implements StreamingChatResponseHandler {

		final List<String> tokens = new CopyOnWriteArrayList<>();

		final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

		FailoverTurn turn;

		@Override
		public void onPartialResponse(String partialResponse) {
			this.tokens.add(partialResponse);
		}

		@Override
		public void onCompleteResponse(ChatResponse completeResponse) {
			this.done.complete(completeResponse);
		}

		@Override
		public void onError(Throwable error) {
			this.done.completeExceptionally(error);
		}

	}

}
