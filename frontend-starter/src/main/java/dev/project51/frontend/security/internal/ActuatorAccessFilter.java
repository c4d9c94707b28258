package dev.project51.frontend.security.internal;

import java.io.IOException;
import java.time.Duration;

import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.observability.internal.TraceIds;
import dev.project51.frontend.problem.internal.ProblemResponses;
import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.BearerToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects the frontend's actuator endpoints, as the agent protects its own: every
 * endpoint under the actuator's base path except the health endpoint and its groups (the
 * probes) needs {@code Authorization: Bearer <token>} with the agent's token
 * ({@code AGENT_API_TOKEN}); otherwise it is answered {@code 401} with a problem, and
 * when the frontend has no token those endpoints are closed. One secret per deployment:
 * Prometheus scrapes both applications with it. Compared in constant time; failed
 * attempts are limited per client address (429 with {@code Retry-After}) and logged at
 * most a few times a minute.
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {

	private final ThrottledLog log = ThrottledLog.perMinute(LoggerFactory.getLogger(ActuatorAccessFilter.class));

	private final BearerToken token;

	private final String basePath;

	private final AuthFailureLimiter authFailures;

	/**
	 * Creates the filter.
	 * @param token the token, or {@code null} for none (then only health is open)
	 * @param basePath the actuator's base path, e.g. {@code /actuator}
	 */
	public ActuatorAccessFilter(String token, String basePath) {
		this(token, basePath, null);
	}

	/**
	 * Creates the filter.
	 * @param token the token, or {@code null} for none (then only health is open)
	 * @param basePath the actuator's base path, e.g. {@code /actuator}
	 * @param authFailures the limit of failed attempts per client address, or
	 * {@code null} for none
	 */
	public ActuatorAccessFilter(String token, String basePath, AuthFailureLimiter authFailures) {
		this.token = BearerToken.of(token);
		this.basePath = (basePath.endsWith("/") && basePath.length() > 1) ? basePath.substring(0, basePath.length() - 1)
				: basePath;
		this.authFailures = authFailures;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if ("OPTIONS".equals(request.getMethod()) || "TRACE".equals(request.getMethod())) {
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
		if (this.token == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			ProblemResponses.write(response,
					ProblemResponses.problem(ProblemType.UNAUTHORIZED, 401,
							"Only the health endpoint and its groups are open. The other actuator endpoints need the"
									+ " deployment's token, and the frontend has none: set AGENT_API_TOKEN.",
							request.getRequestURI(), TraceIds.of(request)));
			return;
		}
		String address = request.getRemoteAddr();
		Duration blocked = (this.authFailures != null) ? this.authFailures.blockedFor(address) : Duration.ZERO;
		if (blocked.isZero() && this.token.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		boolean withinLimit = !blocked.isZero() ? false
				: (this.authFailures == null || this.authFailures.recordFailure(address));
		if (!withinLimit) {
			Duration wait = this.authFailures.blockedFor(address);
			long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
			this.log.warn("auth-failures", "Refused a request to {} from {}: too many failed authentications",
					LogValues.of(request.getRequestURI()), address);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			ProblemResponses.write(response, ProblemResponses.problem(ProblemType.RATE_LIMITED, 429,
					"Too many requests with a missing or wrong token from this client. Retry after " + seconds + " s.",
					request.getRequestURI(), TraceIds.of(request)));
			return;
		}
		this.log.warn("unauthorized", "Refused a request to {} from {}: missing or wrong bearer token",
				LogValues.of(request.getRequestURI()), address);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		ProblemResponses.write(response, ProblemResponses.problem(ProblemType.UNAUTHORIZED, 401,
				"This actuator endpoint needs the deployment's token: send 'Authorization: Bearer <AGENT_API_TOKEN>'"
						+ " (for Prometheus: authorization.credentials_file in the scrape configuration).",
				request.getRequestURI(), TraceIds.of(request)));
	}

}
