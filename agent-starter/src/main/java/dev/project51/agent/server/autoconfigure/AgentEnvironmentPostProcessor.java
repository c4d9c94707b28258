package dev.project51.agent.server.autoconfigure;

import java.util.Map;

import dev.project51.server.internal.env.StarterDefaults;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Defaults that make an application with the starter a ready agent server, at the lowest
 * precedence (Boot's default properties); every one is overridden by the application's
 * own configuration:
 * <ul>
 * <li>{@code server.port=${PORT:8081}} (Render sets {@code PORT});</li>
 * <li>Tomcat's timeouts in seconds, not minutes: a connection whose next bytes do not
 * come within 10 s is closed ({@code server.tomcat.connection-timeout=10s}, per read; the
 * whole head and body have deadlines of their own, {@code project51.agent.limits.*}), an
 * idle keep-alive connection after 60 s ({@code server.tomcat.keep-alive-timeout=60s},
 * longer than the 30 s for which JDK clients keep theirs), and at most 1000 connections
 * ({@code server.tomcat.max-connections=1000}, instead of 8192);</li>
 * <li>an embedded H2 file database at {@code project51.agent.memory.path} when
 * {@code spring.datasource.url} is not set, writing each commit to the file at once
 * ({@code WRITE_DELAY=0}; H2's default of 500 ms loses the last acknowledged messages
 * when the process is killed);</li>
 * <li>the liveness and readiness health groups, readiness including the failover chain
 * ({@code agentModels});</li>
 * <li>the {@code health} and {@code prometheus} actuator endpoints over HTTP (the latter
 * behind the API token, see docs/observability.md), and every trace sampled
 * ({@code management.tracing.sampling.probability=1.0}; Spring Boot's default keeps one
 * in ten); spans leave the process only when an OTLP endpoint is set;</li>
 * <li>no warning from DJL's CUDA probe, which the embedding model's tokenizer runs on
 * every start and which only says that the machine has no GPU (the model runs on the
 * CPU);</li>
 * <li>no stack trace when a client leaves an answer stream: Tomcat logs "Encountered a
 * non-recycled request and recycled it forcedly" with a stack trace at INFO
 * ({@code org.apache.catalina.connector.CoyoteAdapter}) when the connection of an
 * asynchronous answer is released first; its warnings still show.</li>
 * </ul>
 *
 * @since 0.1.0
 */
class AgentEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the defaults when the application's default
	 * properties are not a map (otherwise they are merged into Boot's
	 * {@code defaultProperties}, the application's own default properties winning).
	 */
	public static final String PROPERTY_SOURCE_NAME = "project51AgentDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if ("false".equalsIgnoreCase(environment.getProperty("project51.agent.enabled"))) {
			return;
		}
		Map<String, Object> defaults = StarterDefaults.shared();
		defaults.put("server.port", "${PORT:8081}");
		// No endpoint of the agent takes a form: a multipart Content-Type, even on a GET,
		// must not make Spring parse the body (a malformed one was a 500).
		defaults.put("spring.servlet.multipart.enabled", "false");
		defaults.put("spring.datasource.url",
				"jdbc:h2:file:${project51.agent.memory.path:./.project51/agent-db};DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState,agentModels");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("logging.level.ai.djl.util.cuda.CudaUtils", "ERROR");
		StarterDefaults.add(environment, defaults, PROPERTY_SOURCE_NAME);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
