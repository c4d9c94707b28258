package dev.project51.agent.server.failover;

import java.time.Duration;

/**
 * How a {@link ModelChain} retries, breaks circuits and watches streams. Immutable;
 * create one with {@link #builder()} or take {@link #ofDefaults()}.
 * <p>
 * Retries happen per model call and only for transient errors (5xx, 429, timeouts, broken
 * connections); a circuit breaker per model counts every failed attempt; when a model
 * fails or its circuit is open, the next model of the chain answers. Streams fail over
 * only before their first token.
 *
 * @since 0.1.0
 */
public final class FailoverPolicy {

	/** Default number of attempts per model and call, the first one included. */
	public static final int DEFAULT_MAX_ATTEMPTS = 2;

	/** Default wait before the first retry. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

	/** Default factor applied to the backoff after each retry. */
	public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

	/** Default upper bound of a backoff. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

	/** Default time a stream may take to produce its first token. */
	public static final Duration DEFAULT_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(30);

	/** Default longest gap between two tokens of a stream. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

	/** Default number of recent calls the circuit breaker looks at. */
	public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;

	/** Default number of calls before the circuit breaker computes a failure rate. */
	public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 3;

	/** Default failure rate, in percent, that opens the circuit. */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;

	/** Default time an open circuit waits before it lets a probe through. */
	public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(30);

	/** Default number of probe calls in the half-open state. */
	public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 1;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double backoffMultiplier;

	private final Duration maxBackoff;

	private final Duration firstTokenTimeout;

	private final Duration idleTimeout;

	private final int slidingWindowSize;

	private final int minimumNumberOfCalls;

	private final float failureRateThreshold;

	private final Duration waitDurationInOpenState;

	private final int permittedCallsInHalfOpenState;

	private FailoverPolicy(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.backoffMultiplier = builder.backoffMultiplier;
		this.maxBackoff = builder.maxBackoff;
		this.firstTokenTimeout = builder.firstTokenTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.slidingWindowSize = builder.slidingWindowSize;
		this.minimumNumberOfCalls = builder.minimumNumberOfCalls;
		this.failureRateThreshold = builder.failureRateThreshold;
		this.waitDurationInOpenState = builder.waitDurationInOpenState;
		this.permittedCallsInHalfOpenState = builder.permittedCallsInHalfOpenState;
	}

	/**
	 * A policy with every default.
	 * @return the default policy
	 */
	public static FailoverPolicy ofDefaults() {
		return builder().build();
	}

