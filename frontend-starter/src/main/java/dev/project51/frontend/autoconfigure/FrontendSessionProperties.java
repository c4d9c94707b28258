package dev.project51.frontend.autoconfigure;

import java.time.Duration;

import org.springframework.validation.Errors;

import static dev.project51.frontend.autoconfigure.FrontendProperties.property;
import static dev.project51.frontend.autoconfigure.FrontendProperties.requirePositive;

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

	void validate(Errors errors) {
		if (this.cookieName == null || !this.cookieName.matches("[A-Za-z0-9_-]{1,64}")) {
			errors.rejectValue("session.cookieName", "name", property("session.cookie-name")
					+ " must be 1 to 64 letters, digits, '-' or '_', but was '" + this.cookieName + "'.");
		}
		requirePositive(errors, "session.maxAge", "session.max-age", this.maxAge);
	}

}
