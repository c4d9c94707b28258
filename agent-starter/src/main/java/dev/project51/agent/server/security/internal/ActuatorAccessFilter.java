package dev.project51.agent.server.security.internal;

import java.io.IOException;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects the actuator endpoints with the agent's API token: when a token is configured,
 * every endpoint under the actuator's base path except the health endpoint and its groups
 * (the probes of Kubernetes, Render and the container's {@code HEALTHCHECK}) needs
 * {@code Authorization: Bearer <token>}, as the APIs do; otherwise it is answered
 * {@code 401} with a problem. Prometheus scrapes {@code /actuator/prometheus} with the
 * token ({@code authorization.credentials_file} in its scrape configuration).
 *
 * @since 0.1.0
 */
public class ActuatorAccessFilter extends OncePerRequestFilter {

	private final BearerToken token;

	private final String basePath;

	private final JsonMapper json;

	/**
	 * Creates the filter.
	 * @param token the token, or {@code null} for none (then nothing is protected, as the
	 * APIs are not)
	 * @param basePath the actuator's base path, e.g. {@code /actuator}
	 * @param json the mapper of the problem
	 */
	public ActuatorAccessFilter(BearerToken token, String basePath, JsonMapper json) {
		this.token = token;
		this.basePath = (basePath.endsWith("/") && basePath.length() > 1) ? basePath.substring(0, basePath.length() - 1)
				: basePath;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (this.token == null) {
			return true;
		}
		String path = ProblemResponses.path(request);
		if (!path.equals(this.basePath) && !path.startsWith(this.basePath + "/")) {
			return true;
		}
		String endpoint = path.substring(this.basePath.length());
		return endpoint.equals("/health") || endpoint.startsWith("/health/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.token.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		ProblemResponses.write(request, response, new AgentProblemException(ProblemType.UNAUTHORIZED,
				"This actuator endpoint needs the agent's token: send 'Authorization: Bearer <token>' (for Prometheus:"
						+ " authorization.credentials_file in the scrape configuration).")
			.toProblem(request.getRequestURI()), this.json);
	}

}
