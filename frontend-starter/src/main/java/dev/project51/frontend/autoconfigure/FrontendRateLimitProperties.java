package dev.project51.frontend.autoconfigure;

import java.time.Duration;

import dev.project51.server.internal.env.PropertyErrors;

/**
 * The frontend's own limits per browser session and per address (the request's remote
 * address: behind a proxy, set server.forward-headers-strategy so that it is the
 * browser's). Each budget holds so many requests per period.
 */
public class FrontendRateLimitProperties {

	/**
	 * Whether the chat's endpoints are rate limited.
	 */
	private boolean enabled = true;

	/**
	 * Period after which every budget is full again.
	 */
	private Duration period = Duration.ofSeconds(10);

	/**
	 * Requests to the chat's endpoints per period and browser session (the agent's
	 * default per end user, 120 a minute with bursts of 30, is never reached). The
	 * agent's status, polled by every page and served from a cache, takes only the
	 * address's budget.
	 */
	private int sessionRequests = 20;

	/**
	 * Messages per period and browser session.
	 */
	private int sessionMessages = 4;

	/**
	 * Requests per period and address (several browsers may share one: a household, an
	 * office).
	 */
	private int addressRequests = 60;

	/**
	 * Messages per period and address.
	 */
	private int addressMessages = 12;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getPeriod() {
		return this.period;
	}

	public void setPeriod(Duration period) {
		this.period = period;
	}

	public int getSessionRequests() {
		return this.sessionRequests;
	}

	public void setSessionRequests(int sessionRequests) {
		this.sessionRequests = sessionRequests;
	}

	public int getSessionMessages() {
		return this.sessionMessages;
	}

	public void setSessionMessages(int sessionMessages) {
		this.sessionMessages = sessionMessages;
	}

	public int getAddressRequests() {
		return this.addressRequests;
	}

	public void setAddressRequests(int addressRequests) {
		this.addressRequests = addressRequests;
	}

	public int getAddressMessages() {
		return this.addressMessages;
	}

	public void setAddressMessages(int addressMessages) {
		this.addressMessages = addressMessages;
	}

	void validate(PropertyErrors problems) {
		problems.positive("rateLimit.period", this.period);
		String off = "Set " + problems.name("rateLimit.enabled") + "=false to switch the limits off.";
		problems.atLeast("rateLimit.sessionRequests", this.sessionRequests, 1, off);
		problems.atLeast("rateLimit.sessionMessages", this.sessionMessages, 1, off);
		problems.atLeast("rateLimit.addressRequests", this.addressRequests, 1, off);
		problems.atLeast("rateLimit.addressMessages", this.addressMessages, 1, off);
	}

}
