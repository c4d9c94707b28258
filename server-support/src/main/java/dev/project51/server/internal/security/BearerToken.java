package dev.project51.server.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import dev.project51.agent.client.AgentClient;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The token a server accepts, kept as a SHA-256 digest and compared in constant time with
 * the {@code Authorization: Bearer} header of a request. The configured value counts
 * without surrounding white space (a trailing newline of a secret file), as the agent
 * client sends it, and must be a token the client can send: the client's own check
 * applies.
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
	 * @throws IllegalArgumentException if the token has a white space, control or
	 * non-ASCII character inside; the message starts with {@code apiToken}, says where
	 * and never shows the value
	 */
	public static BearerToken of(String token) {
		if (token == null || token.isBlank()) {
			return null;
		}
		String value = token.strip();
		AgentClient.builder().apiToken(value);
		return new BearerToken(digest(value));
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
