package dev.project51.examples.cli.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A real Project51 agent (the agent starter with its offline local model and built-in
 * knowledge base), started in the test JVM on a random port with a token before a test
 * class's tests and stopped after them, for the command-line examples' tests. Register it
 * on a static field with {@code @RegisterExtension}.
 */
public final class RealAgent implements BeforeAllCallback, AfterAllCallback {

	private final List<String> commandLine;

	private Path data;

	private ConfigurableApplicationContext context;

	/**
	 * An agent that answers at once (no delay between the local model's tokens).
	 * @param token the bearer token it asks for
	 * @param arguments more of its command line, e.g. raised rate limits
	 */
	public RealAgent(String token, String... arguments) {
		this.commandLine = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--project51.agent.api-token=" + token, "--project51.agent.local.token-delay=0ms"));
		this.commandLine.addAll(List.of(arguments));
	}

	@Override
	public void beforeAll(ExtensionContext extension) throws IOException {
		this.data = Files.createTempDirectory("project51-example-agent");
		List<String> commandLine = new ArrayList<>(this.commandLine);
		commandLine.add("--project51.agent.memory.path=" + this.data.resolve("agent-db"));
		this.context = new SpringApplicationBuilder(TestAgentApplication.class).run(commandLine.toArray(String[]::new));
	}

	@Override
	public void afterAll(ExtensionContext extension) throws IOException {
		if (this.context != null) {
			this.context.close();
		}
		FileSystemUtils.deleteRecursively(this.data);
	}

	/**
	 * The agent's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String url() {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

}
