package dev.project51.server.internal.security;

import java.io.IOException;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemAnswers;
import dev.project51.server.internal.logging.LogValues;
import dev.project51.server.internal.logging.ThrottledLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose {@code Host} header names a host the server does not answer to
 * ({@link AllowedHosts}), with a 400 {@code invalid-request} problem, before anything
 * else looks at them: a page that re-points its own name at the server (DNS rebinding)
 * passes a same-origin check, since its origin and the {@code Host} agree, but not this
 * one. The health endpoint and its groups answer whatever the {@code Host}, for probes
 * ({@link HealthPaths}). Refusals are logged at most a few times a minute.
 */
public class HostCheckFilter extends OncePerRequestFilter {

	private final ThrottledLog log = ThrottledLog.perMinute(LoggerFactory.getLogger(HostCheckFilter.class));

	private final AllowedHosts allowedHosts;

	private final HealthPaths healthPaths;

	private final String property;

	/** The detail of a refusal. */
	private final String refusal;

	private final ProblemAnswers problems;

	/**
	 * Creates the filter.
	 * @param allowedHosts the allowed hosts
	 * @param healthPaths the paths that answer any host
	 * @param server what the server is called in the problem, e.g. {@code agent}
	 * @param property the property that lists the allowed hosts, named in the log and the
	 * problem
	 * @param problems writes the server's problem
	 */
	public HostCheckFilter(AllowedHosts allowedHosts, HealthPaths healthPaths, String server, String property,
			ProblemAnswers problems) {
		this.allowedHosts = allowedHosts;
		this.healthPaths = healthPaths;
		this.property = property;
		this.refusal = "This " + server + " does not answer to the host named in the Host header. Call it by one of"
				+ " its names or its address, or add the name to " + property + ".";
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String host = request.getHeader(HttpHeaders.HOST);
		if (this.allowedHosts.allows(host) || this.healthPaths.isPublic(request)) {
			chain.doFilter(request, response);
			return;
		}
		this.log.warn("host", "Refused a request for host {} from {} ({})", LogValues.of(host), request.getRemoteAddr(),
				this.property);
		this.problems.write(request, response,
				ProblemDetail.of(ProblemType.INVALID_REQUEST, this.refusal, request.getRequestURI()));
	}

}
