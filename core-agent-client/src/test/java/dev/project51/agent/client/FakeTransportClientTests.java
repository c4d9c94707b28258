package dev.project51.agent.client;

import java.time.Instant;
import java.util.function.Consumer;

import dev.project51.testsupport.time.MutableClock;

import org.junit.jupiter.api.AfterEach;

/**
 * Tests of a client on a {@link FakeTransport}, a clock the test moves and a sleeper that
 * only records, without circuit breaker unless a test asks for one.
 */
abstract class FakeTransportClientTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	final RecordingSleeper sleeper = new RecordingSleeper(this.clock);

	final FakeTransport transport = new FakeTransport();

	/** The client that {@link #client(Consumer)} built last, closed after each test. */
	AgentClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

	AgentClient client() {
		return client((builder) -> {
		});
	}

	AgentClient client(Consumer<AgentClientBuilder> customizer) {
		AgentClientBuilder builder = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.clock(this.clock)
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.sleeper(this.sleeper);
		customizer.accept(builder);
		this.client = builder.build();
		return this.client;
	}

}
