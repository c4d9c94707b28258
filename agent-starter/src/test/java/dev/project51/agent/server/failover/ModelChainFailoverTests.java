package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.server.testsupport.FastFailover;
import dev.project51.agent.server.testsupport.StreamCollector;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Fault;
import dev.project51.testsupport.providers.Protocol;
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
 * and a secondary provider), with faults injected into the primary. The chain runs the
 * documented faster example ({@link FastFailover}: 1.5 s first-token budget, 1 s idle,
 * probes every 0.5 s), so that budgets can be spent within a test; the same behaviours at
 * the defaults are tested end to end in reliability-tests.
 */
class ModelChainFailoverTests {

	private FakeProvider primary;

	private FakeProvider secondary;

	private SimpleMeterRegistry meters;

	private ModelChain chain;

	@BeforeAll
	static void warmUpTheHttpStack() throws Exception {
		try (FakeProvider server = FakeProvider.start(Protocol.OPENAI, "warm up")) {
			Collector collector = new Collector();
			streamingModel(server).chat(request(), collector);
			collector.done().get(10, TimeUnit.SECONDS);
		}
	}

	@BeforeEach
	void startProviders() {
		this.primary = FakeProvider.start(Protocol.OPENAI, "Answer from the primary model.");
		this.secondary = FakeProvider.start(Protocol.OPENAI, "Answer from the secondary model.");
		this.meters = new SimpleMeterRegistry();
		this.chain = chain(FastFailover.policy());
	}

	private ModelChain chain(FailoverPolicy policy) {
		return ModelChain.builder()
			.policy(policy)
			.meterRegistry(this.meters)
			.model("primary", "openai-compatible", streamingModel(this.primary))
			.model("secondary", "openai-compatible", streamingModel(this.secondary))
			.build();
	}

	/**
	 * The chain with a first-token budget of 5 s instead of 1.5 s, for tests whose
	 * primary must answer within the budget although it is slow: headroom on a loaded
	 * machine.
	 */
	private void useALongerFirstTokenBudget() {
		this.chain.close();
		this.chain = chain(FailoverPolicy.builder()
			.firstTokenTimeout(Duration.ofSeconds(5))
			.idleTimeout(FastFailover.IDLE_TIMEOUT)
			.slowCallDurationThreshold(FastFailover.SLOW_CALL_DURATION_THRESHOLD)
			.waitDurationInOpenState(FastFailover.WAIT_DURATION_IN_OPEN_STATE)
			.initialBackoff(FastFailover.INITIAL_BACKOFF)
			.build());
	}

	@AfterEach
	void stopProviders() {
		this.chain.close();
		this.primary.close();
		this.secondary.close();
	}

	private static OpenAiStreamingChatModel streamingModel(FakeProvider server) {
		return OpenAiStreamingChatModel.builder()
			.httpClientBuilder(new ProviderHttpClientBuilder())
			.baseUrl(server.baseUrl())
			.apiKey("test-key")
			.modelName("fake")
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

	private ChatResponse chat() {
		return chat(FailoverTurn.begin());
	}

	private double counter(String name, String... tags) {
		var counter = this.meters.find(FailoverMetrics.PREFIX + name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Test
	void answersBlockingCallsWithThePrimaryThroughItsStream() {
		FailoverTurn turn = FailoverTurn.begin();
		ChatResponse response = chat(turn);
		assertThat(response.aiMessage().text()).isEqualTo(this.primary.answer());
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(turn.model()).contains("primary");
		assertThat(turn.degraded()).isFalse();
		assertThat(this.primary.bodies()).singleElement()
			.satisfies((body) -> assertThat(body.path("stream").asBoolean()).as("every call streams").isTrue());
		assertThat(this.secondary.requests()).isZero();
		assertThat(counter("calls", "model", "primary", "outcome", "success")).isEqualTo(1);
		assertThat(this.chain.head().status().failing()).isFalse();
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
		assertThat(this.chain.head().status().lastError()).isEqualTo("server error (HTTP 500)");
		assertThat(this.chain.head().status().failing()).as("cleared by the success").isFalse();
	}

	@Test
	void retriesARateLimitAfterTheWaitTheProviderAskedFor() {
		useALongerFirstTokenBudget();
		this.primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1)));
		long start = System.nanoTime();
		ChatResponse response = chat();
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(this.primary.requests()).isEqualTo(2);
		assertThat(since(start)).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void aRetryAfterLongerThanTheBudgetFailsOverAtOnceAndKeepsTheModelAway() {
		this.primary.enqueue(Fault.rateLimited(Duration.ofSeconds(30)));
		long start = System.nanoTime();
		ChatResponse response = chat();
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(since(start)).as("no wait for a Retry-After the budget cannot cover")
			.isLessThan(Duration.ofSeconds(30));
		assertThat(this.primary.requests()).isEqualTo(1);
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.chain.head().status().lastError()).isEqualTo("rate limited (HTTP 429), asked to wait 30 s");
		assertThat(this.chain.head().untilNextProbe()).isGreaterThan(Duration.ofSeconds(25));
		assertThat(chat().modelName()).isEqualTo("secondary");
		assertThat(this.primary.requests()).as("no call before the provider's time").isEqualTo(1);
	}

