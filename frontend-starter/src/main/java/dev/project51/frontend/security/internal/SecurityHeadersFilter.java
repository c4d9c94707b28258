package dev.project51.frontend.security.internal;

import java.io.IOException;

import dev.project51.server.internal.http.RequestAndErrorFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;

/**
 * Adds the browser security headers to every response: Content-Security-Policy,
 * {@code X-Content-Type-Options: nosniff}, Referrer-Policy, Permissions-Policy,
 * {@code X-Frame-Options: DENY}, Cross-Origin-Opener-Policy and
 * Cross-Origin-Resource-Policy; and Strict-Transport-Security on secure requests.
 * <p>
 * Headers are set before the rest of the chain runs, so a later filter (Spring Security,
 * for example) can still replace them. Error dispatches are filtered too (an error page
 * may follow a response reset, which drops the headers); asynchronous ones are not (the
 * headers were written when the request was first dispatched).
 *
 * @since 0.1.0
 */
public class SecurityHeadersFilter extends RequestAndErrorFilter {

	private final String contentSecurityPolicy;

	/**
	 * Create a filter that sends the given policy.
	 * @param contentSecurityPolicy the Content-Security-Policy header value, see
	 * {@link SecurityHeaders#DEFAULT_CONTENT_SECURITY_POLICY}
	 */
	public SecurityHeadersFilter(String contentSecurityPolicy) {
		Assert.hasText(contentSecurityPolicy, "'contentSecurityPolicy' must not be empty");
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", SecurityHeaders.REFERRER_POLICY);
		response.setHeader("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY);
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000");
		}
		chain.doFilter(request, response);
	}

}
