package dev.project51.frontend.autoconfigure;

import java.time.Duration;

import dev.project51.server.internal.env.PropertyErrors;

/**
 * The browser session: a cookie that names the browser's conversations at the agent.
 */
public class FrontendSessionProperties {

	/**
	 * Name of the session cookie; over HTTPS at the root of the site it gets the __Host-
	 * prefix. Letters, digits, '-' and '_'.
	 */
	private String cookieName = "project51_session";

	/**
	 * How long a browser keeps its session (and so its conversation list) without opening
	 * the page; every visit starts it again.
	 */
	private Duration maxAge = Duration.ofDays(30);

	public String getCookieName() {
		return this.cookieName;
	}

	public void setCookieName(String cookieName) {
		this.cookieName = cookieName;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	void validate(PropertyErrors problems) {
		if (this.cookieName == null || !this.cookieName.matches("[A-Za-z0-9_-]{1,64}")) {
			problems.reject("session.cookieName", "name",
					"must be 1 to 64 letters, digits, '-' or '_', but was '" + this.cookieName + "'.");
		}
		problems.positive("session.maxAge", this.maxAge);
	}

}
