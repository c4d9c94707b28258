package dev.project51.agent.server.testsupport;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running agent at the default failover settings whose preferred model, "primary", is a
 * fake provider speaking OpenAI's protocol (configured as {@code openai-compatible}) and
 * whose chain ends in the local model. Started before a test class's tests, stopped after
 * them; before each test the primary is healed and the agent answers with it again.
 * Register it on a static field with {@code @RegisterExtension}.
 */
public final class AgentWithFakePrimary implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private final String token;

	private final List<Class<?>> extraSources;

	private final List<String> properties;

	private Path data;

	private FakeProvider primary;

	private AgentApp app;

	private Http http;

	/**
	 * An agent with a fake primary.
	 * @param token the agent's API token, {@code null} for none
	 * @param extraSources additional configuration classes
	 * @param properties additional {@code key=value} properties
	 */
	public AgentWithFakePrimary(String token, List<Class<?>> extraSources, String... properties) {
		this.token = token;
		this.extraSources = List.copyOf(extraSources);
		this.properties = List.of(properties);
	}

	@Override
	public void beforeAll(ExtensionContext extension) throws IOException {
		this.data = Files.createTempDirectory("project51-agent-with-fake-primary");
		this.primary = FakeProvider.start(Protocol.OPENAI, "The primary model says hello.");
		List<String> all = new ArrayList<>(List.of(AgentApp.firstModel(this.primary, "primary", "fake-gpt")));
		if (this.token != null) {
			all.add("project51.agent.api-token=" + this.token);
		}
		all.addAll(this.properties);
		this.app = AgentApp.start(this.data, this.extraSources, all.toArray(String[]::new));
		this.http = new Http(this.app.baseUrl(), this.token);
	}

	@Override
	public void beforeEach(ExtensionContext extension) {
		this.primary.heal();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
			HttpResponse<String> response = this.http.postJson("/api/v1/chat", "{\"message\":\"What is Project51?\"}");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return "primary".equals(ContractSchemas.assertValid("ChatReply", response.body()).path("model").asString());
		});
		this.primary.resetCount();
	}

	@Override
	public void afterAll(ExtensionContext extension) throws IOException {
		try {
			if (this.app != null) {
				this.app.close();
			}
		}
		finally {
			if (this.primary != null) {
				this.primary.close();
			}
			FileSystemUtils.deleteRecursively(this.data);
		}
	}

	/**
	 * The fake provider behind the agent's first model.
	 * @return the provider
	 */
	public FakeProvider primary() {
		return this.primary;
	}

	/**
	 * The agent.
	 * @return the running agent
	 */
	public AgentApp app() {
		return this.app;
	}

	/**
	 * An HTTP client for the agent, with its token if it has one.
	 * @return the client
	 */
	public Http http() {
		return this.http;
	}

}