	@Test
	void aRetryAfterAsAnHttpDateIsHonouredToo() {
		this.primary.enqueue(Fault.rateLimitedUntil(java.time.Instant.now().plusSeconds(5)));
		ChatResponse response = chat();
		assertThat(response.modelName()).as("4 to 5 s (an HTTP date has whole seconds) exceed the 1.5 s budget")
			.isEqualTo("secondary");
		assertThat(this.chain.head().status().lastError()).startsWith("rate limited (HTTP 429), asked to wait");
		assertThat(this.chain.head().untilNextProbe()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
	}

	@Test
	void failsOverToTheNextModelWhenRetriesAreExhausted() {
		this.primary.failAlways(Fault.status(500));
		FailoverTurn turn = FailoverTurn.begin();
		ChatResponse response = chat(turn);
		assertThat(response.aiMessage().text()).isEqualTo(this.secondary.answer());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(turn.degraded()).isTrue();
		assertThat(this.primary.requests()).isEqualTo(FailoverPolicy.DEFAULT_MAX_ATTEMPTS);
		assertThat(counter("failovers", "from", "primary", "to", "secondary")).isEqualTo(1);
	}

	@Test
	void aHangingPrimaryFailsOverWhenItsFirstTokenBudgetIsSpentWithoutARetry() {
		this.primary.failAlways(Fault.hangBeforeHeaders());
		long start = System.nanoTime();
		ChatResponse response = chat();
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(since(start)).as("the fallback answers once the first-token budget (1.5 s) is spent")
			.isLessThan(FastFailover.FIRST_TOKEN_TIMEOUT.plusSeconds(5));
		assertThat(this.primary.requests()).as("the budget is spent: no retry").isEqualTo(1);
		assertThat(this.chain.head().status().lastError()).isEqualTo("no first token within 1.5 s");
		assertThat(this.chain.head().status().failing()).isTrue();
		assertThat(this.chain.head().state()).as("one failure is not enough to open").isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void aStreamStalledBeforeItsFirstTokenFailsOverToo() {
		this.primary.failAlways(Fault.slowStream(Duration.ofSeconds(30), Duration.ZERO));
		ChatResponse response = chat();
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(this.chain.head().status().lastError()).isEqualTo("no first token within 1.5 s");
	}

	@Test
	void aSlowButSteadyAnswerIsNeverAbandoned() throws Exception {
		Duration gap = Duration.ofMillis(600);
		assertThat(gap).isLessThan(FastFailover.IDLE_TIMEOUT);
		this.primary.failAlways(Fault.slowStream(Duration.ofMillis(600), gap));
		long start = System.nanoTime();
		ChatResponse blocking = chat();
		assertThat(blocking.modelName()).isEqualTo("primary");
		assertThat(blocking.aiMessage().text()).isEqualTo(this.primary.answer());
		assertThat(since(start)).as("longer than the first-token budget and the idle timeout together")
			.isGreaterThan(FastFailover.FIRST_TOKEN_TIMEOUT.plus(FastFailover.IDLE_TIMEOUT));
		Collector collector = stream();
		assertThat(collector.done().get(20, TimeUnit.SECONDS).modelName()).isEqualTo("primary");
		assertThat(collector.text()).isEqualTo(this.primary.answer());
		assertThat(this.secondary.requests()).isZero();
	}

	@Test
	void aBlockingCallFailsOverWhenThePrimaryStallsInTheMiddleOfItsAnswer() {
		this.primary.failAlways(Fault.slowStream(Duration.ZERO, Duration.ofSeconds(10)));
		ChatResponse response = chat();
		assertThat(response.modelName()).as("nothing was shown yet, so the answer can move").isEqualTo("secondary");
		assertThat(response.aiMessage().text()).isEqualTo(this.secondary.answer());
		assertThat(this.chain.head().status().lastError()).isEqualTo("no token for 1 s after the answer began");
	}

	@Test
	void failsOverOnMalformedJsonWithoutRetrying() {
		this.primary.failAlways(Fault.malformedBody());
		ChatResponse response = chat(FailoverTurn.begin());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(this.primary.requests()).isEqualTo(1);
	}

	@Test
	void doesNotRetryAuthenticationErrors() {
		this.primary.failAlways(Fault.status(401));
		ChatResponse response = chat();
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(this.primary.requests()).isEqualTo(1);
		assertThat(this.chain.head().status().lastError())
			.isEqualTo("authentication failed (HTTP 401): check the API key");
	}

	@Test
	void anOpenCircuitIsProbedInTheBackgroundAndServesAgainWithoutAUserCall() {
		this.primary.failAlways(Fault.status(503));
		chat();
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.chain.head().status().failing()).isTrue();
		this.primary.resetCount();
		FailoverTurn skipped = FailoverTurn.begin();
		long start = System.nanoTime();
		assertThat(chat(skipped).modelName()).isEqualTo("secondary");
		assertThat(since(start)).as("an open circuit answers at once: the primary's first-token budget is not spent")
			.isLessThan(FastFailover.FIRST_TOKEN_TIMEOUT);
		assertThat(skipped.degraded()).isTrue();
		assertThat(this.chain.isAvailable()).isTrue();
		await().atMost(Duration.ofSeconds(3)).until(() -> this.primary.requests() > 0);
		assertThat(this.primary.bodies()).first()
			.satisfies((body) -> assertThat(body.toString()).contains("health check"));
		this.primary.heal();
		await().atMost(FastFailover.WAIT_DURATION_IN_OPEN_STATE.multipliedBy(3))
			.until(() -> this.chain.head().isAvailable());
		assertThat(this.chain.head().status().failing()).isFalse();
		FailoverTurn back = FailoverTurn.begin();
		assertThat(chat(back).modelName()).isEqualTo("primary");
		assertThat(back.degraded()).isFalse();
	}

	@Test
	void aHangingProbeDoesNotDelayTheNextOne() {
		this.primary.failAlways(Fault.hangBeforeHeaders());
		for (int i = 0; i < FailoverPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS; i++) {
			assertThat(chat().modelName()).isEqualTo("secondary");
		}
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
		int callsBefore = this.primary.requests();
		await().atMost(Duration.ofSeconds(3)).until(() -> this.primary.requests() > callsBefore);
		// A probe now hangs; the provider heals while it does.
		this.primary.heal();
		long healed = System.nanoTime();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.chain.head().isAvailable());
		assertThat(since(healed)).as("the next probe, not the end of the hanging one")
			.isLessThan(FastFailover.FIRST_TOKEN_TIMEOUT);
	}

