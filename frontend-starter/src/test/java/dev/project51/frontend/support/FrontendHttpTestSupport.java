package dev.project51.frontend.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.project51.testsupport.agent.FakeAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that talk HTTP to a frontend started on a random port, in front of a
 * {@link FakeAgent} shared by all of them (so that they share one application context).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.frontend.stream-heartbeat=200ms", "project51.frontend.max-message-length=50",
				"project51.frontend.status.cache-ttl=0s", "project51.frontend.title=Test <b>desk</b>",
				// These tests send many requests from one address;
				// SessionAndRateLimitTests
				// checks the limits.
				"project51.frontend.rate-limit.enabled=false",
				// The agent starter is on the test class path (for the browser tests); a
				// user's frontend does not have it, and its filters and per-address
				// limits
				// must not answer the frontend's requests here.
				"project51.agent.enabled=false",
				"project51.frontend.suggestions=What is <script>alert(1)</script>?,How do I roll back?",
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-components=always",
				"management.endpoint.health.show-details=always" })
public abstract class FrontendHttpTestSupport {

	/** The token the frontend uses to call the agent; it must never reach a browser. */
	protected static final String TOKEN = "agent-token-7f3a9c";

	protected static final FakeAgent agent = SharedAgent.INSTANCE;

	protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	protected final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void agentProperties(DynamicPropertyRegistry registry) {
		registry.add("project51.frontend.agent.base-url", () -> agent.baseUrl().toString());
		registry.add("project51.frontend.agent.api-token", () -> TOKEN);
	}

	@BeforeEach
	void resetAgent() {
		agent.reset();
		agent.requireToken(TOKEN);
	}

	@AfterEach
	void agentSawOnlyContractConformingTraffic() {
		assertThat(agent.violations()).isEmpty();
	}

	protected HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
	}

	protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	protected JsonNode json(String text) {
		return this.json.readTree(text);
	}

	private static final class SharedAgent {

		static final FakeAgent INSTANCE = FakeAgents.start();

	}

}
