package dev.project51.frontend.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.project51.agent.client.AgentClientBuilder;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code project51.frontend.agent.*}: the defaults of the agent client's settings are the
 * client's own ({@link AgentClientBuilder}, {@link RetryPolicy},
 * {@link CircuitBreakerPolicy}), stated once there, and the configuration metadata shows
 * the same values.
 */
class AgentClientPropertiesTests {

	private static final String PREFIX = "project51.frontend.agent.";

	@Test
	void theDefaultsAreTheClientDefaults() {
		FrontendAgentProperties agent = new FrontendProperties().getAgent();
		assertThat(agent.getConnectTimeout()).isEqualTo(AgentClientBuilder.DEFAULT_CONNECT_TIMEOUT);
		assertThat(agent.getFirstTokenTimeout()).isEqualTo(AgentClientBuilder.DEFAULT_FIRST_TOKEN_TIMEOUT);
		assertThat(agent.getIdleTimeout()).isEqualTo(AgentClientBuilder.DEFAULT_IDLE_TIMEOUT);
		assertThat(agent.getRetry().toPolicy()).isEqualTo(RetryPolicy.ofDefaults());
		assertThat(agent.getCircuitBreaker().toPolicy()).isEqualTo(CircuitBreakerPolicy.ofDefaults());
	}

	@Test
	void theMetadataShowsTheClientDefaults() throws IOException {
		Map<String, JsonNode> defaults = new HashMap<>();
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			JsonMapper.shared()
				.readTree(in)
				.path("properties")
				.forEach((property) -> defaults.put(property.path("name").asString(), property.path("defaultValue")));
		}
		assertThat(duration(defaults, "connect-timeout")).isEqualTo(AgentClientBuilder.DEFAULT_CONNECT_TIMEOUT);
		assertThat(duration(defaults, "first-token-timeout")).isEqualTo(AgentClientBuilder.DEFAULT_FIRST_TOKEN_TIMEOUT);
		assertThat(duration(defaults, "idle-timeout")).isEqualTo(AgentClientBuilder.DEFAULT_IDLE_TIMEOUT);
		assertThat(defaults.get(PREFIX + "retry.max-attempts").asInt()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
		assertThat(duration(defaults, "retry.initial-backoff")).isEqualTo(RetryPolicy.DEFAULT_INITIAL_BACKOFF);
		assertThat(duration(defaults, "retry.max-backoff")).isEqualTo(RetryPolicy.DEFAULT_MAX_BACKOFF);
		assertThat(defaults.get(PREFIX + "circuit-breaker.failure-rate-threshold").floatValue())
			.isEqualTo(CircuitBreakerPolicy.DEFAULT_FAILURE_RATE_THRESHOLD);
		assertThat(defaults.get(PREFIX + "circuit-breaker.sliding-window-size").asInt())
			.isEqualTo(CircuitBreakerPolicy.DEFAULT_SLIDING_WINDOW_SIZE);
		assertThat(defaults.get(PREFIX + "circuit-breaker.minimum-number-of-calls").asInt())
			.isEqualTo(CircuitBreakerPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS);
		assertThat(duration(defaults, "circuit-breaker.wait-duration-in-open-state"))
			.isEqualTo(CircuitBreakerPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE);
	}

	private static Duration duration(Map<String, JsonNode> defaults, String property) {
		JsonNode value = defaults.get(PREFIX + property);
		assertThat(value).as(PREFIX + property).isNotNull();
		return ApplicationConversionService.getSharedInstance().convert(value.asString(), Duration.class);
	}

}
