package dev.project51.agent.client;

import java.net.URI;
import java.time.Duration;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.CircuitState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AgentClientBuilderTests {

	@Test
	void buildsWithDefaults() {
		AgentClientBuilder builder = AgentClient.builder().baseUrl("http://localhost:8081");
		assertThat(builder.connectTimeout).isEqualTo(Duration.ofSeconds(2));
		assertThat(builder.requestTimeout).isEqualTo(Duration.ofSeconds(60));
		assertThat(builder.streamTimeout).isEqualTo(Duration.ofMinutes(6))
			.as("longer than the agent's, whose own timeout event then comes first")
			.isGreaterThan(AgentApi.DEFAULT_STREAM_TIMEOUT);
		assertThat(builder.firstTokenTimeout).isEqualTo(Duration.ofSeconds(30));
		assertThat(builder.idleTimeout).isEqualTo(Duration.ofSeconds(20));
		assertThat(builder.maxResponseBytes).isEqualTo(1024 * 1024);
		assertThat(builder.retryPolicy).isEqualTo(RetryPolicy.ofDefaults());
		assertThat(builder.circuitBreaker).isEqualTo(CircuitBreakerPolicy.ofDefaults());
		assertThat(builder.userAgent).startsWith("project51-agent-client/").doesNotEndWith("unknown");
		try (AgentClient client = builder.build()) {
			assertThat(client.circuitState()).isEqualTo(CircuitState.CLOSED);
		}
	}

	@Test
	void requiresBaseUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().build())
			.withMessageContaining("baseUrl is required")
			.withMessageContaining("http://localhost:8081");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:8081", "ftp://agent", "/api", "http://", "mailto:agent@example.com",
			"http://exa mple.com" })
	void rejectsUrlsThatAreNotAbsoluteHttp(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().baseUrl(url))
			.withMessageStartingWith("baseUrl must be an absolute http or https URL")
			.withMessageContaining(url);
	}

	@Test
	void rejectsUrlWithCredentialsWithoutEchoingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AgentClient.builder().baseUrl("http://user:s3cret@localhost:8081"))
			.withMessageContaining("must not contain user info")
			.withMessageContaining("pass the token separately")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void rejectsUrlWithQuery() {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().baseUrl("http://localhost?x=1"))
			.withMessageContaining("must not have a query or a fragment")
			.withMessageContaining("http://localhost?x=1");
	}

	@Test
	void normalizesTrailingSlashesAndKeepsBasePath() {
		assertThat(AgentClient.builder().baseUrl("http://localhost:8081/").baseUrl)
			.isEqualTo(URI.create("http://localhost:8081"));
		assertThat(AgentClient.builder().baseUrl(URI.create("HTTPS://agent.example.com/base//")).baseUrl)
			.isEqualTo(URI.create("https://agent.example.com/base"));
	}

	@Test
	void rejectsNullArgumentsNamingTheParameter() {
		AgentClientBuilder builder = AgentClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.baseUrl((String) null))
			.withMessageContaining("baseUrl must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(null))
			.withMessage("connectTimeout must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.retryPolicy(null))
			.withMessage("retryPolicy must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.circuitBreaker(null))
			.withMessage("circuitBreaker must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.clock(null))
			.withMessage("clock must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.transport(null))
			.withMessage("transport must not be null");
	}

	@Test
	void rejectsNonPositiveTimeoutsNamingParameterAndValue() {
		AgentClientBuilder builder = AgentClient.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ZERO))
			.withMessageStartingWith("connectTimeout must be at least 1 ms, but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.requestTimeout(Duration.ofSeconds(-1)))
			.withMessageStartingWith("requestTimeout must be at least 1 ms, but was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.streamTimeout(Duration.ofNanos(10)))
			.withMessageStartingWith("streamTimeout must be at least 1 ms");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.firstTokenTimeout(Duration.ZERO))
			.withMessageStartingWith("firstTokenTimeout must be at least 1 ms");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.idleTimeout(Duration.ofDays(2)))
			.withMessageStartingWith("idleTimeout must be at most PT24H, but was PT48H");
	}

	@Test
	void rejectsTimeoutsThatContradictEachOther() {
		AgentClientBuilder builder = AgentClient.builder()
			.baseUrl("http://localhost:8081")
			.streamTimeout(Duration.ofSeconds(10));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("firstTokenTimeout (PT30S) must not exceed streamTimeout (PT10S): lower firstTokenTimeout "
					+ "or raise streamTimeout");
		AgentClientBuilder idle = AgentClient.builder()
			.baseUrl("http://localhost:8081")
			.firstTokenTimeout(Duration.ofSeconds(5))
			.idleTimeout(Duration.ofSeconds(30))
			.streamTimeout(Duration.ofSeconds(10));
		assertThatIllegalArgumentException().isThrownBy(idle::build)
			.withMessageStartingWith("idleTimeout (PT30S) must not exceed streamTimeout (PT10S)");
		AgentClientBuilder connect = AgentClient.builder()
			.baseUrl("http://localhost:8081")
			.connectTimeout(Duration.ofSeconds(5))
			.requestTimeout(Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(connect::build)
			.withMessageStartingWith("connectTimeout (PT5S) must not exceed requestTimeout (PT1S)");
	}

	@Test
	void rejectsBlankTokenAndExplainsHowToSendNone() {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().apiToken("  "))
			.withMessageContaining("apiToken must not be blank")
			.withMessageContaining("pass null");
	}

	@Test
	void rejectsTokenWithNewlineWithoutShowingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().apiToken("s3cret-token\n"))
			.withMessageContaining("index 12")
			.withMessageContaining("value not shown")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void acceptsNullTokenAsNone() {
		assertThat(AgentClient.builder().apiToken("x").apiToken(null).apiToken).isNull();
	}

	@Test
	void rejectsOutOfRangeMaxResponseBytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().maxResponseBytes(100))
			.withMessageStartingWith(
					"maxResponseBytes must be between 1024 (1 KiB) and 268435456 (256 MiB), but was 100");
	}

	@Test
	void rejectsUserAgentWithControlCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().userAgent("app\r\nX-Evil: 1"))
			.withMessageStartingWith("userAgent must be 1 to 200 characters without control characters")
			.withMessageContaining("app??X-Evil: 1");
		assertThatIllegalArgumentException().isThrownBy(() -> AgentClient.builder().userAgent(" "))
			.withMessageStartingWith("userAgent must be 1 to 200 characters");
	}

	@Test
	void toStringNeverShowsTheToken() {
		AgentClientBuilder builder = AgentClient.builder()
			.baseUrl("http://localhost:8081")
			.apiToken("s3cret-token")
			.transport(new FakeTransport());
		assertThat(builder.toString()).contains("apiToken=(set)").doesNotContain("s3cret");
		try (AgentClient client = builder.build()) {
			assertThat(client.toString()).contains("baseUrl=http://localhost:8081")
				.contains("apiToken=(set)")
				.doesNotContain("s3cret");
		}
	}

}
