package dev.project51.agent.server.failover;

import java.time.Duration;

/**
 * How a {@link ModelChain} retries, watches and cuts off its models. Immutable; create
 * one with {@link #builder()} or take {@link #ofDefaults()}.
 * <p>
 * Every model call streams, blocking ones included, so that a slow model that keeps
 * sending is never mistaken for a dead one:
 * <ul>
 * <li>each model gets a <em>first-token budget</em>: from the first attempt to its first
 * token, connecting, retries and their backoff included. When the budget is spent the
 * call moves to the next model of the chain; a retry that could not finish within the
 * budget is not made;</li>
 * <li>retries happen only for transient failures (5xx, 408, 429, broken connections),
 * with jittered exponential backoff, or after the provider's {@code Retry-After} when it
 * fits in the budget; a longer {@code Retry-After} (up to {@link #maxRetryAfter()}) keeps
 * the model's circuit open that long instead;</li>
 * <li>after the first token, a model silent for longer than the idle timeout ends the
 * answer as interrupted (it cannot move to another model once the user has seen part of
 * it);</li>
 * <li>a circuit breaker per model counts failed calls and calls whose first token came
 * later than the slow-call threshold; when it opens, the model gets no calls and is
 * probed in the background every {@link #waitDurationInOpenState()}, and serves again as
 * soon as a probe answers in time.</li>
 * </ul>
 * <p>
 * The {@code DEFAULT_*} constants are the only statement of the defaults, and the
 * builder's checks the only rules of the values: the agent's
 * {@code project51.agent.failover.*} properties start from these constants and are
 * validated by this builder.
 *
 * @since 0.1.0
 */
public final class FailoverPolicy {

	/** Default number of attempts per model and call, the first one included. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default wait before the first retry (before jitter). */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

	/** Default factor applied to the backoff after each retry. */
	public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

	/** Default upper bound of a backoff. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

	/**
	 * Default randomization of a backoff: each wait is within ±50 % of its nominal value.
	 */
	public static final double DEFAULT_JITTER = 0.5;

	/** Default first-token budget of a model. */
	public static final Duration DEFAULT_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(6);

	/** Default longest silence of a model after its first token. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(15);

	/** Default longest {@code Retry-After} of a provider that is honoured. */
	public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

	/** Default number of recent calls the circuit breaker looks at. */
	public static final int DEFAULT_SLIDING_WINDOW_SIZE = 5;

	/** Default number of calls before the circuit breaker computes its rates. */
	public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 3;

	/** Default failure rate, in percent, that opens the circuit. */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;

	/** Default time to the first token above which a call counts as slow. */
	public static final Duration DEFAULT_SLOW_CALL_DURATION_THRESHOLD = Duration.ofSeconds(4);

	/** Default rate of slow calls, in percent, that opens the circuit. */
	public static final float DEFAULT_SLOW_CALL_RATE_THRESHOLD = 50f;

	/** Default interval of the background probes of an open circuit. */
	public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(5);

	private final PolicySettings settings;

	private FailoverPolicy(Builder builder) {
		this.settings = builder.settings.copy();
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
		return this.settings.maxAttempts;
	}

	/**
	 * Nominal wait before the first retry.
	 * @return the initial backoff
	 */
	public Duration initialBackoff() {
		return this.settings.initialBackoff;
	}

	/**
	 * Factor applied to the backoff after each retry.
	 * @return at least 1
	 */
	public double backoffMultiplier() {
		return this.settings.backoffMultiplier;
	}

	/**
	 * Upper bound of a backoff.
	 * @return the maximum backoff
	 */
	public Duration maxBackoff() {
		return this.settings.maxBackoff;
	}

	/**
	 * Randomization of each backoff, as a fraction of it.
	 * @return between 0 (none) and 1 (exclusive)
	 */
	public double jitter() {
		return this.settings.jitter;
	}

	/**
	 * A model's first-token budget: from its first attempt to its first token, retries
	 * included.
	 * @return the first-token timeout
	 */
	public Duration firstTokenTimeout() {
		return this.settings.firstTokenTimeout;
	}

	/**
	 * Longest silence of a model between two tokens once it has started answering.
	 * @return the idle timeout
	 */
	public Duration idleTimeout() {
		return this.settings.idleTimeout;
	}

	/**
	 * Longest {@code Retry-After} of a provider that is honoured; longer ones are cut to
	 * this.
	 * @return the cap
	 */
	public Duration maxRetryAfter() {
		return this.settings.maxRetryAfter;
	}

	/**
	 * Number of recent calls the circuit breaker looks at.
	 * @return the window size
	 */
	public int slidingWindowSize() {
		return this.settings.slidingWindowSize;
	}

	/**
	 * Calls needed before the failure and slow-call rates are computed.
	 * @return the minimum number of calls
	 */
	public int minimumNumberOfCalls() {
		return this.settings.minimumNumberOfCalls;
	}

	/**
	 * Failure rate, in percent, that opens the circuit.
	 * @return the threshold
	 */
	public float failureRateThreshold() {
		return this.settings.failureRateThreshold;
	}

	/**
	 * Time to the first token above which a call counts as slow.
	 * @return the threshold, at most the first-token timeout
	 */
	public Duration slowCallDurationThreshold() {
		return this.settings.slowCallDurationThreshold;
	}

	/**
	 * Rate of slow calls, in percent, that opens the circuit.
	 * @return the threshold
	 */
	public float slowCallRateThreshold() {
		return this.settings.slowCallRateThreshold;
	}

