package dev.project51.reliability.faults;

import java.time.Duration;

/**
 * The agent's failover defaults as its documentation states them (docs/agent.md,
 * "Failover behaviour"), which the matrix holds the running agent to. Stated here rather
 * than read from the agent's classes: the suite is black-box.
 */
final class Defaults {

	/** A model's first-token budget, every attempt included. */
	static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(6);

	/** The longest silence of a model after its first token. */
	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);

	/** Attempts per model and call. */
	static final int MAX_ATTEMPTS = 3;

	/** Calls the circuit breaker looks at. */
	static final int SLIDING_WINDOW_SIZE = 5;

	/** Failed calls that open the circuit of a model that was healthy before. */
	static final int FAILURES_TO_OPEN = 3;

	private Defaults() {
	}

}
