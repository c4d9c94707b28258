package dev.project51.frontend.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.server.internal.env.PropertyErrors;

/**
 * The frontend's circuit breaker for the agent: when too many recent calls failed (server
 * errors, timeouts, connection failures), the frontend stops calling the agent for a
 * while and shows it as unavailable at once; then a few trial calls decide whether it is
 * back.
 */
public class AgentCircuitBreakerProperties {

	/**
	 * Whether the circuit breaker is on.
	 */
	private boolean enabled = true;

	/**
	 * Failure rate, in percent, at which the circuit opens.
	 */
	private float failureRateThreshold = CircuitBreakerPolicy.DEFAULT_FAILURE_RATE_THRESHOLD;

	/**
	 * Number of recent calls the failure rate is computed over.
	 */
	private int slidingWindowSize = CircuitBreakerPolicy.DEFAULT_SLIDING_WINDOW_SIZE;

	/**
	 * Number of calls needed before the failure rate counts.
	 */
	private int minimumNumberOfCalls = CircuitBreakerPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS;

	/**
	 * How long the circuit stays open before trial calls, unless a status check finds the
	 * agent ready earlier.
	 */
	private Duration waitDurationInOpenState = CircuitBreakerPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

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

	public Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
		this.waitDurationInOpenState = waitDurationInOpenState;
	}

	/**
	 * The client policy these properties describe.
	 * @return the policy; {@link CircuitBreakerPolicy#disabled()} when not enabled
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public CircuitBreakerPolicy toPolicy() {
		if (!this.enabled) {
			return CircuitBreakerPolicy.disabled();
		}
		return CircuitBreakerPolicy.builder()
			.failureRateThreshold(this.failureRateThreshold)
			.slidingWindowSize(this.slidingWindowSize)
			.minimumNumberOfCalls(this.minimumNumberOfCalls)
			.waitDurationInOpenState(this.waitDurationInOpenState)
			.build();
	}

	void validate(PropertyErrors problems) {
		problems.build("agent.circuitBreaker",
				List.of("failureRateThreshold", "slidingWindowSize", "minimumNumberOfCalls", "waitDurationInOpenState"),
				this::toPolicy);
	}

}
