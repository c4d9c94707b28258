package dev.project51.frontend.autoconfigure;

import java.time.Duration;

import dev.project51.server.internal.env.PropertyErrors;

import static dev.project51.server.internal.env.PropertyErrors.text;

/**
 * How the page follows the agent's state.
 */
public class FrontendStatusProperties {

	/**
	 * Interval of the page's status checks while the agent is reachable.
	 */
	private Duration pollInterval = Duration.ofSeconds(15);

	/**
	 * First delay before the page checks again after the agent was found unavailable. The
	 * delay doubles after each failed check, up to retry-max.
	 */
	private Duration retryInitial = Duration.ofSeconds(1);

	/**
	 * Longest delay between two checks while the agent is unavailable.
	 */
	private Duration retryMax = Duration.ofSeconds(15);

	/**
	 * How long the server reuses one status check, so that many open pages cost one call
	 * to the agent.
	 */
	private Duration cacheTtl = Duration.ofSeconds(2);

	/**
	 * Longest time a status check may take before the agent counts as unavailable.
	 */
	private Duration checkTimeout = Duration.ofSeconds(3);

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getRetryInitial() {
		return this.retryInitial;
	}

	public void setRetryInitial(Duration retryInitial) {
		this.retryInitial = retryInitial;
	}

	public Duration getRetryMax() {
		return this.retryMax;
	}

	public void setRetryMax(Duration retryMax) {
		this.retryMax = retryMax;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public Duration getCheckTimeout() {
		return this.checkTimeout;
	}

	public void setCheckTimeout(Duration checkTimeout) {
		this.checkTimeout = checkTimeout;
	}

	void validate(PropertyErrors problems) {
		problems.positive("status.pollInterval", this.pollInterval);
		problems.positive("status.retryInitial", this.retryInitial);
		problems.positive("status.retryMax", this.retryMax);
		problems.positive("status.checkTimeout", this.checkTimeout);
		if (this.retryInitial != null && this.retryMax != null && this.retryMax.compareTo(this.retryInitial) < 0) {
			problems.reject("status.retryMax", "order", "must be at least " + problems.name("status.retryInitial")
					+ " (" + text(this.retryInitial) + "), but was " + text(this.retryMax) + ".");
		}
		problems.notNegative("status.cacheTtl", this.cacheTtl, "Use 0 to check on every request.");
	}

}
