package dev.project51.agent.server.observability.internal;

import java.io.IOException;
import java.net.URI;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.server.problem.internal.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the problem answers of the APIs: {@code project51.agent.api.problems} (counter;
 * {@code api} = {@code v1}|{@code openai}, {@code type} = the problem type's last
 * segment, e.g. {@code rate-limited}, {@code unauthorized}, {@code invalid-request}, and
 * {@code status}). Runs before the agent's guards, so that it counts their refusals too.
 */
public class ApiObservationFilter extends OncePerRequestFilter {

	private final MeterRegistry meters;

	/**
	 * Creates the filter.
	 * @param meters the meters, or {@code null} (then nothing is counted)
	 */
	public ApiObservationFilter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (this.meters != null
					&& request.getAttribute(ProblemResponses.PROBLEM_ATTRIBUTE) instanceof ProblemDetail problem
					&& ProblemResponses.isApi(request)) {
				Counter.builder("project51.agent.api.problems")
					.description("Problem answers of the agent's APIs (rejections and failures), by type")
					.tags("api", ProblemResponses.isOpenAi(request) ? "openai" : "v1", "type", slug(problem.type()),
							"status", Integer.toString(problem.status()))
					.register(this.meters)
					.increment();
			}
		}
	}

	static String slug(String type) {
		if (type == null) {
			return "unknown";
		}
		String path = URI.create(type).getPath();
		int slash = (path != null) ? path.lastIndexOf('/') : -1;
		return (slash >= 0 && slash < path.length() - 1) ? path.substring(slash + 1) : "unknown";
	}

}
