package dev.project51.server.internal.security;

import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.project51.server.internal.http.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.PropertyResolver;

/**
 * The actuator paths that anyone may reach: the health endpoint and its groups (by
 * default {@code /actuator/health}, {@code /actuator/health/liveness} and
 * {@code /actuator/health/readiness}). They say UP or DOWN and nothing else, and the
 * probes of Kubernetes, Render and container engines call them without a token and with
 * whatever {@code Host} they like (a pod's address, a platform's internal name). A health
 * component's own path ({@code /actuator/health/db}) is not a group and is not public.
 * Paths are taken as the servlet container mapped them ({@link RequestPaths}).
 */
public final class HealthPaths {

	private static final Set<String> DEFAULT_GROUPS = Set.of("liveness", "readiness");

	private final String actuatorPath;

	private final String actuatorPrefix;

	private final String healthPath;

	private final String healthPrefix;

	private final Supplier<Set<String>> groups;

	private final Predicate<String> applicationPaths;

	private volatile Set<String> groupNames;

	/**
	 * Creates the paths.
	 * @param actuatorPath the actuator's base path, e.g. {@code /actuator}
	 * @param healthPath the health endpoint's path below it, e.g. {@code health}
	 * @param groups the health groups' names, asked once at the first request; when it
	 * gives {@code null}, {@code liveness} and {@code readiness}
	 * @param applicationPaths the paths the application serves itself; only asked when
	 * the actuator has no base path of its own, and then every other path is the
	 * actuator's
	 */
	public HealthPaths(String actuatorPath, String healthPath, Supplier<Set<String>> groups,
			Predicate<String> applicationPaths) {
		String base = actuatorPath.endsWith("/") ? actuatorPath.substring(0, actuatorPath.length() - 1) : actuatorPath;
		this.actuatorPath = base;
		this.actuatorPrefix = base + "/";
		this.healthPath = this.actuatorPrefix + healthPath;
		this.healthPrefix = this.healthPath + "/";
		this.groups = groups;
		this.applicationPaths = applicationPaths;
	}

	/**
	 * The paths of the actuator as Spring Boot maps it
	 * ({@code management.endpoints.web.base-path} and
	 * {@code management.endpoints.web.path-mapping.health}).
	 * @param environment the environment
	 * @param groups the health groups' names, asked once at the first request; when it
	 * gives {@code null}, {@code liveness} and {@code readiness}
	 * @param applicationPaths the paths the application serves itself
	 * @return the paths
	 */
	public static HealthPaths of(PropertyResolver environment, Supplier<Set<String>> groups,
			Predicate<String> applicationPaths) {
		return new HealthPaths(environment.getProperty("management.endpoints.web.base-path", "/actuator"),
				environment.getProperty("management.endpoints.web.path-mapping.health", "health"), groups,
				applicationPaths);
	}

	/**
	 * Whether a request goes to the health endpoint or one of its groups.
	 * @param request the request
	 * @return whether anyone may reach it
	 */
	public boolean isPublic(HttpServletRequest request) {
		String path = RequestPaths.of(request);
		if (path.equals(this.healthPath)) {
			return true;
		}
		if (!path.startsWith(this.healthPrefix)) {
			return false;
		}
		return groupNames().contains(path.substring(this.healthPrefix.length()));
	}

	/**
	 * Whether a request goes to the actuator.
	 * @param request the request
	 * @return whether its path is the actuator's or below it
	 */
	public boolean isActuator(HttpServletRequest request) {
		String path = RequestPaths.of(request);
		return this.actuatorPath.isEmpty() ? !this.applicationPaths.test(path)
				: (path.equals(this.actuatorPath) || path.startsWith(this.actuatorPrefix));
	}

	private Set<String> groupNames() {
		Set<String> names = this.groupNames;
		if (names == null) {
			Set<String> given = this.groups.get();
			names = (given != null) ? Set.copyOf(given) : DEFAULT_GROUPS;
			this.groupNames = names;
		}
		return names;
	}

}
