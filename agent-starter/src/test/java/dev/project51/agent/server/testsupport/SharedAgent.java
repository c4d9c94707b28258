package dev.project51.agent.server.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

/**
 * One offline agent shared by the endpoint test classes of this JVM (started on first
 * use, stopped at JVM exit): API token {@value #TOKEN}, the bundled knowledge base plus
 * {@code test-knowledge/}, a 500-character message limit, a 4 KB body limit, no practical
 * limit of failed authentications and a slow application tool.
 */
public final class SharedAgent {

	/** The agent's API token. */
	public static final String TOKEN = "test-token-0123456789";

	private static AgentApp app;

	private SharedAgent() {
	}

	/**
	 * The running agent.
	 * @return the agent
	 */
	public static synchronized AgentApp get() {
		if (app == null) {
			try {
				Path data = Files.createTempDirectory("agent-api-tests");
				app = AgentApp.start(data, List.of(SlowToolConfiguration.class), "project51.agent.api-token=" + TOKEN,
						"project51.agent.knowledge.locations=classpath*:knowledge/**/*.md,classpath*:test-knowledge/*.md",
						"project51.agent.chat.busy-wait=300ms", "project51.agent.limits.max-message-length=500",
						"project51.agent.limits.max-body-size=4KB", "project51.agent.limits.rate-limit.burst=10000",
						// The bad-input tests send hundreds of wrong tokens from one
						// address.
						"project51.agent.limits.auth-failures-per-minute=100000");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					SlowTool.release();
					app.close();
					FileSystemUtils.deleteRecursively(data.toFile());
				}));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return app;
	}

	/**
	 * Offers {@link SlowTool}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SlowToolConfiguration {

		@Bean
		SlowTool slowTool() {
			return new SlowTool();
		}

	}

}
