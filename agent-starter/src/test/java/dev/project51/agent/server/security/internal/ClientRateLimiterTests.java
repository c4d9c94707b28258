package dev.project51.agent.server.security.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientRateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	private final ClientRateLimiter limiter = new ClientRateLimiter(60, 2, this.now::get);

	@Test
	void allowsTheBurstThenTellsHowLongToWait() {
		assertThat(this.limiter.tryAcquire("a")).isZero();
		assertThat(this.limiter.tryAcquire("a")).isZero();
		assertThat(this.limiter.tryAcquire("a")).isEqualTo(Duration.ofSeconds(1));
		this.now.addAndGet(Duration.ofMillis(400).toNanos());
		assertThat(this.limiter.tryAcquire("a")).isEqualTo(Duration.ofMillis(600));
	}

	@Test
	void refillsOverTimeUpToTheBurst() {
		this.limiter.tryAcquire("a");
		this.limiter.tryAcquire("a");
		this.now.addAndGet(Duration.ofSeconds(10).toNanos());
		assertThat(this.limiter.tryAcquire("a")).isZero();
		assertThat(this.limiter.tryAcquire("a")).isZero();
		assertThat(this.limiter.tryAcquire("a")).isPositive();
	}

	@Test
	void keepsABudgetPerClient() {
		this.limiter.tryAcquire("a");
		this.limiter.tryAcquire("a");
		assertThat(this.limiter.tryAcquire("a")).isPositive();
		assertThat(this.limiter.tryAcquire("b")).isZero();
	}

	@Test
	void rejectsInvalidSettingsNamingTheParameter() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientRateLimiter(0, 1))
			.withMessage("requestsPerMinute must be >= 1, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientRateLimiter(1, 0))
			.withMessage("burst must be >= 1, but was 0");
	}

}
