package dev.project51.agent.server.security.internal;

import java.util.Set;
import java.util.function.Supplier;

import dev.project51.agent.server.problem.internal.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The actuator paths that anyone may reach: the health endpoint and its groups (by
 * default {@code /actuator/health}, {@code /actuator/health/liveness} and
 * {@code /actuator/health/readiness}). They say UP or DOWN and nothing else, and the
 * probes of Kubernetes, Render and container engines call them without a token and with
 * whatever {@code Host} they like (a pod's address, a platform's internal name).
 *
 * @since 0.1.0
 */
public final class HealthPaths {

	private final String actuatorPath;

	private final String healthPath;

	private final Supplier<Set<String>> groups;

	private volatile Set<String> groupNames;

	/**
	 * Creates the paths.
	 * @param actuatorPath the actuator's base path, e.g. {@code /actuator}
	 * @param healthPath the health endpoint's path below it, e.g. {@code health}
	 * @param groups the health groups' names, asked once at the first request
	 */
	public HealthPaths(String actuatorPath, String healthPath, Supplier<Set<String>> groups) {
		String base = actuatorPath.endsWith("/") ? actuatorPath.substring(0, actuatorPath.length() - 1) : actuatorPath;
		this.actuatorPath = base;
		this.healthPath = base + "/" + healthPath;
		this.groups = groups;
	}

	/**
	 * Whether a request goes to the health endpoint or one of its groups.
	 * @param request the request
	 * @return whether anyone may reach it
	 */
	public boolean isPublic(HttpServletRequest request) {
		String path = ProblemResponses.path(request);
		if (path.equals(this.healthPath)) {
			return true;
		}
		if (!path.startsWith(this.healthPath + "/")) {
			return false;
		}
		return groupNames().contains(path.substring(this.healthPath.length() + 1));
	}

	/**
	 * Whether a request goes to the actuator.
	 * @param request the request
	 * @return whether its path is the actuator's or below it
	 */
	public boolean isActuator(HttpServletRequest request) {
		String path = ProblemResponses.path(request);
		return this.actuatorPath.isEmpty() ? !ProblemResponses.isApi(request)
				: (path.equals(this.actuatorPath) || path.startsWith(this.actuatorPath + "/"));
	}

	private Set<String> groupNames() {
		Set<String> names = this.groupNames;
		if (names == null) {
			names = Set.copyOf(this.groups.get());
			this.groupNames = names;
		}
		return names;
	}

}
