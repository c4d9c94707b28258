package dev.project51.server.internal.observability;

import dev.project51.agent.contract.CircuitState;

/**
 * The value both servers' circuit-state gauges take, which dashboards and the alert rules
 * read: 0 closed, 1 half-open, 2 open.
 */
public final class CircuitStateGauge {

	/** What the values mean, for the gauges' descriptions. */
	public static final String VALUES = "0 closed, 1 half-open, 2 open";

	private CircuitStateGauge() {
	}

	/**
	 * The gauge's value for a state.
	 * @param state the state
	 * @return 0 closed, 1 half-open, 2 open
	 */
	public static int value(CircuitState state) {
		return switch (state) {
			case CLOSED -> 0;
			case HALF_OPEN -> 1;
			case OPEN -> 2;
		};
	}

}
