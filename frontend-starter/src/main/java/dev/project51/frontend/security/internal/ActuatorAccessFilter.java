package dev.project51.frontend.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import dev.project51.frontend.observability.internal.TraceIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects the frontend's actuator endpoints, as the agent protects its own: when the
 * frontend has the agent's token ({@code AGENT_API_TOKEN}), every endpoint under the
 * actuator's base path except the health endpoint and its groups (the probes) needs
 * {@code Authorization: Bearer <token>}; otherwise it is answered {@code 401} with a
 * problem. One secret per deployment: Prometheus scrapes both applications with it.
 * Compared in constant time.
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {

	private final byte[] tokenDigest;

	private final String basePath;

	/**
	 * Creates the filter.
	 * @param token the token, or {@code null} for none (then nothing is protected)
	 * @param basePath the actuator's base path, e.g. {@code /actuator}
	 */
	public ActuatorAccessFilter(String token, String basePath) {
		this.tokenDigest = (token != null && !token.isBlank()) ? digest(token.strip()) : null;
		this.basePath = (basePath.endsWith("/") && basePath.length() > 1) ? basePath.substring(0, basePath.length() - 1)
				: basePath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (this.tokenDigest == null) {
			return true;
		}
		String path = ApiProblemFilter.path(request);
		if (!path.equals(this.basePath) && !path.startsWith(this.basePath + "/")) {
			return true;
		}
		String endpoint = path.substring(this.basePath.length());
		return endpoint.equals("/health") || endpoint.startsWith("/health/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)
				&& MessageDigest.isEqual(this.tokenDigest, digest(header.substring(7).trim()))) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		SameOriginFilter.reject(response, 401, "Unauthorized", "https://project51.dev/problems/unauthorized",
				"This actuator endpoint needs the deployment's token: send 'Authorization: Bearer <AGENT_API_TOKEN>'"
						+ " (for Prometheus: authorization.credentials_file in the scrape configuration).",
				request.getRequestURI(), TraceIds.of(request));
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
