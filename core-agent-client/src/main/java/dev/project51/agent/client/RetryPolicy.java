package dev.project51.agent.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AgentClient} retries: how many attempts, and the exponential backoff with
 * jitter between them. Immutable.
 * <p>
 * What is retried does not depend on the policy: idempotent calls ({@code conversation},
 * {@code deleteConversation}, {@code models}, {@code health}) on any
 * {@linkplain AgentClientException#isRetriable() retriable} failure; {@code chat} and
 * {@code stream} only when the request provably never reached the agent (connection
 * refused, connect timeout) or when the agent declined it with 429 or 503 and a
 * {@code Retry-After}; a stream never after its first event. An open circuit breaker
 * fails fast and is not retried.
 * <p>
 * The delay before attempt <i>n</i>+1 is {@code initialBackoff × multiplier^(n-1)},
 * randomized by ±{@code jitter} and capped at {@code maxBackoff}. When the agent sends
 * {@code Retry-After}, that delay is used instead if it is at most {@code maxBackoff}; a
 * longer one ends the retries at once (the exception carries it). No retry starts after
 * the call's time limit.
 *
 * @since 0.1.0
 */
public final class RetryPolicy {

	/** Default number of attempts, the first included. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default delay before the second attempt. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

	/** Default growth factor of the delay. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/** Default upper bound of a delay, and of an honoured {@code Retry-After}. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

	/** Default randomization factor: a delay d becomes a random value in [d/2, 3d/2]. */
	public static final double DEFAULT_JITTER = 0.5;

	private static final RetryPolicy DEFAULTS = new Builder().build();

	private static final RetryPolicy DISABLED = new Builder().maxAttempts(1).build();

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double multiplier;

	private final Duration maxBackoff;

	private final double jitter;

	private RetryPolicy(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.multiplier = builder.multiplier;
		this.maxBackoff = builder.maxBackoff;
		this.jitter = builder.jitter;
	}

	/**
	 * The default policy: 3 attempts, 200 ms initial backoff, ×2, at most 5 s, jitter
	 * 0.5.
	 * @return the default policy
	 */
	public static RetryPolicy ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * A policy that never retries (one attempt).
	 * @return the policy
	 */
	public static RetryPolicy disabled() {
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
	 * A builder starting from this policy.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().maxAttempts(this.maxAttempts)
			.initialBackoff(this.initialBackoff)
			.multiplier(this.multiplier)
			.maxBackoff(this.maxBackoff)
			.jitter(this.jitter);
	}

	/**
	 * The number of attempts, the first included.
	 * @return at least 1
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * The delay before the second attempt, before jitter.
	 * @return the delay
	 */
	public Duration initialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * The growth factor of the delay between attempts.
	 * @return at least 1
	 */
	public double multiplier() {
		return this.multiplier;
	}

	/**
	 * The upper bound of a delay, and of an honoured {@code Retry-After}.
	 * @return the bound
	 */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * The randomization factor of a delay.
	 * @return in [0, 1)
	 */
	public double jitter() {
		return this.jitter;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof RetryPolicy that)) {
			return false;
		}
		return this.maxAttempts == that.maxAttempts && Double.compare(this.multiplier, that.multiplier) == 0
				&& Double.compare(this.jitter, that.jitter) == 0 && this.initialBackoff.equals(that.initialBackoff)
				&& this.maxBackoff.equals(that.maxBackoff);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.maxAttempts, this.initialBackoff, this.multiplier, this.maxBackoff, this.jitter);
	}

	@Override
	public String toString() {
		return "RetryPolicy[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
				+ ", multiplier=" + this.multiplier + ", maxBackoff=" + this.maxBackoff + ", jitter=" + this.jitter
				+ "]";
	}

	/**
	 * Builds a {@link RetryPolicy}. Each setter validates its argument at once and throws
	 * {@link IllegalArgumentException} naming the parameter and the bad value.
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private double multiplier = DEFAULT_MULTIPLIER;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private double jitter = DEFAULT_JITTER;

		private Builder() {
		}

		/**
		 * The number of attempts, the first included; 1 disables retries.
		 * @param maxAttempts between 1 and 100
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1 || maxAttempts > 100) {
				throw new IllegalArgumentException(
						"maxAttempts must be between 1 and 100 (1 disables retries), but was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * The delay before the second attempt.
		 * @param initialBackoff at least 1 ms
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = Validation.atLeastOneMilli("initialBackoff", initialBackoff,
					"use e.g. Duration.ofMillis(200)");
			return this;
		}

		/**
		 * The growth factor of the delay.
		 * @param multiplier between 1 (constant delay) and 10
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
				throw new IllegalArgumentException(
						"multiplier must be between 1.0 (constant delay) and 10.0, but was " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * The upper bound of a delay; a {@code Retry-After} longer than this ends the
		 * retries.
		 * @param maxBackoff at least 1 ms, and at least {@code initialBackoff}
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = Validation.atLeastOneMilli("maxBackoff", maxBackoff, "use e.g. Duration.ofSeconds(5)");
			return this;
		}

		/**
		 * The randomization factor: a delay d becomes a random value in [d × (1 -
		 * jitter), d × (1 + jitter)].
		 * @param jitter in [0, 1); 0 disables jitter
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			if (!(jitter >= 0.0 && jitter < 1.0)) {
				throw new IllegalArgumentException(
						"jitter must be >= 0.0 and < 1.0 (0 disables jitter), but was " + jitter);
			}
			this.jitter = jitter;
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 * @throws IllegalArgumentException if {@code maxBackoff} is below
		 * {@code initialBackoff}
		 */
		public RetryPolicy build() {
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new IllegalArgumentException(
						"maxBackoff (" + this.maxBackoff + ") must not be less than initialBackoff ("
								+ this.initialBackoff + "): raise maxBackoff or lower initialBackoff");
			}
			return new RetryPolicy(this);
		}

	}

}