	@Test
	void slowFirstTokensOpenTheCircuit() {
		useALongerFirstTokenBudget();
		this.primary.failAlways(Fault.slowStream(Duration.ofMillis(1200), Duration.ZERO));
		assertThat(chat().modelName()).as("slow, but within the budget").isEqualTo("primary");
		assertThat(this.chain.head().status().failing()).isTrue();
		// The time it reports is the time it measured: 1.2 s or more on a loaded machine.
		assertThat(this.chain.head().status().lastError())
			.matches("slow: first token after \\d+\\.\\d s \\(slow above 1 s\\)");
		for (int i = 1; i < FailoverPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS; i++) {
			chat();
		}
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
		assertThat(chat().modelName()).isEqualTo("secondary");
	}

	@Test
	void failedProbesKeepTheCircuitOpen() {
		this.primary.failAlways(Fault.status(500));
		chat();
		this.primary.resetCount();
		await().atMost(Duration.ofSeconds(3)).until(() -> this.primary.requests() >= 2);
		assertThat(this.chain.head().state()).isEqualTo(CircuitState.OPEN);
		assertThat(chat().modelName()).isEqualTo("secondary");
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
		ChatResponse response = collector.done().get(5, TimeUnit.SECONDS);
		assertThat(collector.text()).isEqualTo(this.primary.answer());
		assertThat(response.modelName()).isEqualTo("primary");
		assertThat(collector.turn.degraded()).isFalse();
	}

