package dev.project51.server.internal.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * So many permits per period for each key (a client address, a browser session): a
 * resilience4j rate limiter per key, made at the key's first request, whose permits are
 * all back at the start of each period. Keys left alone for two periods are dropped once
 * many are held (one pass a period at most), so the map stays as small as the set of
 * recently active keys.
 */
public final class KeyedRateLimiter {

	private static final int SWEEP_THRESHOLD = 10_000;

	private final String name;

	private final RateLimiterConfig config;

	private final long periodNanos;

	private final Map<String, Tracked> limiters = new ConcurrentHashMap<>();

	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

	/**
	 * Creates a limiter.
	 * @param name what it limits, the name of each key's limiter
	 * @param permits the permits per key and period, at least 1
	 * @param period the period after which every key has all its permits again
	 */
	public KeyedRateLimiter(String name, int permits, Duration period) {
		if (permits < 1) {
			throw new IllegalArgumentException("permits must be >= 1, but was " + permits);
		}
		this.name = name;
		this.periodNanos = period.toNanos();
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(permits)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.writableStackTraceEnabled(false)
			.build();
	}

	/**
	 * Takes one of a key's permits.
	 * @param key the key
	 * @return {@link Duration#ZERO} when granted, else how long until the key's next
	 * permit
	 */
	public Duration tryAcquire(String key) {
		long now = System.nanoTime();
		sweepIfMany(now);
		Tracked tracked = this.limiters.computeIfAbsent(key,
				(k) -> new Tracked(new AtomicRateLimiter(this.name, this.config)));
		tracked.used = now;
		if (tracked.limiter.acquirePermission()) {
			return Duration.ZERO;
		}
		// Refused: never zero, even when the next period has just begun.
		return Duration.ofNanos(Math.max(1, tracked.limiter.getDetailedMetrics().getNanosToWait()));
	}

	/**
	 * How long until a key has a permit, without taking one.
	 * @param key the key
	 * @return {@link Duration#ZERO} when it has one now
	 */
	public Duration waitFor(String key) {
		Tracked tracked = this.limiters.get(key);
		long nanos = (tracked != null) ? tracked.limiter.getDetailedMetrics().getNanosToWait() : 0;
		return (nanos > 0) ? Duration.ofNanos(nanos) : Duration.ZERO;
	}

	private void sweepIfMany(long now) {
		long due = this.nextSweep.get();
		if (this.limiters.size() > SWEEP_THRESHOLD && now - due >= 0
				&& this.nextSweep.compareAndSet(due, now + this.periodNanos)) {
			long idleSince = now - 2 * this.periodNanos;
			this.limiters.values().removeIf((tracked) -> tracked.used - idleSince < 0);
		}
	}

	private static final class Tracked {

		private final AtomicRateLimiter limiter;

		private volatile long used;

		Tracked(AtomicRateLimiter limiter) {
			this.limiter = limiter;
		}

	}

}
