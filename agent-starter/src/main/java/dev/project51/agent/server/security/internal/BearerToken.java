package dev.project51.agent.server.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The agent's API token, kept as a SHA-256 digest and compared in constant time with the
 * {@code Authorization: Bearer} header of a request.
 *
 * @since 0.1.0
 */
public final class BearerToken {

	private final byte[] digest;

	private BearerToken(byte[] digest) {
		this.digest = digest;
	}

	/**
	 * The token, or {@code null} when none is configured.
	 * @param token the configured token, may be {@code null} or blank
	 * @return the token, or {@code null}
	 */
	public static BearerToken of(String token) {
		return (token != null && !token.isBlank()) ? new BearerToken(digest(token)) : null;
	}

	/**
	 * Whether the request carries this token.
	 * @param request the request
	 * @return {@code true} if its bearer token matches
	 */
	public boolean matches(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(this.digest, digest(header.substring(7).trim()));
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "BearerToken[(set)]";
	}

}
