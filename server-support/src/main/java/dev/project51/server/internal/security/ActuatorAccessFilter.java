package dev.project51.server.internal.security;

import java.io.IOException;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemAnswers;
import dev.project51.server.internal.logging.ThrottledLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects a server's actuator with its bearer token: every endpoint under the actuator's
 * base path except the health endpoint and its groups ({@link HealthPaths}: the probes of
 * Kubernetes, Render and the container's {@code HEALTHCHECK}) needs
 * {@code Authorization: Bearer <token>}, under the server's limit of failed
 * authentications per client address ({@link BearerAuthentication}); otherwise it is
 * answered {@code 401} with a problem. When no token is configured those endpoints are
 * closed: without a token the actuator shows only health. Prometheus scrapes
 * {@code /actuator/prometheus} with the token ({@code authorization.credentials_file} in
 * its scrape configuration). {@code OPTIONS} and {@code TRACE} pass: they only learn the
 * allowed methods.
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {

	private final ThrottledLog log = ThrottledLog.perMinute(LoggerFactory.getLogger(ActuatorAccessFilter.class));

	private final BearerAuthentication authentication;

	private final HealthPaths healthPaths;

	private final ProblemAnswers problems;

	/** The detail of a refusal when no token is configured. */
	private final String noToken;

	/** The detail of a refusal for a missing or wrong token. */
	private final String wrongToken;

	/**
	 * Creates the filter.
	 * @param token the token, or {@code null} when none is configured (then only health
	 * is open)
	 * @param authFailures the limit of failed authentications, or {@code null} for none
	 * @param healthPaths the actuator's paths and its public ones
	 * @param tokenName how the problems name the token, e.g.
	 * {@code the agent's API token}
	 * @param tokenSetting where the token is set, e.g. {@code project51.agent.api-token}
	 * @param problems writes the server's problems
	 */
	public ActuatorAccessFilter(BearerToken token, AuthFailureLimiter authFailures, HealthPaths healthPaths,
			String tokenName, String tokenSetting, ProblemAnswers problems) {
		this.authentication = (token != null) ? new BearerAuthentication(token, authFailures, problems) : null;
		this.healthPaths = healthPaths;
		this.problems = problems;
		this.noToken = "Only the health endpoint and its groups are open. The other actuator endpoints need "
				+ tokenName + ", and none is configured: set " + tokenSetting + ".";
		this.wrongToken = "This actuator endpoint needs " + tokenName
				+ ": send 'Authorization: Bearer <token>' (for Prometheus: authorization.credentials_file in the"
				+ " scrape configuration).";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return "OPTIONS".equals(request.getMethod()) || "TRACE".equals(request.getMethod())
				|| !this.healthPaths.isActuator(request) || this.healthPaths.isPublic(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.authentication == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			this.problems.write(request, response,
					ProblemDetail.of(ProblemType.UNAUTHORIZED, this.noToken, request.getRequestURI()));
			return;
		}
		if (this.authentication.authenticate(request, response, this.wrongToken, this.log)) {
			chain.doFilter(request, response);
		}
	}

}
