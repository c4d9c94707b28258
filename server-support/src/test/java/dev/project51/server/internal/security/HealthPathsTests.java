package dev.project51.server.internal.security;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HealthPaths}: the health endpoint and its groups are public, a health
 * component's own path and every other actuator path are not.
 */
class HealthPathsTests {

	private final HealthPaths paths = new HealthPaths("/actuator", "health", () -> Set.of("liveness", "readiness"),
			(path) -> path.startsWith("/api/"));

	@Test
	void theHealthEndpointAndItsGroupsArePublic() {
		assertThat(this.paths.isPublic(request("/actuator/health"))).isTrue();
		assertThat(this.paths.isPublic(request("/actuator/health/liveness"))).isTrue();
		assertThat(this.paths.isPublic(request("/actuator/health/readiness"))).isTrue();
	}

	@Test
	void aComponentAndTheOtherEndpointsAreNot() {
		for (String path : new String[] { "/actuator/health/db", "/actuator/health/liveness/x", "/actuator/healthz",
				"/actuator", "/actuator/prometheus" }) {
			assertThat(this.paths.isPublic(request(path))).as(path).isFalse();
			assertThat(this.paths.isActuator(request(path))).as(path).isTrue();
		}
		assertThat(this.paths.isActuator(request("/api/v1/models"))).isFalse();
		assertThat(this.paths.isActuator(request("/actuatorx"))).isFalse();
	}

	@Test
	void withoutABasePathEveryPathTheApplicationDoesNotServeIsTheActuators() {
		HealthPaths root = new HealthPaths("/", "health", () -> null, (path) -> path.startsWith("/api/"));
		assertThat(root.isActuator(request("/prometheus"))).isTrue();
		assertThat(root.isActuator(request("/api/v1/models"))).isFalse();
		assertThat(root.isPublic(request("/health/readiness"))).as("liveness and readiness by default").isTrue();
		assertThat(root.isPublic(request("/health/db"))).isFalse();
	}

	@Test
	void followsSpringBootsMappingAndAsksForTheGroupsOnce() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("management.endpoints.web.base-path", "/manage/",
					"management.endpoints.web.path-mapping.health", "status")));
		AtomicInteger asked = new AtomicInteger();
		HealthPaths mapped = HealthPaths.of(environment, () -> {
			asked.incrementAndGet();
			return Set.of("startup");
		}, (path) -> false);
		assertThat(mapped.isPublic(request("/manage/status"))).isTrue();
		assertThat(mapped.isPublic(request("/manage/status/startup"))).isTrue();
		assertThat(mapped.isPublic(request("/manage/status/liveness"))).isFalse();
		assertThat(mapped.isActuator(request("/manage/prometheus"))).isTrue();
		assertThat(asked).hasValue(1);
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		return request;
	}

}
