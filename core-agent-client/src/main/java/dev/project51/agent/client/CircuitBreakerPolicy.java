package dev.project51.agent.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The client-side circuit breaker of an {@link AgentClient}: when too many recent calls
 * failed, the client stops calling the agent for a while and fails fast with
 * {@link AgentUnavailableException}; then a few trial calls decide whether it is back.
 * Immutable.
 * <p>
 * Failures are server-side troubles: 5xx answers, timeouts, connection failures and
 * broken answers. Client errors (4xx) count as successes (the agent answered), 429 and
 * cancelled streams do not count. {@code health()} bypasses the breaker, so that a
 * readiness probe always reaches the agent, and an {@code UP} answer ends the wait early:
 * the circuit goes half-open and the trial calls decide.
 *
 * @since 0.1.0
 */
public final class CircuitBreakerPolicy {

	/** Default failure rate, in percent, at which the circuit opens. */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;

	/** Default number of recent calls the failure rate is computed over. */
	public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;

	/** Default number of calls needed before the failure rate is computed. */
	public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 5;

	/** Default time the circuit stays open before trial calls. */
	public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(10);

	/** Default number of trial calls in the half-open state. */
	public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 2;

	private static final CircuitBreakerPolicy DEFAULTS = new Builder().build();

	private static final CircuitBreakerPolicy DISABLED = new CircuitBreakerPolicy(new Builder(), false);

	private final boolean enabled;

	private final float failureRateThreshold;

	private final int slidingWindowSize;

	private final int minimumNumberOfCalls;

	private final Duration waitDurationInOpenState;

	private final int permittedCallsInHalfOpenState;

	private CircuitBreakerPolicy(Builder builder, boolean enabled) {
		this.enabled = enabled;
		this.failureRateThreshold = builder.failureRateThreshold;
		this.slidingWindowSize = builder.slidingWindowSize;
		this.minimumNumberOfCalls = builder.minimumNumberOfCalls;
		this.waitDurationInOpenState = builder.waitDurationInOpenState;
		this.permittedCallsInHalfOpenState = builder.permittedCallsInHalfOpenState;
	}

	/**
	 * The default policy: opens at a 50 % failure rate over the last 10 calls (once 5
	 * were made), stays open 10 s, then allows 2 trial calls.
	 * @return the default policy
	 */
	public static CircuitBreakerPolicy ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * No circuit breaker: every call goes to the agent.
	 * @return the policy
	 */
	public static CircuitBreakerPolicy disabled() {
		return DISABLED;
	}

	/**
	 * A builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder starting from this policy's settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().failureRateThreshold(this.failureRateThreshold)
			.slidingWindowSize(this.slidingWindowSize)
			.minimumNumberOfCalls(this.minimumNumberOfCalls)
			.waitDurationInOpenState(this.waitDurationInOpenState)
			.permittedCallsInHalfOpenState(this.permittedCallsInHalfOpenState);
	}

	/**
	 * Whether the client has a circuit breaker.
	 * @return {@code false} for {@link #disabled()}
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * The failure rate, in percent, at which the circuit opens.
	 * @return in (0, 100]
	 */
	public float failureRateThreshold() {
		return this.failureRateThreshold;
	}

	/**
	 * The number of recent calls the failure rate is computed over.
	 * @return at least 1
	 */
	public int slidingWindowSize() {
		return this.slidingWindowSize;
	}

