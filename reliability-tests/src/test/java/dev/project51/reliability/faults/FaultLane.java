package dev.project51.reliability.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.reliability.deployment.AppProcess;
import dev.project51.reliability.deployment.FrontendChat;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.providers.FakeProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One lane of the fault matrix: a fake provider speaking its protocol, and the reference
 * deployment's agent (its executable jar, as generated) configured by the environment
 * variables a user sets for that provider (the provider's key and base URL) and nothing
 * else, plus the frontend for the browser's path. Every failover setting is the default.
 * The lane runs its scenarios one after the other, each from a healthy, closed and clean
 * circuit ({@link #prepare()}), so that every scenario reaches the provider.
 */
final class FaultLane implements AutoCloseable {

	/** The fake primary's answer: three words, streamed as three tokens. */
	static final String PRIMARY_ANSWER = "Primary answers here.";

	/**
	 * Successful calls after a scenario: as many as the breaker's window holds, so that
	 * the scenario's failures leave it.
	 */
	private static final int WARM_UP_CALLS = Defaults.SLIDING_WINDOW_SIZE;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.shared();

	private final ProviderKind kind;

	private final AnswerPath path;

	private final FakeProvider provider;

	private final AppProcess agent;

	private final AppProcess frontend;

	private FrontendChat browser;

	private final String token;

	private final AgentClient client;

	private FaultLane(ProviderKind kind, AnswerPath path, FakeProvider provider, AppProcess agent, AppProcess frontend,
			String token) {
		this.kind = kind;
		this.path = path;
		this.provider = provider;
		this.agent = agent;
		this.frontend = frontend;
		this.token = token;
		this.client = AgentClient.builder().baseUrl(agent.baseUrl()).apiToken(token).build();
	}

	/**
	 * Starts a lane and waits until it is ready.
	 * @param kind the provider
	 * @param path the path of the user's messages
	 * @param work a directory of its own for the database and the logs
	 * @return the lane
	 */
	static FaultLane start(ProviderKind kind, AnswerPath path, Path work) {
		Path root = ReferenceDeployment.root();
		String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		FakeProvider provider = FakeProvider.start(kind.protocol(), PRIMARY_ANSWER);
		String name = kind.id() + "-" + path.name().toLowerCase(java.util.Locale.ROOT);
		Map<String, String> environment = new HashMap<>(kind.environment(provider.baseUrl()));
		environment.put("AGENT_API_TOKEN", token);
		// The database must be the lane's own: where it lives is the one setting a test
		// cannot leave alone.
		environment.put("PROJECT51_AGENT_MEMORY_PATH", work.resolve("agent-db").toString());
		AppProcess agent = AppProcess.start(name + "-agent", ReferenceDeployment.executableJar(root.resolve("backend")),
				FreePorts.one(), environment, List.of("--spring.main.banner-mode=off"), work.resolve("logs"));
		AppProcess frontend = null;
		try {
			agent.awaitReady(Duration.ofSeconds(180));
			if (path == AnswerPath.BROWSER) {
				frontend = AppProcess.start(name + "-frontend",
						ReferenceDeployment.executableJar(root.resolve("frontend")), FreePorts.one(),
						Map.of("AGENT_API_TOKEN", token, "PROJECT51_FRONTEND_AGENT_BASE_URL", agent.baseUrl()),
						// Concurrent users from one address and one session: past the
						// frontend's own limits, which ManyUsersIT checks.
						List.of("--spring.main.banner-mode=off", "--project51.frontend.rate-limit.enabled=false"),
						work.resolve("logs"));
				frontend.awaitReady(Duration.ofSeconds(180));
			}
		}
		catch (RuntimeException ex) {
			agent.close();
			if (frontend != null) {
				frontend.close();
			}
			provider.close();
			throw ex;
		}
		return new FaultLane(kind, path, provider, agent, frontend, token);
	}

	ProviderKind kind() {
		return this.kind;
	}

	AnswerPath path() {
		return this.path;
	}

	FakeProvider provider() {
		return this.provider;
	}

	String token() {
		return this.token;
	}

	String agentBaseUrl() {
		return this.agent.baseUrl();
	}

	AgentClient agentClient() {
		return this.client;
	}

	/**
	 * The lane's browser: one session, so that a conversation it started is its own when
	 * it continues it.
	 */
	synchronized FrontendChat frontendChat() {
		if (this.browser == null) {
			this.browser = new FrontendChat(this.frontend.uri("/api/chat/stream"));
		}
		return this.browser;
	}

	/**
	 * The preferred model's entry of {@code GET /api/v1/models}.
	 * @return the JSON object
	 */
	JsonNode primaryStatus() throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(this.agent.uri("/api/v1/models"))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get(0);
	}

	/**
	 * The frontend's view of the agent, as the status pill shows it.
	 * @return {@code healthy}, {@code degraded} or {@code unavailable}
	 */
	String frontendStatus() throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(this.frontend.uri("/api/status")).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body()).path("state").asString();
	}

	/**
	 * Sends a streamed message on the lane's path from a raw connection, waits until the
	 * provider has received it (and hangs, as the scenario arranged), then closes the
	 * connection, as a closed tab or a stopped client does.
	 * @param conversationId the conversation, {@code null} on the OpenAI-compatible path
	 * @param message the message
	 * @return how long the client waited before it left
	 */
	Duration leaveWhileWaiting(String conversationId, String message) throws Exception {
		String path;
		ObjectNode body = JSON.createObjectNode();
		AppProcess target = this.agent;
		boolean withToken = true;
		String cookie = "";
		switch (this.path) {
			case API_STREAM -> {
				path = "/api/v1/chat/stream";
				body.put("conversationId", conversationId).put("message", message);
			}
			case OPENAI_STREAM -> {
				path = "/v1/chat/completions";
				body.put("stream", true).putArray("messages").addObject().put("role", "user").put("content", message);
			}
			case BROWSER -> {
				path = "/api/chat/stream";
				body.put("conversationId", conversationId).put("message", message);
				target = this.frontend;
				withToken = false;
				cookie = frontendChat().cookieHeader();
			}
			default -> throw new IllegalStateException("not a streaming path: " + this.path);
		}
		byte[] json = JSON.writeValueAsBytes(body);
		long start = System.nanoTime();
		try (Socket socket = new Socket("127.0.0.1", target.uri("/").getPort())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ (withToken ? "Authorization: Bearer " + this.token + "\r\n" : "")
					+ (cookie.isEmpty() ? "" : "Cookie: " + cookie + "\r\n") + "Content-Length: " + json.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(json);
			out.flush();
			String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(status).as("the stream started").isEqualTo("HTTP/1.1 200");
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> this.provider.requests() > 0);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Brings the lane back to a healthy start: the provider healed, its circuit closed
	 * (waiting for a background probe if a scenario opened it), and a few answers by the
	 * primary, so that the next scenario starts from a window without failures.
	 */
	void prepare() throws Exception {
		this.provider.heal();
		await("the primary's circuit closes after healing").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> "CLOSED".equals(primaryStatus().path("state").asString()));
		for (int i = 0; i < WARM_UP_CALLS; i++) {
			ChatReply reply = this.client.chat(ChatRequest.of("Warm up: what is Project51?"));
			assertThat(reply.model()).as("the healed primary answers").isEqualTo(this.kind.modelName());
		}
		assertThat(primaryStatus().path("failing").asBoolean()).isFalse();
		this.provider.resetCount();
	}

	@Override
	public void close() {
		this.client.close();
		if (this.frontend != null) {
			this.frontend.close();
		}
		this.agent.close();
		this.provider.close();
	}

	@Override
	public String toString() {
		return this.kind.id() + " / " + this.path;
	}

}
