package dev.project51.agent.server.autoconfigure;

/**
 * Rate limit per client address ({@code project51.agent.limits.rate-limit.*}), part of
 * {@link AgentProperties}.
 *
 * @since 0.1.0
 */
public class RateLimitProperties {

	/**
	 * Whether requests are rate limited per client address.
	 */
	private boolean enabled = true;

	/**
	 * Sustained requests per minute and client.
	 */
	private int requestsPerMinute = 120;

	/**
	 * Requests a client may send at once.
	 */
	private int burst = 30;

	/**
	 * Sustained requests per minute and end user: requests with the token that name one
	 * in the Project51-End-User header (instead of the address limit), and requests of
	 * the OpenAI-compatible API that name one in "user" (on top of the address limit).
	 */
	private int userRequestsPerMinute = 120;

	/**
	 * Requests an end user may send at once.
	 */
	private int userBurst = 30;

	public int getUserRequestsPerMinute() {
		return this.userRequestsPerMinute;
	}

	public void setUserRequestsPerMinute(int userRequestsPerMinute) {
		this.userRequestsPerMinute = userRequestsPerMinute;
	}

	public int getUserBurst() {
		return this.userBurst;
	}

	public void setUserBurst(int userBurst) {
		this.userBurst = userBurst;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getRequestsPerMinute() {
		return this.requestsPerMinute;
	}

	public void setRequestsPerMinute(int requestsPerMinute) {
		this.requestsPerMinute = requestsPerMinute;
	}

	public int getBurst() {
		return this.burst;
	}

	public void setBurst(int burst) {
		this.burst = burst;
	}

}