	@Test
	void streamFailsOverBeforeTheFirstTokenOnServerErrors() throws Exception {
		this.primary.failAlways(Fault.status(500));
		Collector collector = stream();
		ChatResponse response = collector.done().get(5, TimeUnit.SECONDS);
		assertThat(collector.text()).isEqualTo(this.secondary.answer());
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(collector.turn.model()).contains("secondary");
		assertThat(collector.turn.degraded()).isTrue();
		assertThat(this.primary.requests()).isEqualTo(FailoverPolicy.DEFAULT_MAX_ATTEMPTS);
	}

	@Test
	void streamFailsOverWhenTheFirstTokenIsTooSlow() throws Exception {
		this.primary.failAlways(Fault.slowStream(Duration.ofSeconds(5), Duration.ZERO));
		Collector collector = stream();
		ChatResponse response = collector.done().get(8, TimeUnit.SECONDS);
		assertThat(response.modelName()).isEqualTo("secondary");
		assertThat(collector.text()).isEqualTo(this.secondary.answer());
		assertThat(this.chain.head().status().lastError()).isEqualTo("no first token within 1.5 s");
	}

	@Test
	void streamFailsOverWhenTheConnectionDropsBeforeTheFirstToken() throws Exception {
		this.primary.failAlways(Fault.dropAfter(0));
		Collector collector = stream();
		assertThat(collector.done().get(5, TimeUnit.SECONDS).modelName()).isEqualTo("secondary");
		assertThat(collector.text()).isEqualTo(this.secondary.answer());
	}

	@Test
	void emptyAnswersCountAsFailures() throws Exception {
		this.primary.answers((body) -> "");
		assertThat(chat().modelName()).isEqualTo("secondary");
		assertThat(this.chain.head().status().lastError()).isEqualTo("empty answer (no text and no tool call)");
		Collector collector = stream();
		assertThat(collector.done().get(5, TimeUnit.SECONDS).modelName()).isEqualTo("secondary");
	}

	@Test
	void streamFailsOverOnMalformedChunks() throws Exception {
		this.primary.failAlways(Fault.malformedBody());
		Collector collector = stream();
		assertThat(collector.done().get(5, TimeUnit.SECONDS).modelName()).isEqualTo("secondary");
		assertThat(collector.text()).isEqualTo(this.secondary.answer());
	}

	@Test
	void streamEndsInterruptedWhenTheConnectionDropsAfterTheFirstToken() {
		this.primary.failAlways(Fault.dropAfter(2));
		Collector collector = stream();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> collector.done().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(ModelStreamException.class)
			.satisfies((ex) -> assertThat(((ModelStreamException) ex).isTimeout()).isFalse());
		assertThat(collector.tokens()).hasSize(2);
		assertThat(this.primary.requests()).as("no retry after the first token: %s", this.primary.bodies())
			.isEqualTo(1);
		assertThat(this.secondary.requests()).as("no failover after the first token").isZero();
		assertThat(collector.turn.model()).contains("primary");
	}

	@Test
	void streamEndsInterruptedWhenTokensStopComing() {
		this.primary.failAlways(Fault.slowStream(Duration.ZERO, Duration.ofSeconds(3)));
		Collector collector = stream();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> collector.done().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(ModelStreamException.class)
			.satisfies((ex) -> assertThat(((ModelStreamException) ex).isTimeout()).isTrue());
		assertThat(collector.tokens()).hasSize(1);
		assertThat(this.secondary.requests()).isZero();
		assertThat(this.chain.head().status().lastError()).isEqualTo("no token for 1 s after the answer began");
	}

	@Test
	void cancelledStreamDeliversNothingMore() {
		this.primary.failAlways(Fault.slowStream(Duration.ZERO, Duration.ofMillis(200)));
		Collector collector = stream();
		await().atMost(Duration.ofSeconds(3)).until(() -> !collector.tokens().isEmpty());
		collector.turn.cancel();
		int received = collector.tokens().size();
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(2))
			.until(() -> collector.tokens().size() <= received && !collector.done().isDone());
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

	/**
	 * The stream's events, and the failover turn it ran in.
	 */
	static final class Collector extends StreamCollector {

		FailoverTurn turn;

	}

}
