package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.Locale;

/**
 * The values of a {@link FailoverPolicy}: filled (and checked) by its builder, copied
 * into each policy it builds, which never changes them again.
 */
final class PolicySettings implements Cloneable {

	int maxAttempts = FailoverPolicy.DEFAULT_MAX_ATTEMPTS;

	Duration initialBackoff = FailoverPolicy.DEFAULT_INITIAL_BACKOFF;

	double backoffMultiplier = FailoverPolicy.DEFAULT_BACKOFF_MULTIPLIER;

	Duration maxBackoff = FailoverPolicy.DEFAULT_MAX_BACKOFF;

	double jitter = FailoverPolicy.DEFAULT_JITTER;

	Duration firstTokenTimeout = FailoverPolicy.DEFAULT_FIRST_TOKEN_TIMEOUT;

	Duration idleTimeout = FailoverPolicy.DEFAULT_IDLE_TIMEOUT;

	Duration maxRetryAfter = FailoverPolicy.DEFAULT_MAX_RETRY_AFTER;

	int slidingWindowSize = FailoverPolicy.DEFAULT_SLIDING_WINDOW_SIZE;

	int minimumNumberOfCalls = FailoverPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS;

	float failureRateThreshold = FailoverPolicy.DEFAULT_FAILURE_RATE_THRESHOLD;

	Duration slowCallDurationThreshold = FailoverPolicy.DEFAULT_SLOW_CALL_DURATION_THRESHOLD;

	float slowCallRateThreshold = FailoverPolicy.DEFAULT_SLOW_CALL_RATE_THRESHOLD;

	Duration waitDurationInOpenState = FailoverPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

	/** A copy, for a policy, that later changes of the builder do not touch. */
	PolicySettings copy() {
		try {
			return (PolicySettings) clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Duration atLeastOneMilli(Duration duration, String name) {
		if (duration == null || duration.compareTo(Duration.ofMillis(1)) < 0) {
			throw new IllegalArgumentException(name + " must be a duration >= 1ms, but was " + duration);
		}
		return duration;
	}

	static float percent(float value, String name) {
		if (!(value > 0 && value <= 100)) {
			throw new IllegalArgumentException(name + " must be > 0 and <= 100, but was " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
				"[maxAttempts=%d, initialBackoff=%s, backoffMultiplier=%s, maxBackoff=%s, jitter=%s,"
						+ " firstTokenTimeout=%s, idleTimeout=%s, maxRetryAfter=%s, slidingWindowSize=%d,"
						+ " minimumNumberOfCalls=%d, failureRateThreshold=%s, slowCallDurationThreshold=%s,"
						+ " slowCallRateThreshold=%s, waitDurationInOpenState=%s]",
				this.maxAttempts, this.initialBackoff, this.backoffMultiplier, this.maxBackoff, this.jitter,
				this.firstTokenTimeout, this.idleTimeout, this.maxRetryAfter, this.slidingWindowSize,
				this.minimumNumberOfCalls, this.failureRateThreshold, this.slowCallDurationThreshold,
				this.slowCallRateThreshold, this.waitDurationInOpenState);
	}

}
