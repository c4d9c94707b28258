package dev.project51.agent.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTests {

	@Test
	void defaultsMatchTheDocumentedValues() {
		RetryPolicy policy = RetryPolicy.ofDefaults();
		assertThat(policy.maxAttempts()).isEqualTo(3);
		assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.multiplier()).isEqualTo(2.0);
		assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.jitter()).isEqualTo(0.5);
	}

	@Test
	void disabledMakesOneAttempt() {
		assertThat(RetryPolicy.disabled().maxAttempts()).isOne();
	}

	@Test
	void toBuilderRoundTrips() {
		RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).jitter(0).multiplier(1.5).build();
		assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
		assertThat(policy.toString()).contains("maxAttempts=5", "multiplier=1.5", "jitter=0.0");
	}

	@Test
	void rejectsBadValuesNamingParameterAndValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
			.withMessage("maxAttempts must be between 1 and 100 (1 disables retries), but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().multiplier(0.5))
			.withMessage("multiplier must be between 1.0 (constant delay) and 10.0, but was 0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().multiplier(Double.NaN))
			.withMessageContaining("but was NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().jitter(1.0))
			.withMessage("jitter must be >= 0.0 and < 1.0 (0 disables jitter), but was 1.0");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ZERO))
			.withMessageStartingWith("initialBackoff must be at least 1 ms, but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.builder().maxBackoff(null))
			.withMessage("maxBackoff must not be null");
	}

	@Test
	void rejectsMaxBackoffBelowInitialBackoff() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.builder()
				.initialBackoff(Duration.ofSeconds(2))
				.maxBackoff(Duration.ofSeconds(1))
				.build())
			.withMessage("maxBackoff (PT1S) must not be less than initialBackoff (PT2S): raise maxBackoff or lower "
					+ "initialBackoff");
	}

}
