package dev.project51.frontend.autoconfigure;

import java.time.Duration;

import org.springframework.validation.Errors;

import static dev.project51.frontend.autoconfigure.FrontendProperties.property;
import static dev.project51.frontend.autoconfigure.FrontendProperties.requirePositive;

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

	void validate(Errors errors) {
		requirePositive(errors, "rateLimit.period", "rate-limit.period", this.period);
		atLeastOne(errors, "rateLimit.sessionRequests", "rate-limit.session-requests", this.sessionRequests);
		atLeastOne(errors, "rateLimit.sessionMessages", "rate-limit.session-messages", this.sessionMessages);
		atLeastOne(errors, "rateLimit.addressRequests", "rate-limit.address-requests", this.addressRequests);
		atLeastOne(errors, "rateLimit.addressMessages", "rate-limit.address-messages", this.addressMessages);
	}

	private static void atLeastOne(Errors errors, String field, String name, int value) {
		if (value < 1) {
			errors.rejectValue(field, "range", property(name) + " must be at least 1, but was " + value + ". Set "
					+ property("rate-limit.enabled") + "=false to switch the limits off.");
		}
	}

}
