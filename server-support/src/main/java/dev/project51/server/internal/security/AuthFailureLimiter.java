package dev.project51.server.internal.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Failed authentications per client address: each address may fail {@code perMinute}
 * times a minute (a resilience4j {@link RateLimiter} per address); once it has used them
 * up, every request of that address that needs the token is refused with 429 until the
 * next minute starts, whether its token is right or not, so guessing the token goes no
 * faster than the limit. Addresses whose budget is full again are dropped once many are
 * held, so the map stays as small as the set of recently failing clients.
 *
 * @since 0.1.0
 */
public final class AuthFailureLimiter {

	private static final int SWEEP_THRESHOLD = 10_000;

	private final RateLimiterConfig config;

	private final int perMinute;

	private final long periodNanos;

	private final ConcurrentMap<String, Address> addresses = new ConcurrentHashMap<>();

	/**
	 * Creates a limiter.
	 * @param perMinute the failed authentications per client address and minute, at least
	 * 1
	 */
	public AuthFailureLimiter(int perMinute) {
		this(perMinute, Duration.ofMinutes(1));
	}

	AuthFailureLimiter(int perPeriod, Duration period) {
		if (perPeriod < 1) {
			throw new IllegalArgumentException("perMinute must be >= 1, but was " + perPeriod);
		}
		this.perMinute = perPeriod;
		this.periodNanos = period.toNanos();
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(perPeriod)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
	}

	/**
	 * How long an address must wait before its token is checked again.
	 * @param address the client address
	 * @return {@link Duration#ZERO} when it may try, else the wait
	 */
	public Duration blockedFor(String address) {
		Address state = this.addresses.get(address);
		if (state == null || state.limiter.getMetrics().getAvailablePermissions() > 0) {
			return Duration.ZERO;
		}
		// The limiter's periods start when it was created.
		long intoPeriod = (System.nanoTime() - state.created) % this.periodNanos;
		return Duration.ofNanos(Math.max(1, this.periodNanos - intoPeriod));
	}

	/**
	 * Counts a failed authentication of an address.
	 * @param address the client address
	 * @return whether the address had failures left before this one; {@code false} means
	 * it has now used up its budget (and this failure is the first over it or later)
	 */
	public boolean recordFailure(String address) {
		if (this.addresses.size() > SWEEP_THRESHOLD) {
			sweep();
		}
		Address state = this.addresses.computeIfAbsent(address,
				(key) -> new Address(System.nanoTime(), RateLimiter.of("project51-auth-failures", this.config)));
		return state.limiter.acquirePermission();
	}

	private void sweep() {
		this.addresses.values()
			.removeIf((state) -> state.limiter.getMetrics().getAvailablePermissions() >= this.perMinute);
	}

	private record Address(long created, RateLimiter limiter) {
	}

}
