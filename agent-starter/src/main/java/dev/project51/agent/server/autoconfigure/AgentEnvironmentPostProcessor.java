package dev.project51.agent.server.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that make an application with the starter a ready agent server; every one is
 * overridden by the application's own configuration:
 * <ul>
 * <li>{@code server.port=${PORT:8081}} (Render sets {@code PORT});</li>
 * <li>an embedded H2 file database at {@code project51.agent.memory.path} when
 * {@code spring.datasource.url} is not set;</li>
 * <li>the liveness and readiness health groups, readiness including the failover chain
 * ({@code agentModels}).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class AgentEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults (lowest precedence). */
	public static final String PROPERTY_SOURCE_NAME = "project51AgentDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "${PORT:8081}");
		defaults.put("spring.datasource.url",
				"jdbc:h2:file:${project51.agent.memory.path:./.project51/agent-db};DB_CLOSE_ON_EXIT=FALSE");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState,agentModels");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
