package dev.project51.server.internal.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link KeyedRateLimiter}: so many permits per key and period, or a token bucket per
 * key, and how long to wait for the next permit.
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

	@Test
	void aTokenBucketAllowsTheBurstThenTellsHowLongToWait() {
		AtomicLong now = new AtomicLong();
		KeyedRateLimiter limiter = KeyedRateLimiter.tokenBucket(60, 2, now::get);
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofSeconds(1));
		now.addAndGet(Duration.ofMillis(400).toNanos());
		assertThat(limiter.waitFor("a")).isEqualTo(Duration.ofMillis(600));
		assertThat(limiter.tryAcquire("a")).isEqualTo(Duration.ofMillis(600));
		assertThat(limiter.tryAcquire("b")).as("each key has its own bucket").isZero();
	}

	@Test
	void aTokenBucketRefillsOverTimeUpToTheBurst() {
		AtomicLong now = new AtomicLong();
		KeyedRateLimiter limiter = KeyedRateLimiter.tokenBucket(60, 2, now::get);
		limiter.tryAcquire("a");
		limiter.tryAcquire("a");
		now.addAndGet(Duration.ofSeconds(10).toNanos());
		assertThat(limiter.waitFor("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isPositive();
	}

	@Test
	void manyKeysWhoseBudgetIsFullAgainAreDroppedButNotTheOthers() {
		AtomicLong now = new AtomicLong();
		KeyedRateLimiter limiter = KeyedRateLimiter.tokenBucket(60, 2, now::get);
		for (int i = 0; i <= 10_000; i++) {
			limiter.tryAcquire("10.0." + (i / 250) + "." + (i % 250));
		}
		now.addAndGet(Duration.ofMillis(500).toNanos());
		limiter.tryAcquire("first");
		assertThat(limiter.keys()).as("no bucket is full again yet").isEqualTo(10_002);
		now.addAndGet(Duration.ofMillis(1900).toNanos());
		limiter.tryAcquire("busy");
		limiter.tryAcquire("busy");
		assertThat(limiter.keys()).as("at most one pass per time a bucket takes to fill").isEqualTo(10_003);
		now.addAndGet(Duration.ofMillis(100).toNanos());
		limiter.tryAcquire("next");
		assertThat(limiter.keys()).as("the full buckets went; busy and next are held").isEqualTo(2);
		assertThat(limiter.tryAcquire("busy")).as("busy kept what it used").isPositive();
	}

	@Test
	void refusesAnEmptyTokenBucket() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyedRateLimiter.tokenBucket(0, 1))
			.withMessage("permitsPerMinute must be >= 1, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyedRateLimiter.tokenBucket(1, 0))
			.withMessage("burst must be >= 1, but was 0");
	}

}