	/**
	 * A builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Attempts per model and call, the first one included.
	 * @return at least 1
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * The wait before retry number {@code retry} (1 for the first retry).
	 * @param retry the retry number, at least 1
	 * @return the backoff, never more than {@link #maxBackoff()}
	 */
	public Duration backoff(int retry) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.backoffMultiplier, Math.max(0, retry - 1));
		return Duration.ofMillis((long) Math.min(millis, this.maxBackoff.toMillis()));
	}

	/**
	 * Upper bound of a backoff.
	 * @return the maximum backoff
	 */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Time a stream may take to produce its first token before the attempt counts as
	 * failed; {@link Duration#ZERO} disables the watchdog.
	 * @return the first-token timeout
	 */
	public Duration firstTokenTimeout() {
		return this.firstTokenTimeout;
	}

	/**
	 * Longest gap between two tokens of a stream; {@link Duration#ZERO} disables the
	 * watchdog.
	 * @return the idle timeout
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Number of recent calls the circuit breaker looks at.
	 * @return the window size
	 */
	public int slidingWindowSize() {
		return this.slidingWindowSize;
	}

	/**
	 * Calls needed before the failure rate is computed.
	 * @return the minimum number of calls
	 */
	public int minimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	/**
	 * Failure rate, in percent, that opens the circuit.
	 * @return the threshold
	 */
	public float failureRateThreshold() {
		return this.failureRateThreshold;
	}

	/**
	 * Time an open circuit waits before it lets a probe through.
	 * @return the wait duration
	 */
	public Duration waitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	/**
	 * Probe calls in the half-open state.
	 * @return the number of probes
	 */
	public int permittedCallsInHalfOpenState() {
		return this.permittedCallsInHalfOpenState;
	}

	@Override
	public String toString() {
		return "FailoverPolicy[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
				+ ", backoffMultiplier=" + this.backoffMultiplier + ", maxBackoff=" + this.maxBackoff
				+ ", firstTokenTimeout=" + this.firstTokenTimeout + ", idleTimeout=" + this.idleTimeout
				+ ", slidingWindowSize=" + this.slidingWindowSize + ", minimumNumberOfCalls="
				+ this.minimumNumberOfCalls + ", failureRateThreshold=" + this.failureRateThreshold
				+ ", waitDurationInOpenState=" + this.waitDurationInOpenState + ", permittedCallsInHalfOpenState="
				+ this.permittedCallsInHalfOpenState + "]";
	}

	/**
	 * Builds a {@link FailoverPolicy}; every setter validates its argument at once.
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private Duration firstTokenTimeout = DEFAULT_FIRST_TOKEN_TIMEOUT;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;

		private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;

		private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;

		private Duration waitDurationInOpenState = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

		private int permittedCallsInHalfOpenState = DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE;

		private Builder() {
		}

		/**
		 * Attempts per model and call, the first one included.
		 * @param maxAttempts at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Wait before the first retry.
		 * @param initialBackoff zero or positive
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
			return this;
		}

		/**
		 * Factor applied to the backoff after each retry.
		 * @param backoffMultiplier at least 1
		 * @return this builder
		 */
		public Builder backoffMultiplier(double backoffMultiplier) {
			if (!(backoffMultiplier >= 1.0)) {
				throw new IllegalArgumentException("backoffMultiplier must be >= 1, but was " + backoffMultiplier);
			}
			this.backoffMultiplier = backoffMultiplier;
			return this;
		}

		/**
		 * Upper bound of a backoff.
		 * @param maxBackoff zero or positive
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
			return this;
		}

		/**
		 * Time a stream may take to produce its first token; zero disables the watchdog.
		 * @param firstTokenTimeout zero or positive
		 * @return this builder
		 */
		public Builder firstTokenTimeout(Duration firstTokenTimeout) {
			this.firstTokenTimeout = notNegative(firstTokenTimeout, "firstTokenTimeout");
			return this;
		}

		/**
		 * Longest gap between two tokens; zero disables the watchdog.
		 * @param idleTimeout zero or positive
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = notNegative(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Number of recent calls the circuit breaker looks at.
		 * @param slidingWindowSize at least 1
		 * @return this builder
		 */
		public Builder slidingWindowSize(int slidingWindowSize) {
			if (slidingWindowSize < 1) {
				throw new IllegalArgumentException("slidingWindowSize must be >= 1, but was " + slidingWindowSize);
			}
			this.slidingWindowSize = slidingWindowSize;
			return this;
		}

		/**
		 * Calls needed before the failure rate is computed.
		 * @param minimumNumberOfCalls at least 1
		 * @return this builder
		 */
		public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
			if (minimumNumberOfCalls < 1) {
				throw new IllegalArgumentException(
						"minimumNumberOfCalls must be >= 1, but was " + minimumNumberOfCalls);
			}
			this.minimumNumberOfCalls = minimumNumberOfCalls;
			return this;
		}

		/**
		 * Failure rate, in percent, that opens the circuit.
		 * @param failureRateThreshold greater than 0 and at most 100
		 * @return this builder
		 */
		public Builder failureRateThreshold(float failureRateThreshold) {
			if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
				throw new IllegalArgumentException(
						"failureRateThreshold must be > 0 and <= 100, but was " + failureRateThreshold);
			}
			this.failureRateThreshold = failureRateThreshold;
			return this;
		}

		/**
		 * Time an open circuit waits before it lets a probe through.
		 * @param waitDurationInOpenState positive
		 * @return this builder
		 */
		public Builder waitDurationInOpenState(Duration waitDurationInOpenState) {
			notNegative(waitDurationInOpenState, "waitDurationInOpenState");
			if (waitDurationInOpenState.isZero()) {
				throw new IllegalArgumentException("waitDurationInOpenState must be > 0, but was PT0S");
			}
			this.waitDurationInOpenState = waitDurationInOpenState;
			return this;
		}

		/**
		 * Probe calls in the half-open state.
		 * @param permittedCallsInHalfOpenState at least 1
		 * @return this builder
		 */
		public Builder permittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			if (permittedCallsInHalfOpenState < 1) {
				throw new IllegalArgumentException(
						"permittedCallsInHalfOpenState must be >= 1, but was " + permittedCallsInHalfOpenState);
			}
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
			return this;
		}

		/**
		 * The policy.
		 * @return a new immutable policy
		 */
		public FailoverPolicy build() {
			return new FailoverPolicy(this);
		}

		private static Duration notNegative(Duration duration, String name) {
			if (duration == null || duration.isNegative()) {
				throw new IllegalArgumentException(name + " must be a duration >= 0, but was " + duration);
			}
			return duration;
		}

	}

}
