package dev.project51.agent.contract;

/**
 * State of the circuit breaker in front of one model of the failover chain.
 *
 * @since 0.1.0
 */
public enum CircuitState {

	/** Healthy: calls flow to the model. */
	CLOSED,

	/** Failing: calls skip the model until the wait duration elapses. */
	OPEN,

	/** Probing: a few trial calls decide whether the model is back. */
	HALF_OPEN

}
