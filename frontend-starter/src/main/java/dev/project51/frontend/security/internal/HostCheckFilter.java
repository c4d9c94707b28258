package dev.project51.frontend.security.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemType;
import dev.project51.frontend.observability.internal.TraceIds;
import dev.project51.frontend.problem.internal.ProblemResponses;
import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.server.internal.security.AllowedHosts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose {@code Host} header names a host this frontend does not answer
 * to ({@link AllowedHosts}) with a 400 problem, before anything else looks at them: a
 * page that re-points its own name at the frontend (DNS rebinding) passes the same-origin
 * check, since its origin and the {@code Host} agree, but not this one. The health
 * endpoint and its groups answer whatever the {@code Host}, for probes.
 *
 * @since 0.1.0
 */
public class HostCheckFilter extends OncePerRequestFilter {

	private final ThrottledLog log = ThrottledLog.perMinute(LoggerFactory.getLogger(HostCheckFilter.class));

	private final AllowedHosts allowedHosts;

	private final String healthPath;

	/**
	 * Creates the filter.
	 * @param allowedHosts the allowed hosts
	 * @param actuatorPath the actuator's base path, e.g. {@code /actuator}
	 */
	public HostCheckFilter(AllowedHosts allowedHosts, String actuatorPath) {
		this.allowedHosts = allowedHosts;
		this.healthPath = (actuatorPath.endsWith("/") ? actuatorPath.substring(0, actuatorPath.length() - 1)
				: actuatorPath) + "/health";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getHeader(HttpHeaders.HOST);
		String path = ApiProblemFilter.path(request);
		if (this.allowedHosts.allows(host) || path.equals(this.healthPath) || path.startsWith(this.healthPath + "/")) {
			chain.doFilter(request, response);
			return;
		}
		this.log.warn("host", "Refused a request for host {} from {} (project51.frontend.security.allowed-hosts)",
				LogValues.of(host), request.getRemoteAddr());
		ProblemResponses.write(response, ProblemResponses.problem(ProblemType.INVALID_REQUEST, 400,
				"This frontend does not answer to the host named in the Host header. Open it by one of its names or"
						+ " its address, or add the name to project51.frontend.security.allowed-hosts.",
				request.getRequestURI(), TraceIds.of(request)));
	}

}
