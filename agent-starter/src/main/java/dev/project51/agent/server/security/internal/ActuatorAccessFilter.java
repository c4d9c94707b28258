package dev.project51.agent.server.security.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.server.internal.security.AuthFailureLimiter;
import dev.project51.server.internal.security.BearerToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects the actuator endpoints with the agent's API token: every endpoint under the
 * actuator's base path except the health endpoint and its groups ({@link HealthPaths}:
 * the probes of Kubernetes, Render and the container's {@code HEALTHCHECK}) needs
 * {@code Authorization: Bearer <token>}, as the APIs do, under the same limit of failed
 * authentications per client address (429 with {@code Retry-After}); otherwise it is
 * answered {@code 401} with a problem. When no token is configured those endpoints are
 * closed: without a token the actuator shows only health. Prometheus scrapes
 * {@code /actuator/prometheus} with the token ({@code authorization.credentials_file} in
 * its scrape configuration). {@code OPTIONS} and {@code TRACE} pass: they only learn the
 * allowed methods.
 *
 * @since 0.1.0
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {

	private final BearerToken token;

	private final AuthFailureLimiter authFailures;

	private final HealthPaths healthPaths;

	private final JsonMapper json;

	private final ThrottledLog log = ThrottledLog.perMinute(LoggerFactory.getLogger(ActuatorAccessFilter.class));

	/**
	 * Creates the filter.
	 * @param token the token, or {@code null} when none is configured (then only health
	 * is open)
	 * @param authFailures the limit of failed authentications, or {@code null} for none
	 * @param healthPaths the actuator's paths and its public ones
	 * @param json the mapper of the problem
	 */
	public ActuatorAccessFilter(BearerToken token, AuthFailureLimiter authFailures, HealthPaths healthPaths,
			JsonMapper json) {
		this.token = token;
		this.authFailures = authFailures;
		this.healthPaths = healthPaths;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.healthPaths.isActuator(request) || this.healthPaths.isPublic(request)
				|| AgentRequestFilter.isMethodQuery(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.token == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			ProblemResponses.write(request, response,
					new AgentProblemException(ProblemType.UNAUTHORIZED,
							"Only the health endpoint and its groups are open. The other actuator endpoints need the"
									+ " agent's API token, and none is configured: set project51.agent.api-token.")
						.toProblem(request.getRequestURI()),
					this.json);
			return;
		}
		if (AgentRequestFilter.authenticate(this.token, this.authFailures, request, response, this.json,
				"This actuator endpoint needs the agent's token: send 'Authorization: Bearer <token>' (for Prometheus:"
						+ " authorization.credentials_file in the scrape configuration).",
				this.log)) {
			chain.doFilter(request, response);
		}
	}

}
