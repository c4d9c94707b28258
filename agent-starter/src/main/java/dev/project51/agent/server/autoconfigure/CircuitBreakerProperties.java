package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import dev.project51.agent.server.failover.FailoverPolicy;

/**
 * The circuit breaker of each model ({@code project51.agent.failover.circuit-breaker.*}),
 * part of {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class CircuitBreakerProperties {

	/**
	 * Number of recent calls the failure and slow-call rates are computed over.
	 */
	private int slidingWindowSize = FailoverPolicy.DEFAULT_SLIDING_WINDOW_SIZE;

	/**
	 * Calls needed before the rates are computed.
	 */
	private int minimumNumberOfCalls = FailoverPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS;

	/**
	 * Failure rate, in percent, that opens the circuit.
	 */
	private float failureRateThreshold = FailoverPolicy.DEFAULT_FAILURE_RATE_THRESHOLD;

	/**
	 * Time to the first token above which a call counts as slow; at most
	 * failover.first-token-timeout.
	 */
	private Duration slowCallDurationThreshold = FailoverPolicy.DEFAULT_SLOW_CALL_DURATION_THRESHOLD;

	/**
	 * Rate of slow calls, in percent, that opens the circuit.
	 */
	private float slowCallRateThreshold = FailoverPolicy.DEFAULT_SLOW_CALL_RATE_THRESHOLD;

	/**
	 * Interval of the background probes of an open circuit; the model takes calls again
	 * as soon as a probe's first token comes within the slow-call threshold.
	 */
	private Duration waitDurationInOpenState = FailoverPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

	public int getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(int slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public int getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	public float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public Duration getSlowCallDurationThreshold() {
		return this.slowCallDurationThreshold;
	}

	public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
		this.slowCallDurationThreshold = slowCallDurationThreshold;
	}

	public float getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(float slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
		this.waitDurationInOpenState = waitDurationInOpenState;
	}

}
