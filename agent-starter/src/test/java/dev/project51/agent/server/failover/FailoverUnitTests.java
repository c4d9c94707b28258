package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.List;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.project51.agent.server.failover.internal.ModelChainHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Policy validation, backoff and the readiness health of the chain.
 */
class FailoverUnitTests {

	@Test
	void policyRejectsInvalidValuesNamingTheParameter() {
		assertThatIllegalArgumentException().isThrownBy(() -> FailoverPolicy.builder().maxAttempts(0))
			.withMessage("maxAttempts must be >= 1, but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FailoverPolicy.builder().firstTokenTimeout(Duration.ofSeconds(-1)))
			.withMessage("firstTokenTimeout must be a duration >= 1ms, but was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> FailoverPolicy.builder().failureRateThreshold(0))
			.withMessage("failureRateThreshold must be > 0 and <= 100, but was 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> FailoverPolicy.builder().jitter(1))
			.withMessage("jitter must be >= 0 and < 1, but was 1.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FailoverPolicy.builder().waitDurationInOpenState(Duration.ZERO))
			.withMessageContaining("waitDurationInOpenState must be a duration >= 1ms");
	}

	@Test
	void policyRefusesASlowCallThresholdBeyondTheFirstTokenBudget() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FailoverPolicy.builder()
				.firstTokenTimeout(Duration.ofSeconds(2))
				.slowCallDurationThreshold(Duration.ofSeconds(3))
				.build())
			.withMessageContaining("slowCallDurationThreshold (PT3S) must be at most firstTokenTimeout (PT2S)");
	}

	@Test
	void defaultsHealWithinTenSeconds() {
		FailoverPolicy policy = FailoverPolicy.ofDefaults();
		assertThat(policy.firstTokenTimeout()).as("the first fallback answer comes after one budget")
			.isLessThanOrEqualTo(Duration.ofSeconds(6));
		assertThat(policy.waitDurationInOpenState()).as("a healed model is probed within this")
			.isLessThanOrEqualTo(Duration.ofSeconds(5));
		assertThat(policy.failoverPath(2)).isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void chainRejectsDuplicateNamesAndEmptyChains() {
		Broken broken = new Broken();
		assertThatIllegalArgumentException().isThrownBy(() -> ModelChain.builder().build())
			.withMessageContaining("at least one model");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ModelChain.builder()
				.inProcessModel("a", "local", broken, broken)
				.model("a", "openai", broken)
				.build())
			.withMessageContaining("'a' appears twice");
	}

	@Test
	void readinessIsDownOnlyWhenEveryCircuitIsOpen() {
		Broken broken = new Broken();
		FailoverPolicy policy = FailoverPolicy.builder()
			.maxAttempts(1)
			.slidingWindowSize(2)
			.minimumNumberOfCalls(1)
			.waitDurationInOpenState(Duration.ofMinutes(5))
			.build();
		try (ModelChain chain = ModelChain.builder()
			.policy(policy)
			.inProcessModel("only", "local", broken, broken)
			.build()) {
			ModelChainHealthIndicator indicator = new ModelChainHealthIndicator(chain);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			try {
				chain.chatModel().chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());
			}
			catch (ModelsUnavailableException ex) {
				assertThat(ex.getMessage()).contains("only (OPEN, last error: server error (HTTP 5xx))");
			}
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsKey("only");
			assertThat(chain.retryAfter()).isGreaterThan(Duration.ofMinutes(4));
		}
	}

	@Test
	void describesFailuresForPeopleWithoutProviderMessagesOrClassNames() {
		assertThat(Failures.describe(new InternalServerException("body with request details")))
			.isEqualTo("server error (HTTP 5xx)");
		assertThat(Failures.describe(new dev.langchain4j.exception.RateLimitException(
				new ProviderHttpException(429, "{\"error\": \"secret details\"}", Duration.ofSeconds(20)))))
			.isEqualTo("rate limited (HTTP 429), asked to wait 20 s");
		assertThat(Failures.describe(new ProviderHttpException(529, "overloaded", null)))
			.isEqualTo("overloaded (HTTP 529)");
		assertThat(Failures.describe(new ProviderIoException(new java.io.EOFException("EOF reached"))))
			.isEqualTo("connection broken");
		assertThat(Failures.describe(new ProviderIoException(new java.net.ConnectException("refused"))))
			.isEqualTo("connection refused");
		assertThat(Failures.describe(StreamTimeoutException.firstToken(Duration.ofSeconds(8))))
			.isEqualTo("no first token within 8 s");
		assertThat(Failures.describe(new IllegalStateException("java.lang.Foo internals")))
			.isEqualTo("unexpected error");
		assertThat(Failures.isTransient(new InternalServerException("x"))).isTrue();
		assertThat(Failures.isTransient(new IllegalStateException("x"))).isFalse();
	}

	@Test
	void readsGooglesRetryDelayFromTheErrorBodyWhenThereIsNoHeader() {
		assertThat(ProviderHttpClient.retryDelay("""
				{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
				  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3.5s"}]}}
				""")).isEqualTo(Duration.ofMillis(3500));
		assertThat(ProviderHttpClient.retryDelay("{\"error\": {\"code\": 500}}")).isNull();
		assertThat(ProviderHttpClient.retryDelay(null)).isNull();
	}

	/** A model that always fails like a provider answering 500. */
	static final class Broken implements ChatModel, StreamingChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			throw new InternalServerException("injected");
		}

		@Override
		public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
			handler.onError(new InternalServerException("injected"));
		}

		@Override
		public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
			return dev.langchain4j.model.chat.request.DefaultChatRequestParameters.EMPTY;
		}

		@Override
		public List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
			return List.of();
		}

		@Override
		public dev.langchain4j.model.ModelProvider provider() {
			return dev.langchain4j.model.ModelProvider.OTHER;
		}

		@Override
		public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
			return java.util.Set.of();
		}

	}

}
