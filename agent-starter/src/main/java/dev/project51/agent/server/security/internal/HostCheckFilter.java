package dev.project51.agent.server.security.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import dev.project51.server.internal.security.AllowedHosts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose {@code Host} header names a host this agent does not answer to
 * ({@link AllowedHosts}), with a 400 problem (OpenAI's error shape under {@code /v1/}),
 * before anything else looks at them: a page that re-points its own name at the agent
 * (DNS rebinding) gets nothing. The health endpoint and its groups answer whatever the
 * {@code Host}, for probes ({@link HealthPaths}).
 *
 * @since 0.1.0
 */
public class HostCheckFilter extends OncePerRequestFilter {

	private static final ThrottledLog log = ThrottledLog.perMinute(LoggerFactory.getLogger(HostCheckFilter.class));

	private final AllowedHosts allowedHosts;

	private final HealthPaths healthPaths;

	private final JsonMapper json;

	/**
	 * Creates the filter.
	 * @param allowedHosts the allowed hosts
	 * @param healthPaths the paths that answer any host
	 * @param json the mapper of error bodies
	 */
	public HostCheckFilter(AllowedHosts allowedHosts, HealthPaths healthPaths, JsonMapper json) {
		this.allowedHosts = allowedHosts;
		this.healthPaths = healthPaths;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getHeader(HttpHeaders.HOST);
		if (this.allowedHosts.allows(host) || this.healthPaths.isPublic(request)) {
			chain.doFilter(request, response);
			return;
		}
		log.warn("host", "Refused a request for host {} from {} (project51.agent.allowed-hosts)", LogValues.of(host),
				request.getRemoteAddr());
		AgentProblemException problem = new AgentProblemException(ProblemType.INVALID_REQUEST,
				"This agent does not answer to the host named in the Host header. Call it by one of its names or"
						+ " its address, or add the name to project51.agent.allowed-hosts.");
		ProblemResponses.write(request, response, problem.toProblem(request.getRequestURI()), this.json);
	}

}
