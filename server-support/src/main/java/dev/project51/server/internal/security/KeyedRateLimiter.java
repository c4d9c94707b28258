package dev.project51.server.internal.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * A budget of requests for each key (a client address, a browser session, an end user),
 * made at the key's first request, in one of two kinds:
 * <ul>
 * <li>{@linkplain #KeyedRateLimiter(String, int, Duration) so many per period}: a
 * resilience4j rate limiter per key, whose permits are all back at the start of each
 * period;</li>
 * <li>{@linkplain #tokenBucket(int, int) a token bucket}: a burst at once, refilled
 * steadily at a rate per minute.</li>
 * </ul>
 * Once many keys are held, the keys whose budget is full again are dropped (one pass at
 * most per time a budget takes to fill), so the map stays as small as the set of recently
 * active keys.
 */
public final class KeyedRateLimiter {

	private static final int SWEEP_THRESHOLD = 10_000;

	private final LongFunction<Budget> budgets;

	private final long sweepIntervalNanos;

	private final LongSupplier nanoClock;

	private final Map<String, Budget> held = new ConcurrentHashMap<>();

	private final AtomicLong nextSweep;

	/**
	 * Creates a limiter of so many permits per key and period.
	 * @param name what it limits, the name of each key's limiter
	 * @param permits the permits per key and period, at least 1
	 * @param period the period after which every key has all its permits again
	 */
	public KeyedRateLimiter(String name, int permits, Duration period) {
		this(periodBudgets(name, atLeastOne("permits", permits), period), period.toNanos(), System::nanoTime);
	}

	private KeyedRateLimiter(LongFunction<Budget> budgets, long sweepIntervalNanos, LongSupplier nanoClock) {
		this.budgets = budgets;
		this.sweepIntervalNanos = sweepIntervalNanos;
		this.nanoClock = nanoClock;
		this.nextSweep = new AtomicLong(nanoClock.getAsLong());
	}

	/**
	 * Creates a limiter of a token bucket per key: {@code burst} requests at once,
	 * refilled at {@code permitsPerMinute}.
	 * @param permitsPerMinute the sustained rate per key, at least 1
	 * @param burst the requests a key may send at once, at least 1
	 * @return the limiter
	 */
	public static KeyedRateLimiter tokenBucket(int permitsPerMinute, int burst) {
		return tokenBucket(permitsPerMinute, burst, System::nanoTime);
	}

	static KeyedRateLimiter tokenBucket(int permitsPerMinute, int burst, LongSupplier nanoClock) {
		double tokensPerNano = atLeastOne("permitsPerMinute", permitsPerMinute) / 60e9;
		double capacity = atLeastOne("burst", burst);
		return new KeyedRateLimiter((now) -> new TokenBucket(capacity, tokensPerNano, now),
				(long) Math.ceil(capacity / tokensPerNano), nanoClock);
	}

	/**
	 * Takes one of a key's permits.
	 * @param key the key
	 * @return {@link Duration#ZERO} when granted, else how long until the key's next
	 * permit (never zero)
	 */
	public Duration tryAcquire(String key) {
		long now = this.nanoClock.getAsLong();
		sweepIfMany(now);
		return this.held.computeIfAbsent(key, (k) -> this.budgets.apply(now)).take(now);
	}

	/**
	 * How long until a key has a permit, without taking one.
	 * @param key the key
	 * @return {@link Duration#ZERO} when it has one now
	 */
	public Duration waitFor(String key) {
		Budget budget = this.held.get(key);
		return (budget != null) ? budget.waitFor(this.nanoClock.getAsLong()) : Duration.ZERO;
	}

	/** The keys held, for tests. */
	int keys() {
		return this.held.size();
	}

	private void sweepIfMany(long now) {
		long due = this.nextSweep.get();
		if (this.held.size() > SWEEP_THRESHOLD && now - due >= 0
				&& this.nextSweep.compareAndSet(due, now + this.sweepIntervalNanos)) {
			this.held.values().removeIf((budget) -> budget.full(now));
		}
	}

	private static int atLeastOne(String parameter, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(parameter + " must be >= 1, but was " + value);
		}
		return value;
	}

	private static LongFunction<Budget> periodBudgets(String name, int permits, Duration period) {
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(permits)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.writableStackTraceEnabled(false)
			.build();
		long periodNanos = period.toNanos();
		return (now) -> new PeriodBudget(new AtomicRateLimiter(name, config), periodNanos, now);
	}

	/** A key's requests, as far as its limit is concerned. */
	private interface Budget {

		Duration take(long now);

		Duration waitFor(long now);

		/** Whether the key may be forgotten: a new budget would be the same. */
		boolean full(long now);

	}

	private static final class PeriodBudget implements Budget {

		private final AtomicRateLimiter limiter;

		private final long periodNanos;

		private volatile long used;

		PeriodBudget(AtomicRateLimiter limiter, long periodNanos, long now) {
			this.limiter = limiter;
			this.periodNanos = periodNanos;
			this.used = now;
		}

		@Override
		public Duration take(long now) {
			this.used = now;
			if (this.limiter.acquirePermission()) {
				return Duration.ZERO;
			}
			// Refused: never zero, even when the next period has just begun.
			return Duration.ofNanos(Math.max(1, this.limiter.getDetailedMetrics().getNanosToWait()));
		}

		@Override
		public Duration waitFor(long now) {
			long nanos = this.limiter.getDetailedMetrics().getNanosToWait();
			return (nanos > 0) ? Duration.ofNanos(nanos) : Duration.ZERO;
		}

		@Override
		public boolean full(long now) {
			// Left alone for two periods: its permits are all back.
			return this.used - (now - 2 * this.periodNanos) < 0;
		}

	}

	private static final class TokenBucket implements Budget {

		private final double capacity;

		private final double tokensPerNano;

		private double tokens;

		private long updated;

		TokenBucket(double capacity, double tokensPerNano, long now) {
			this.capacity = capacity;
			this.tokensPerNano = tokensPerNano;
			this.tokens = capacity;
			this.updated = now;
		}

		@Override
		public synchronized Duration take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Duration.ZERO;
			}
			return untilOneToken();
		}

		@Override
		public synchronized Duration waitFor(long now) {
			refill(now);
			return (this.tokens >= 1) ? Duration.ZERO : untilOneToken();
		}

		@Override
		public synchronized boolean full(long now) {
			refill(now);
			return this.tokens >= this.capacity;
		}

		private Duration untilOneToken() {
			return Duration.ofNanos((long) Math.ceil((1 - this.tokens) / this.tokensPerNano));
		}

		private void refill(long now) {
			long elapsed = now - this.updated;
			if (elapsed > 0) {
				this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerNano);
				this.updated = now;
			}
		}

	}

}
