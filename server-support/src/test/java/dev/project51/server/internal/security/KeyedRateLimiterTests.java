package dev.project51.server.internal.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link KeyedRateLimiter}: so many permits per key and period, and how long to wait for
 * the next one.
 */
class KeyedRateLimiterTests {

	@Test
	void grantsThePermitsOfAPeriodThenSaysHowLongToWait() {
		KeyedRateLimiter limiter = new KeyedRateLimiter("test", 3, Duration.ofMinutes(1));
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryAcquire("10.0.0.1")).as("permit %d", i + 1).isZero();
		}
		Duration wait = limiter.tryAcquire("10.0.0.1");
		assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
		assertThat(limiter.waitFor("10.0.0.1")).isPositive().isLessThanOrEqualTo(wait);
		assertThat(limiter.tryAcquire("10.0.0.2")).as("each key has its own permits").isZero();
	}

	@Test
	void askingForTheWaitTakesNoPermit() {
		KeyedRateLimiter limiter = new KeyedRateLimiter("test", 1, Duration.ofMinutes(1));
		assertThat(limiter.waitFor("never-seen")).isZero();
		assertThat(limiter.tryAcquire("a")).isZero();
		limiter.tryAcquire("b");
		assertThat(limiter.waitFor("never-seen")).isZero();
		assertThat(limiter.waitFor("a")).isPositive();
	}

	@Test
	void aKeyHasItsPermitsAgainInTheNextPeriod() {
		KeyedRateLimiter limiter = new KeyedRateLimiter("test", 1, Duration.ofMillis(200));
		assertThat(limiter.tryAcquire("a")).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> limiter.tryAcquire("a").isZero());
	}

	@Test
	void refusesAnEmptyBudget() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyedRateLimiter("test", 0, Duration.ofMinutes(1)))
			.withMessage("permits must be >= 1, but was 0");
	}

}
