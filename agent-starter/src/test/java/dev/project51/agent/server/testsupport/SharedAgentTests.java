package dev.project51.agent.server.testsupport;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests against the {@link SharedAgent}: the running {@link #app}, an {@link #http}
 * client with its token, and an agent {@link #client} without retries or circuit breaker,
 * closed after the test class.
 */
public abstract class SharedAgentTests {

	/** The shared agent. */
	protected static AgentApp app;

	/** The agent client of the test class. */
	protected static AgentClient client;

	/** An HTTP client sending the agent's token. */
	protected static Http http;

	@BeforeAll
	static void startTheSharedAgent() {
		app = SharedAgent.get();
		client = AgentClient.builder()
			.baseUrl(app.baseUrl())
			.apiToken(SharedAgent.TOKEN)
			.retryPolicy(RetryPolicy.disabled())
			.circuitBreaker(CircuitBreakerPolicy.disabled())
			.build();
		http = new Http(app.baseUrl(), SharedAgent.TOKEN);
	}

	@AfterAll
	static void closeTheClient() {
		client.close();
	}

}
