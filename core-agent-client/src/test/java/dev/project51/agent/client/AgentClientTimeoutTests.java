package dev.project51.agent.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The watchdog of blocking calls, with a fake transport whose answers never come: the
 * call must end on time and the exchange must really be aborted. Real (short) time.
 */
class AgentClientTimeoutTests {

	private final FakeTransport transport = new FakeTransport();

	private AgentClient client;

	@AfterEach
	void close() {
		this.client.close();
	}

	private AgentClient client(Duration requestTimeout, RetryPolicy retryPolicy) {
		this.client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.connectTimeout(Duration.ofMillis(100))
			.requestTimeout(requestTimeout)
			.retryPolicy(retryPolicy)
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.build();
		return this.client;
	}

	@Test
	void abortsAnExchangeWhoseHeadersNeverCome() {
		this.transport.hang();
		long start = System.nanoTime();
		assertThatExceptionOfType(AgentTimeoutException.class)
			.isThrownBy(() -> client(Duration.ofMillis(300), RetryPolicy.ofDefaults()).chat(ChatRequest.of("hi")))
			.withMessage("POST /api/v1/chat: no complete answer within requestTimeout (PT0.3S); exchange closed");
		// Not before the requestTimeout; the transport never answers, so the timeout
		// ended it
		// (the message says so).
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(this.transport.futures.get(0)).isCancelled();
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void abortsAnExchangeWhoseBodyNeverEnds() {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push("{\"conversationId\":");
		this.transport.then((request) -> java.util.concurrent.CompletableFuture
			.completedFuture(new FakeTransport.FakeResponse(200, "application/json", body)));
		assertThatExceptionOfType(AgentTimeoutException.class)
			.isThrownBy(() -> client(Duration.ofMillis(300), RetryPolicy.disabled()).chat(ChatRequest.of("hi")));
		assertThat(body.isAborted()).as("the body never ends: the timeout ended the call").isTrue();
	}

	@Test
	void theTimeLimitCoversRetriesAndBackoff() {
		for (int i = 0; i < 20; i++) {
			this.transport.problem(500, "internal", "Internal error", "boom");
		}
		RetryPolicy everyTwoHundredMillis = RetryPolicy.builder()
			.maxAttempts(20)
			.initialBackoff(Duration.ofMillis(200))
			.multiplier(1)
			.jitter(0)
			.build();
		assertThatExceptionOfType(AgentServerException.class)
			.isThrownBy(() -> client(Duration.ofMillis(700), everyTwoHundredMillis).models());
		// Attempts at about 0, 200, 400 ms; one at 600 ms only if the machine is fast;
		// none after 700 ms.
		// Without the limit there would be 20 attempts over about 4 s.
		assertThat(this.transport.count()).isBetween(2, 4);
	}

	@Test
	void aTimedOutIdempotentCallIsNotRetriedPastItsTimeLimit() {
		this.transport.hang().hang().hang();
		assertThatExceptionOfType(AgentTimeoutException.class)
			.isThrownBy(() -> client(Duration.ofMillis(300), RetryPolicy.ofDefaults()).models());
		assertThat(this.transport.count()).isOne();
	}

}
