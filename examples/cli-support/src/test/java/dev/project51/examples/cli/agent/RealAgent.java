package dev.project51.examples.cli.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Project51 agent (the agent starter with its offline local model and built-in
 * knowledge base), started in the test JVM on a random port with a token, for the
 * command-line examples' tests.
 */
public final class RealAgent implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RealAgent(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an agent that answers at once (no delay between the local model's tokens).
	 * @param data a folder for its conversation memory
	 * @param token the bearer token it asks for
	 * @param arguments more of its command line, e.g. raised rate limits
	 * @return the running agent
	 */
	public static RealAgent start(Path data, String token, String... arguments) {
		List<String> commandLine = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--project51.agent.api-token=" + token, "--project51.agent.memory.path=" + data.resolve("agent-db"),
				"--project51.agent.local.token-delay=0ms"));
		commandLine.addAll(List.of(arguments));
		return new RealAgent(
				new SpringApplicationBuilder(TestAgentApplication.class).run(commandLine.toArray(String[]::new)));
	}

	/**
	 * The agent's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String url() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
