package dev.project51.frontend.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real agent (the agent starter, with its offline local model) and the frontend in
 * front of it, each an application of its own in this JVM, for the tests that drive both.
 */
public final class AgentAndFrontend {

	private AgentAndFrontend() {
	}

	/**
	 * Starts the agent without the frontend.
	 * @param sources the application's sources
	 * @param port the agent's port
	 * @param token the agent's API token
	 * @param data the directory for the agent's database
	 * @param more further command-line arguments
	 * @return the running agent
	 */
	public static ConfigurableApplicationContext startAgent(List<Class<?>> sources, int port, String token, Path data,
			String... more) {
		return run(sources, more, "--server.port=" + port, "--spring.application.name=agent",
				"--spring.main.banner-mode=off", "--project51.frontend.enabled=false",
				"--project51.agent.api-token=" + token, "--project51.agent.memory.path=" + data.resolve("agent-db"));
	}

	/**
	 * Starts the frontend, on a random port, without the agent starter and its database
	 * that share the class path.
	 * @param sources the application's sources
	 * @param agentPort the agent's port
	 * @param token the agent's API token
	 * @param more further command-line arguments
	 * @return the running frontend
	 */
	public static ConfigurableApplicationContext startFrontend(List<Class<?>> sources, int agentPort, String token,
			String... more) {
		return run(sources, more, "--server.port=0", "--spring.application.name=frontend",
				"--spring.main.banner-mode=off", "--project51.frontend.agent.base-url=http://127.0.0.1:" + agentPort,
				"--project51.frontend.agent.api-token=" + token,
				"--spring.autoconfigure.exclude=dev.project51.agent.server.autoconfigure.AgentAutoConfiguration,"
						+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
						+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"--management.endpoint.health.group.readiness.include=readinessState");
	}

	/**
	 * Closes an application if it runs.
	 * @param context the application, may be {@code null}
	 */
	public static void close(ConfigurableApplicationContext context) {
		if (context != null && context.isActive()) {
			context.close();
		}
	}

	private static ConfigurableApplicationContext run(List<Class<?>> sources, String[] more, String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(List.of(more));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(all.toArray(String[]::new));
	}

}
