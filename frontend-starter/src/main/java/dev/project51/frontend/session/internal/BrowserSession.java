package dev.project51.frontend.session.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The session of one browser: a random id of 256 bits that only the browser's cookie
 * holds, and the opaque end user id derived from it that the agent sees (a hash, so the
 * agent, its logs and its database never hold the cookie).
 *
 * @param id the session id, as in the cookie
 * @param endUser the end user id for the agent
 */
public record BrowserSession(String id, String endUser) {

	/** Request attribute holding the request's {@link BrowserSession}. */
	public static final String ATTRIBUTE = BrowserSession.class.getName();

	/**
	 * The session of a session id.
	 * @param id a well-formed session id
	 * @return the session
	 */
	static BrowserSession of(String id) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("project51-end-user:" + id).getBytes(StandardCharsets.UTF_8));
			return new BrowserSession(id, "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The session of a request, as {@link BrowserSessionFilter} established it.
	 * @param request the request
	 * @return the session
	 * @throws IllegalStateException if the request passed no session filter
	 */
	public static BrowserSession of(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof BrowserSession session) {
			return session;
		}
		throw new IllegalStateException(
				"No browser session: the BrowserSessionFilter did not run for " + request.getRequestURI());
	}

	@Override
	public String toString() {
		return "BrowserSession[endUser=" + this.endUser + "]";
	}

}
