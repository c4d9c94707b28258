package dev.project51.agent.server.testsupport;

import java.time.Duration;

import dev.project51.agent.server.failover.FailoverPolicy;

/**
 * The example configuration with a faster clock that docs/self-healing.md documents ("A
 * faster example"), for the tests of the chain's mechanics that would otherwise wait out
 * the default budgets (6 s first token, 15 s idle, 5 s between probes). Every
 * self-healing claim is also tested at the defaults, in reliability-tests.
 */
public final class FastFailover {

	/** First-token budget of a model. */
	public static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofMillis(1500);

	/** Longest silence after the first token. */
	public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

	/** Time to the first token above which a call is slow. */
	public static final Duration SLOW_CALL_DURATION_THRESHOLD = Duration.ofSeconds(1);

	/** Interval of the probes of an open circuit. */
	public static final Duration WAIT_DURATION_IN_OPEN_STATE = Duration.ofMillis(500);

	/** Nominal wait before the first retry. */
	public static final Duration INITIAL_BACKOFF = Duration.ofMillis(20);

	private FastFailover() {
	}

	/**
	 * The example as a policy; everything else at its default.
	 * @return the policy
	 */
	public static FailoverPolicy policy() {
		return FailoverPolicy.builder()
			.firstTokenTimeout(FIRST_TOKEN_TIMEOUT)
			.idleTimeout(IDLE_TIMEOUT)
			.slowCallDurationThreshold(SLOW_CALL_DURATION_THRESHOLD)
			.waitDurationInOpenState(WAIT_DURATION_IN_OPEN_STATE)
			.initialBackoff(INITIAL_BACKOFF)
			.build();
	}

	/**
	 * The example as the agent's properties.
	 * @return {@code key=value} pairs
	 */
	public static String[] properties() {
		String failover = "project51.agent.failover.";
		return new String[] { failover + "first-token-timeout=" + FIRST_TOKEN_TIMEOUT.toMillis() + "ms",
				failover + "idle-timeout=" + IDLE_TIMEOUT.toMillis() + "ms",
				failover + "circuit-breaker.slow-call-duration-threshold=" + SLOW_CALL_DURATION_THRESHOLD.toMillis()
						+ "ms",
				failover + "circuit-breaker.wait-duration-in-open-state=" + WAIT_DURATION_IN_OPEN_STATE.toMillis()
						+ "ms",
				failover + "initial-backoff=" + INITIAL_BACKOFF.toMillis() + "ms" };
	}

}
