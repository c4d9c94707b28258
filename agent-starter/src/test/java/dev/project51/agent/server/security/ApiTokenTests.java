package dev.project51.agent.server.security;

import java.nio.file.Path;
import java.util.List;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's API token as deployments set it: from a secret file whose value ends with a
 * newline, which the agent client (the frontend's, too) drops before it sends the token.
 */
class ApiTokenTests {

	private static final String TOKEN = "from-a-secret-file";

	@Test
	void aTokenWithATrailingNewlineAcceptsTheTokenTheClientSends(@TempDir Path data) {
		try (AgentApp app = AgentApp.start(data, List.of(), "project51.agent.api-token=" + TOKEN + "\n");
				AgentClient client = AgentClient.builder().baseUrl(app.baseUrl()).apiToken(TOKEN).build()) {
			assertThat(client.models()).isNotEmpty();
			assertThat(new Http(app.baseUrl(), TOKEN).get("/api/v1/models").statusCode()).isEqualTo(200);
			assertThat(new Http(app.baseUrl(), TOKEN + "x").get("/api/v1/models").statusCode()).isEqualTo(401);
			assertThat(new Http(app.baseUrl(), TOKEN).get("/actuator/prometheus").statusCode()).isEqualTo(200);
		}
	}

}
