package dev.project51.reliability.tempdir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.project51.reliability.deployment.AppProcess;
import dev.project51.reliability.deployment.FrontendChat;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.testsupport.net.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start and a stop of either application leave nothing in the temporary directory: each
 * runs with a private {@code java.io.tmpdir}, answers a message, is stopped the way a
 * supervisor stops it ({@code SIGTERM}), and its temporary directory must be empty
 * afterwards. Tomcat's base directory, the embedding model's copy and ONNX Runtime's
 * native libraries all used to stay behind, one set per start.
 */
class TempDirectoryIT {

	@TempDir
	Path work;

	@Test
	void neitherApplicationLeavesAFileInTheTemporaryDirectory() throws Exception {
		Path root = ReferenceDeployment.root();
		String token = "temp-directory-test-token";
		AppProcess agent = AppProcess.start("agent", ReferenceDeployment.executableJar(root.resolve("backend")),
				FreePorts.one(),
				Map.of("AGENT_API_TOKEN", token, "AI_PROVIDER", "local", "PROJECT51_AGENT_MEMORY_PATH",
						this.work.resolve("agent-db").toString()),
				List.of("--spring.main.banner-mode=off"), this.work.resolve("logs"));
		Path agentTmp = agent.temporaryDirectory().orElseThrow();
		AppProcess frontend = null;
		try {
			agent.awaitReady(Duration.ofSeconds(180));
			frontend = AppProcess.start("frontend", ReferenceDeployment.executableJar(root.resolve("frontend")),
					FreePorts.one(),
					Map.of("AGENT_API_TOKEN", token, "PROJECT51_FRONTEND_AGENT_BASE_URL", agent.baseUrl()),
					List.of("--spring.main.banner-mode=off"), this.work.resolve("logs"));
			frontend.awaitReady(Duration.ofSeconds(180));
			FrontendChat.Answer answer = new FrontendChat(frontend.uri("/api/chat/stream")).send(null,
					"How do I roll back a deployment?", Duration.ofSeconds(60));
			assertThat(answer.done()).as("answered: %s", answer).isNotNull();
			assertThat(files(agentTmp)).as("the agent uses its temporary directory while it runs").isNotEmpty();
		}
		finally {
			if (frontend != null) {
				frontend.close();
			}
			agent.close();
		}
		assertThat(agent.isAlive()).isFalse();
		assertThat(files(agentTmp)).as("left behind by the agent").isEmpty();
		assertThat(files(frontend.temporaryDirectory().orElseThrow())).as("left behind by the frontend").isEmpty();
	}

	private static List<Path> files(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

}
