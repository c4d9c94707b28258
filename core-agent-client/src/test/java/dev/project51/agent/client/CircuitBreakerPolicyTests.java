package dev.project51.agent.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CircuitBreakerPolicyTests {

	@Test
	void defaultsMatchTheDocumentedValues() {
		CircuitBreakerPolicy policy = CircuitBreakerPolicy.ofDefaults();
		assertThat(policy.isEnabled()).isTrue();
		assertThat(policy.failureRateThreshold()).isEqualTo(50f);
		assertThat(policy.slidingWindowSize()).isEqualTo(10);
		assertThat(policy.minimumNumberOfCalls()).isEqualTo(5);
		assertThat(policy.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.permittedCallsInHalfOpenState()).isEqualTo(2);
	}

	@Test
	void disabledIsNotEnabledAndSaysSo() {
		assertThat(CircuitBreakerPolicy.disabled().isEnabled()).isFalse();
		assertThat(CircuitBreakerPolicy.disabled()).hasToString("CircuitBreakerPolicy[disabled]");
		assertThat(CircuitBreakerPolicy.disabled()).isNotEqualTo(CircuitBreakerPolicy.ofDefaults());
	}

	@Test
	void toBuilderRoundTrips() {
		CircuitBreakerPolicy policy = CircuitBreakerPolicy.builder()
			.slidingWindowSize(20)
			.failureRateThreshold(25)
			.build();
		assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
	}

	@Test
	void rejectsBadValuesNamingParameterAndValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreakerPolicy.builder().failureRateThreshold(0))
			.withMessage("failureRateThreshold must be a percentage > 0 and <= 100, but was 0.0");
		assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreakerPolicy.builder().slidingWindowSize(0))
			.withMessage("slidingWindowSize must be between 1 and 1000, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> CircuitBreakerPolicy.builder().minimumNumberOfCalls(-1))
			.withMessage("minimumNumberOfCalls must be >= 1, but was -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerPolicy.builder().permittedCallsInHalfOpenState(0))
			.withMessage("permittedCallsInHalfOpenState must be between 1 and 100, but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerPolicy.builder().waitDurationInOpenState(Duration.ZERO))
			.withMessageStartingWith("waitDurationInOpenState must be at least 1 ms, but was PT0S");
	}

	@Test
	void rejectsMinimumCallsAboveWindow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerPolicy.builder().slidingWindowSize(4).minimumNumberOfCalls(5).build())
			.withMessage("minimumNumberOfCalls (5) must not exceed slidingWindowSize (4): lower minimumNumberOfCalls "
					+ "or raise slidingWindowSize");
	}

}