	/**
	 * The number of calls needed before the failure rate is computed.
	 * @return in [1, slidingWindowSize]
	 */
	public int minimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	/**
	 * How long the circuit stays open before trial calls.
	 * @return the duration
	 */
	public Duration waitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	/**
	 * The number of trial calls in the half-open state.
	 * @return at least 1
	 */
	public int permittedCallsInHalfOpenState() {
		return this.permittedCallsInHalfOpenState;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CircuitBreakerPolicy that)) {
			return false;
		}
		return this.enabled == that.enabled && Float.compare(this.failureRateThreshold, that.failureRateThreshold) == 0
				&& this.slidingWindowSize == that.slidingWindowSize
				&& this.minimumNumberOfCalls == that.minimumNumberOfCalls
				&& this.waitDurationInOpenState.equals(that.waitDurationInOpenState)
				&& this.permittedCallsInHalfOpenState == that.permittedCallsInHalfOpenState;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.enabled, this.failureRateThreshold, this.slidingWindowSize, this.minimumNumberOfCalls,
				this.waitDurationInOpenState, this.permittedCallsInHalfOpenState);
	}

	@Override
	public String toString() {
		if (!this.enabled) {
			return "CircuitBreakerPolicy[disabled]";
		}
		return "CircuitBreakerPolicy[failureRateThreshold=" + this.failureRateThreshold + "%, slidingWindowSize="
				+ this.slidingWindowSize + ", minimumNumberOfCalls=" + this.minimumNumberOfCalls
				+ ", waitDurationInOpenState=" + this.waitDurationInOpenState + ", permittedCallsInHalfOpenState="
				+ this.permittedCallsInHalfOpenState + "]";
	}

	/**
	 * Builds an enabled {@link CircuitBreakerPolicy}. Each setter validates its argument
	 * at once and throws {@link IllegalArgumentException} naming the parameter and the
	 * bad value.
	 */
	public static final class Builder {

		private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;

		private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;

		private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;

		private Duration waitDurationInOpenState = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

		private int permittedCallsInHalfOpenState = DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE;

		private Builder() {
		}

		/**
		 * The failure rate at which the circuit opens.
		 * @param failureRateThreshold percent, in (0, 100]
		 * @return this builder
		 */
		public Builder failureRateThreshold(float failureRateThreshold) {
			if (!(failureRateThreshold > 0f && failureRateThreshold <= 100f)) {
				throw new IllegalArgumentException(
						"failureRateThreshold must be a percentage > 0 and <= 100, but was " + failureRateThreshold);
			}
			this.failureRateThreshold = failureRateThreshold;
			return this;
		}

		/**
		 * The number of recent calls the failure rate is computed over.
		 * @param slidingWindowSize between 1 and 1000
		 * @return this builder
		 */
		public Builder slidingWindowSize(int slidingWindowSize) {
			if (slidingWindowSize < 1 || slidingWindowSize > 1000) {
				throw new IllegalArgumentException(
						"slidingWindowSize must be between 1 and 1000, but was " + slidingWindowSize);
			}
			this.slidingWindowSize = slidingWindowSize;
			return this;
		}

		/**
		 * The number of calls needed before the failure rate is computed.
		 * @param minimumNumberOfCalls at least 1, at most {@code slidingWindowSize}
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
		 * How long the circuit stays open before trial calls.
		 * @param waitDurationInOpenState at least 1 ms
		 * @return this builder
		 */
		public Builder waitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = Validation.atLeastOneMilli("waitDurationInOpenState",
					waitDurationInOpenState, "use e.g. Duration.ofSeconds(10)");
			return this;
		}

		/**
		 * The number of trial calls in the half-open state.
		 * @param permittedCallsInHalfOpenState between 1 and 100
		 * @return this builder
		 */
		public Builder permittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			if (permittedCallsInHalfOpenState < 1 || permittedCallsInHalfOpenState > 100) {
				throw new IllegalArgumentException("permittedCallsInHalfOpenState must be between 1 and 100, but was "
						+ permittedCallsInHalfOpenState);
			}
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 * @throws IllegalArgumentException if {@code minimumNumberOfCalls} exceeds
		 * {@code slidingWindowSize}
		 */
		public CircuitBreakerPolicy build() {
			if (this.minimumNumberOfCalls > this.slidingWindowSize) {
				throw new IllegalArgumentException(
						"minimumNumberOfCalls (" + this.minimumNumberOfCalls + ") must not exceed slidingWindowSize ("
								+ this.slidingWindowSize + "): lower minimumNumberOfCalls or raise slidingWindowSize");
			}
			return new CircuitBreakerPolicy(this, true);
		}

	}

}
