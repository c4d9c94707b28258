package dev.project51.agent.server.security.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at
 * {@code requestsPerMinute}. Idle buckets are dropped once they are full again, so the
 * map stays as small as the set of recently active clients.
 *
 * @since 0.1.0
 */
public final class ClientRateLimiter {

	private static final int SWEEP_THRESHOLD = 10_000;

	private final double capacity;

	private final double tokensPerNano;

	private final LongSupplier nanoClock;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * Creates a limiter.
	 * @param requestsPerMinute the sustained rate per client, at least 1
	 * @param burst the requests a client may send at once, at least 1
	 */
	public ClientRateLimiter(int requestsPerMinute, int burst) {
		this(requestsPerMinute, burst, System::nanoTime);
	}

	ClientRateLimiter(int requestsPerMinute, int burst, LongSupplier nanoClock) {
		if (requestsPerMinute < 1) {
			throw new IllegalArgumentException("requestsPerMinute must be >= 1, but was " + requestsPerMinute);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be >= 1, but was " + burst);
		}
		this.capacity = burst;
		this.tokensPerNano = requestsPerMinute / 60e9;
		this.nanoClock = nanoClock;
	}

	/**
	 * Takes one request from the client's budget.
	 * @param client the client key (for example its address)
	 * @return {@link Duration#ZERO} if allowed, else how long until a request is allowed
	 */
	public Duration tryAcquire(String client) {
		long now = this.nanoClock.getAsLong();
		if (this.buckets.size() > SWEEP_THRESHOLD) {
			sweep(now);
		}
		Bucket bucket = this.buckets.computeIfAbsent(client, (key) -> new Bucket(this.capacity, now));
		synchronized (bucket) {
			bucket.refill(now, this.capacity, this.tokensPerNano);
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return Duration.ZERO;
			}
			double missing = 1 - bucket.tokens;
			return Duration.ofNanos((long) Math.ceil(missing / this.tokensPerNano));
		}
	}

	private void sweep(long now) {
		this.buckets.entrySet().removeIf((entry) -> {
			Bucket bucket = entry.getValue();
			synchronized (bucket) {
				bucket.refill(now, this.capacity, this.tokensPerNano);
				return bucket.tokens >= this.capacity;
			}
		});
	}

	private static final class Bucket {

		private double tokens;

		private long updated;

		Bucket(double tokens, long updated) {
			this.tokens = tokens;
			this.updated = updated;
		}

		void refill(long now, double capacity, double tokensPerNano) {
			long elapsed = now - this.updated;
			if (elapsed > 0) {
				this.tokens = Math.min(capacity, this.tokens + elapsed * tokensPerNano);
				this.updated = now;
			}
		}

	}

}
