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
			.withMessage("firstTokenTimeout must be a duration >= 0, but was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> FailoverPolicy.builder().failureRateThreshold(0))
			.withMessage("failureRateThreshold must be > 0 and <= 100, but was 0.0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FailoverPolicy.builder().waitDurationInOpenState(Duration.ZERO))
			.withMessageContaining("waitDurationInOpenState must be > 0");
	}

	@Test
	void backoffGrowsExponentiallyUpToTheMaximum() {
		FailoverPolicy policy = FailoverPolicy.builder()
			.initialBackoff(Duration.ofMillis(100))
			.backoffMultiplier(3)
			.maxBackoff(Duration.ofMillis(500))
			.build();
		assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3)))
			.containsExactly(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(500));
	}

	@Test
	void chainRejectsDuplicateNamesAndEmptyChains() {
		Broken broken = new Broken();
		assertThatIllegalArgumentException().isThrownBy(() -> ModelChain.builder().build())
			.withMessageContaining("at least one model");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ModelChain.builder()
				.model("a", "local", broken, broken)
				.model("a", "local", broken, broken)
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
		try (ModelChain chain = ModelChain.builder().policy(policy).model("only", "local", broken, broken).build()) {
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
	void describesFailuresWithoutProviderMessages() {
		assertThat(Failures.describe(new InternalServerException("body with request details")))
			.isEqualTo("server error (HTTP 5xx)");
		assertThat(Failures.isTransient(new InternalServerException("x"))).isTrue();
		assertThat(Failures.isTransient(new IllegalStateException("x"))).isFalse();
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
