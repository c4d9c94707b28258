package dev.project51.server.internal.logging;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;

/**
 * Warnings that a client can cause at will (a wrong token, a foreign {@code Host}, a
 * cross-site request) logged at most a few times per period and kind: the rest are
 * counted, and the next line that is logged says how many were left out. A flood of bad
 * requests therefore costs a few lines a minute, and the first of each kind is always
 * seen. The kinds are fixed strings of the code, never values from requests.
 *
 * @since 0.1.0
 */
public final class ThrottledLog {

	private final Logger logger;

	private final RateLimiterConfig config;

	private final ConcurrentMap<String, Kind> kinds = new ConcurrentHashMap<>();

	/**
	 * A log writing at most {@code linesPerPeriod} warnings of each kind per period.
	 * @param logger the logger
	 * @param linesPerPeriod the lines per kind and period, at least 1
	 * @param period the period
	 */
	public ThrottledLog(Logger logger, int linesPerPeriod, Duration period) {
		if (linesPerPeriod < 1) {
			throw new IllegalArgumentException("linesPerPeriod must be >= 1, but was " + linesPerPeriod);
		}
		this.logger = logger;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(linesPerPeriod)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
	}

	/**
	 * A log writing at most 3 warnings of each kind per minute.
	 * @param logger the logger
	 * @return the log
	 */
	public static ThrottledLog perMinute(Logger logger) {
		return new ThrottledLog(logger, 3, Duration.ofMinutes(1));
	}

	/**
	 * Logs a warning unless too many of its kind were logged in this period. Arguments
	 * taken from requests must be sanitized with {@link LogValues} by the caller.
	 * @param kind the kind, a constant of the calling code
	 * @param format the SLF4J message format
	 * @param arguments the arguments
	 * @return whether the line was logged
	 */
	public boolean warn(String kind, String format, Object... arguments) {
		if (!this.logger.isWarnEnabled()) {
			return false;
		}
		Kind state = this.kinds.computeIfAbsent(kind,
				(name) -> new Kind(RateLimiter.of("project51-log-" + name, this.config)));
		if (!state.limiter.acquirePermission()) {
			state.suppressed.incrementAndGet();
			return false;
		}
		long suppressed = state.suppressed.getAndSet(0);
		if (suppressed > 0) {
			this.logger.warn(format + " (" + suppressed + " more like it were not logged since the last one)",
					arguments);
		}
		else {
			this.logger.warn(format, arguments);
		}
		return true;
	}

	/**
	 * How many warnings of a kind were left out since the last one logged.
	 * @param kind the kind
	 * @return the count
	 */
	public long suppressed(String kind) {
		Kind state = this.kinds.get(kind);
		return (state != null) ? state.suppressed.get() : 0;
	}

	private record Kind(RateLimiter limiter, AtomicLong suppressed) {

		Kind(RateLimiter limiter) {
			this(limiter, new AtomicLong());
		}

	}

}
