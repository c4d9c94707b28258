package dev.project51.agent.server.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.agent.server.testsupport.FastFailover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static dev.project51.agent.server.autoconfigure.StartupFailures.allMessages;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code project51.agent.failover.*}: its defaults and rules are those of
 * {@link FailoverPolicy}, stated once there, and the configuration metadata shows the
 * same defaults.
 */
class FailoverPropertiesTests {

	private static final String PREFIX = "project51.agent.failover.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void theDefaultsAreThePolicyDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			FailoverPolicy bound = context.getBean(AgentProperties.class).getFailover().toPolicy();
			assertThat(bound).hasToString(FailoverPolicy.ofDefaults().toString());
		});
	}

	@Test
	void theMetadataShowsThePolicyDefaults() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.shared().readTree(in);
		}
		List<JsonNode> failover = metadata.path("properties")
			.valueStream()
			.filter((property) -> property.path("name").asString().startsWith(PREFIX))
			.toList();
		assertThat(failover).as("every failover property").hasSize(14).allSatisfy((property) -> {
			assertThat(property.path("defaultValue").isMissingNode()).as(property.toString()).isFalse();
		});
		String[] defaults = failover.stream()
			.map((property) -> property.path("name").asString() + "=" + property.path("defaultValue").asString())
			.toArray(String[]::new);
		this.runner.withPropertyValues(defaults).run((context) -> {
			assertThat(context).hasNotFailed();
			FailoverPolicy bound = context.getBean(AgentProperties.class).getFailover().toPolicy();
			assertThat(bound).as("the policy bound from the documented defaults")
				.hasToString(FailoverPolicy.ofDefaults().toString());
		});
	}

	@Test
	void theConfigurationReferenceStatesThePolicyDefaults() throws IOException {
		List<String> defaults = new ArrayList<>();
		for (String row : Files.readAllLines(Path.of("..", "docs", "agent.md"))) {
			if (!row.startsWith("| `failover.")) {
				continue;
			}
			String[] cells = row.split("\\|");
			String[] names = cells[1].replace("`", "").trim().split(",\\s*");
			String[] values = cells[2].replace("`", "").trim().split(",\\s*");
			assertThat(values).as(row).hasSameSizeAs(names);
			String group = names[0].substring(0, names[0].lastIndexOf('.') + 1);
			for (int i = 0; i < names.length; i++) {
				defaults.add("project51.agent." + ((i > 0) ? group : "") + names[i] + "=" + values[i]);
			}
		}
		assertThat(defaults).as("failover properties in docs/agent.md").hasSize(14);
		this.runner.withPropertyValues(defaults.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasNotFailed();
			FailoverPolicy bound = context.getBean(AgentProperties.class).getFailover().toPolicy();
			assertThat(bound).as("the policy bound from the documented defaults")
				.hasToString(FailoverPolicy.ofDefaults().toString());
		});
	}

	@Test
	void theFasterExampleBindsToItsPolicy() {
		this.runner.withPropertyValues(FastFailover.properties()).run((context) -> {
			FailoverPolicy bound = context.getBean(AgentProperties.class).getFailover().toPolicy();
			assertThat(bound).hasToString(FastFailover.policy().toString());
		});
	}

	@Test
	void boundValuesReachThePolicy() {
		this.runner.withPropertyValues(PREFIX + "max-attempts=5", PREFIX + "initial-backoff=50ms",
				PREFIX + "backoff-multiplier=1.5", PREFIX + "max-backoff=1s", PREFIX + "jitter=0",
				PREFIX + "first-token-timeout=8s", PREFIX + "idle-timeout=20s", PREFIX + "max-retry-after=0",
				PREFIX + "circuit-breaker.sliding-window-size=10", PREFIX + "circuit-breaker.minimum-number-of-calls=4",
				PREFIX + "circuit-breaker.failure-rate-threshold=60",
				PREFIX + "circuit-breaker.slow-call-duration-threshold=7s",
				PREFIX + "circuit-breaker.slow-call-rate-threshold=70",
				PREFIX + "circuit-breaker.wait-duration-in-open-state=9s")
			.run((context) -> {
				FailoverPolicy policy = context.getBean(AgentProperties.class).getFailover().toPolicy();
				assertThat(policy.maxAttempts()).isEqualTo(5);
				assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(50));
				assertThat(policy.backoffMultiplier()).isEqualTo(1.5);
				assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(policy.jitter()).isZero();
				assertThat(policy.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(8));
				assertThat(policy.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(policy.maxRetryAfter()).isZero();
				assertThat(policy.slidingWindowSize()).isEqualTo(10);
				assertThat(policy.minimumNumberOfCalls()).isEqualTo(4);
				assertThat(policy.failureRateThreshold()).isEqualTo(60f);
				assertThat(policy.slowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(7));
				assertThat(policy.slowCallRateThreshold()).isEqualTo(70f);
				assertThat(policy.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(9));
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					max-attempts                                | 0    | failover.maxAttempts                                | must be >= 1, but was 0
					initial-backoff                             | 0    | failover.initialBackoff                             | must be a duration >= 1ms, but was PT0S
					backoff-multiplier                          | 0.5  | failover.backoffMultiplier                          | must be >= 1, but was 0.5
					max-backoff                                 | 0    | failover.maxBackoff                                 | must be a duration >= 1ms, but was PT0S
					jitter                                      | 1    | failover.jitter                                     | must be >= 0 and < 1, but was 1.0
					jitter                                      | -0.1 | failover.jitter                                     | must be >= 0 and < 1, but was -0.1
					first-token-timeout                         | 0    | failover.firstTokenTimeout                          | must be a duration >= 1ms, but was PT0S
					idle-timeout                                | -1s  | failover.idleTimeout                                | must be a duration >= 1ms, but was PT-1S
					max-retry-after                             | -1s  | failover.maxRetryAfter                              | must be a duration >= 0, but was PT-1S
					circuit-breaker.sliding-window-size         | 0    | failover.circuitBreaker.slidingWindowSize           | must be >= 1, but was 0
					circuit-breaker.minimum-number-of-calls     | 0    | failover.circuitBreaker.minimumNumberOfCalls        | must be >= 1, but was 0
					circuit-breaker.failure-rate-threshold      | 0    | failover.circuitBreaker.failureRateThreshold        | must be > 0 and <= 100, but was 0.0
					circuit-breaker.failure-rate-threshold      | 101  | failover.circuitBreaker.failureRateThreshold        | must be > 0 and <= 100, but was 101.0
					circuit-breaker.slow-call-duration-threshold | 0   | failover.circuitBreaker.slowCallDurationThreshold   | must be a duration >= 1ms, but was PT0S
					circuit-breaker.slow-call-rate-threshold    | 0    | failover.circuitBreaker.slowCallRateThreshold       | must be > 0 and <= 100, but was 0.0
					circuit-breaker.wait-duration-in-open-state | 0    | failover.circuitBreaker.waitDurationInOpenState     | must be a duration >= 1ms, but was PT0S
					""")
	void refusesAValueThePolicyRefusesNamingTheProperty(String property, String value, String field, String message) {
		this.runner.withPropertyValues(PREFIX + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(allMessages(context.getStartupFailure()))
				.contains("Field error in object 'project51.agent' on field '" + field + "'")
				.contains(PREFIX + property + " " + message + ".");
		});
	}

	@Test
	void reportsEveryRefusedValueAtOnce() {
		this.runner
			.withPropertyValues(PREFIX + "max-attempts=0", PREFIX + "jitter=2",
					PREFIX + "circuit-breaker.wait-duration-in-open-state=0")
			.run((context) -> {
				String messages = allMessages(context.getStartupFailure());
				assertThat(messages).contains("failover.maxAttempts")
					.contains("failover.jitter")
					.contains("failover.circuitBreaker.waitDurationInOpenState");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AgentProperties.class)
	static class PropertiesOnly {

	}

}