	/**
	 * Interval of the background probes while a circuit is open.
	 * @return the wait duration
	 */
	public Duration waitDurationInOpenState() {
		return this.settings.waitDurationInOpenState;
	}

	/**
	 * The longest a call can take before the answer starts when every one of
	 * {@code remoteModels} models spends its whole first-token budget: the time after
	 * which the last model of the chain (the in-process local model) is asked.
	 * @param remoteModels the number of models before the last one
	 * @return the failover path's length
	 */
	public Duration failoverPath(int remoteModels) {
		return this.settings.firstTokenTimeout.multipliedBy(Math.max(0, remoteModels));
	}

	@Override
	public String toString() {
		return "FailoverPolicy" + this.settings;
	}

	/**
	 * Builds a {@link FailoverPolicy}; every setter validates its argument at once, and
	 * {@link #build()} checks that the settings fit together.
	 */
	public static final class Builder {

		private final PolicySettings settings = new PolicySettings();

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
			this.settings.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Nominal wait before the first retry.
		 * @param initialBackoff at least 1 ms
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.settings.initialBackoff = PolicySettings.atLeastOneMilli(initialBackoff, "initialBackoff");
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
			this.settings.backoffMultiplier = backoffMultiplier;
			return this;
		}

		/**
		 * Upper bound of a backoff.
		 * @param maxBackoff at least 1 ms
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.settings.maxBackoff = PolicySettings.atLeastOneMilli(maxBackoff, "maxBackoff");
			return this;
		}

		/**
		 * Randomization of each backoff, as a fraction of it (0.5: within ±50 %).
		 * @param jitter at least 0 and less than 1
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			if (!(jitter >= 0 && jitter < 1)) {
				throw new IllegalArgumentException("jitter must be >= 0 and < 1, but was " + jitter);
			}
			this.settings.jitter = jitter;
			return this;
		}

		/**
		 * A model's first-token budget, retries included.
		 * @param firstTokenTimeout at least 1 ms
		 * @return this builder
		 */
		public Builder firstTokenTimeout(Duration firstTokenTimeout) {
			this.settings.firstTokenTimeout = PolicySettings.atLeastOneMilli(firstTokenTimeout, "firstTokenTimeout");
			return this;
		}

		/**
		 * Longest silence of a model after its first token.
		 * @param idleTimeout at least 1 ms
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.settings.idleTimeout = PolicySettings.atLeastOneMilli(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Longest {@code Retry-After} of a provider that is honoured.
		 * @param maxRetryAfter zero (ignore the header) or positive
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
				throw new IllegalArgumentException("maxRetryAfter must be a duration >= 0, but was " + maxRetryAfter);
			}
			this.settings.maxRetryAfter = maxRetryAfter;
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
			this.settings.slidingWindowSize = slidingWindowSize;
			return this;
		}

		/**
		 * Calls needed before the rates are computed.
		 * @param minimumNumberOfCalls at least 1
		 * @return this builder
		 */
		public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
			if (minimumNumberOfCalls < 1) {
				throw new IllegalArgumentException(
						"minimumNumberOfCalls must be >= 1, but was " + minimumNumberOfCalls);
			}
			this.settings.minimumNumberOfCalls = minimumNumberOfCalls;
			return this;
		}

		/**
		 * Failure rate, in percent, that opens the circuit.
		 * @param failureRateThreshold greater than 0 and at most 100
		 * @return this builder
		 */
		public Builder failureRateThreshold(float failureRateThreshold) {
			this.settings.failureRateThreshold = PolicySettings.percent(failureRateThreshold, "failureRateThreshold");
			return this;
		}

		/**
		 * Time to the first token above which a call counts as slow.
		 * @param slowCallDurationThreshold at least 1 ms, at most the first-token timeout
		 * @return this builder
		 */
		public Builder slowCallDurationThreshold(Duration slowCallDurationThreshold) {
			this.settings.slowCallDurationThreshold = PolicySettings.atLeastOneMilli(slowCallDurationThreshold,
					"slowCallDurationThreshold");
			return this;
		}

		/**
		 * Rate of slow calls, in percent, that opens the circuit.
		 * @param slowCallRateThreshold greater than 0 and at most 100
		 * @return this builder
		 */
		public Builder slowCallRateThreshold(float slowCallRateThreshold) {
			this.settings.slowCallRateThreshold = PolicySettings.percent(slowCallRateThreshold,
					"slowCallRateThreshold");
			return this;
		}

		/**
		 * Interval of the background probes while a circuit is open.
		 * @param waitDurationInOpenState at least 1 ms
		 * @return this builder
		 */
		public Builder waitDurationInOpenState(Duration waitDurationInOpenState) {
			this.settings.waitDurationInOpenState = PolicySettings.atLeastOneMilli(waitDurationInOpenState,
					"waitDurationInOpenState");
			return this;
		}

		/**
		 * The policy.
		 * @return a new immutable policy
		 * @throws IllegalArgumentException if the slow-call threshold exceeds the
		 * first-token timeout (no call could ever count as slow)
		 */
		public FailoverPolicy build() {
			if (this.settings.slowCallDurationThreshold.compareTo(this.settings.firstTokenTimeout) > 0) {
				throw new IllegalArgumentException(
						"slowCallDurationThreshold (" + this.settings.slowCallDurationThreshold
								+ ") must be at most firstTokenTimeout (" + this.settings.firstTokenTimeout
								+ "): a call whose first token is later has already failed over");
			}
			return new FailoverPolicy(this);
		}

	}

}
