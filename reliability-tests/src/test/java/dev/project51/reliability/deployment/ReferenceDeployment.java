package dev.project51.reliability.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.project51.agent.client.AgentClient;
import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference deployment as separate processes on loopback: the agent
 * ({@code examples/project51/backend}'s jar) with a fake OpenAI-compatible provider in
 * front of its offline local model, and the frontend
 * ({@code examples/project51/frontend}'s jar) relaying to it with a shared token, as in
 * production.
 * <p>
 * Started once per test JVM ({@link #shared()}) because two JVM start-ups cost about 15 s
 * on two cores; tests leave it healthy (provider healed, both processes running) when
 * they finish.
 * <p>
 * Departures from the defaults, each so that a test measures healing and not something
 * else: the primary is an OpenAI-compatible provider named {@code primary}; and the rate
 * limit is raised, because all load comes from one address (the test's or the
 * frontend's). Every failover setting is the default; the provider fault matrix
 * ({@code ProviderFaultMatrixIT}) runs its own agents configured only as a user would.
 */
public final class ReferenceDeployment implements AutoCloseable {

	/** The answer of the fake primary model. */
	public static final String PRIMARY_ANSWER = "The primary model answers: roll back with kubectl rollout undo.";

	private static final HttpClient STATUS_HTTP = HttpClient.newHttpClient();

	private static ReferenceDeployment shared;

	private final FakeProvider provider;

	private final AppProcess agent;

	private final AppProcess frontend;

	private final String token;

	private final Path dataDirectory;

	private ReferenceDeployment(FakeProvider provider, AppProcess agent, AppProcess frontend, String token,
			Path dataDirectory) {
		this.provider = provider;
		this.agent = agent;
		this.frontend = frontend;
		this.token = token;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * The deployment shared by the tests of this JVM, started on first use and stopped
	 * when the JVM exits.
	 * @return the running deployment
	 */
	public static synchronized ReferenceDeployment shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "reference-deployment-stop"));
		}
		return shared;
	}

	/**
	 * A deployment of its own with every setting at its default, configured only as
	 * {@code compose.yaml} tells a user to: the token, and the OpenAI provider pointed at
	 * a fake one ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY}, {@code OPENAI_MODEL})
	 * that answers {@code answer}. Close it after use.
	 * @param answer what the fake provider answers every request
	 * @return the running deployment
	 */
	public static ReferenceDeployment atDefaults(String answer) {
		Path root = root();
		Path work = Path.of("target", "reliability", "defaults-" + System.currentTimeMillis()).toAbsolutePath();
		String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
		FakeProvider provider = FakeProvider.start(Protocol.OPENAI, answer).expectApiKey("sk-reliability");
		int[] ports = FreePorts.of(2);
		AppProcess agent = AppProcess.start("agent", executableJar(root.resolve("backend")), ports[0],
				Map.of("AGENT_API_TOKEN", token, "AI_PROVIDER", "openai", "OPENAI_API_KEY", "sk-reliability",
						"OPENAI_BASE_URL", provider.baseUrl(), "OPENAI_MODEL", "fake-gpt",
						"PROJECT51_AGENT_MEMORY_PATH", work.resolve("data/agent-db").toString()),
				List.of("--spring.main.banner-mode=off"), work.resolve("logs"));
		AppProcess frontend = AppProcess.start("frontend", executableJar(root.resolve("frontend")), ports[1],
				Map.of("AGENT_API_TOKEN", token, "PROJECT51_FRONTEND_AGENT_BASE_URL", agent.baseUrl()),
				List.of("--spring.main.banner-mode=off"), work.resolve("logs"));
		return awaitReady(new ReferenceDeployment(provider, agent, frontend, token, work));
	}

	private static ReferenceDeployment awaitReady(ReferenceDeployment deployment) {
		try {
			deployment.agent.awaitReady(Duration.ofSeconds(120));
			deployment.frontend.awaitReady(Duration.ofSeconds(120));
		}
		catch (RuntimeException ex) {
			deployment.close();
			throw ex;
		}
		return deployment;
	}

	private static ReferenceDeployment start() {
		Path root = root();
		Path work = Path.of("target", "reliability", Long.toString(System.currentTimeMillis())).toAbsolutePath();
		String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
		FakeProvider provider = FakeProvider.start(Protocol.OPENAI, PRIMARY_ANSWER);
		int[] ports = FreePorts.of(2);
		int agentPort = ports[0];
		int frontendPort = ports[1];
		AppProcess agent = AppProcess.start("agent", executableJar(root.resolve("backend")), agentPort,
				Map.of("AGENT_API_TOKEN", token, "AI_PROVIDER", "local", "PROJECT51_AGENT_MEMORY_PATH",
						work.resolve("data/agent-db").toString()),
				List.of("--spring.main.banner-mode=off", "--project51.agent.models[0].provider=openai-compatible",
						"--project51.agent.models[0].name=primary", "--project51.agent.models[0].model=fake-gpt",
						"--project51.agent.models[0].base-url=" + provider.baseUrl(),
						"--project51.agent.limits.rate-limit.requests-per-minute=100000",
						"--project51.agent.limits.rate-limit.burst=10000",
						"--project51.agent.limits.rate-limit.user-requests-per-minute=100000",
						"--project51.agent.limits.rate-limit.user-burst=10000"),
				work.resolve("logs"));
		AppProcess frontend = AppProcess.start("frontend", executableJar(root.resolve("frontend")), frontendPort,
				Map.of("AGENT_API_TOKEN", token, "PROJECT51_FRONTEND_AGENT_BASE_URL", agent.baseUrl()),
				// The load tests send from one address, past the frontend's own limits.
				List.of("--spring.main.banner-mode=off", "--project51.frontend.rate-limit.enabled=false"),
				work.resolve("logs"));
		return awaitReady(new ReferenceDeployment(provider, agent, frontend, token, work));
	}

	/**
	 * The reference deployment's directory ({@code examples/project51}).
	 * @return the directory
	 */
	public static Path root() {
		return Path.of(System.getProperty("reference.deployment.dir", "../examples/project51"));
	}

	/**
	 * The fake provider in front of the local model ({@code primary} in the chain).
	 * @return the provider
	 */
	public FakeProvider provider() {
		return this.provider;
	}

	/**
	 * The agent process.
	 * @return the agent
	 */
	public AppProcess agent() {
		return this.agent;
	}

	/**
	 * The frontend process.
	 * @return the frontend
	 */
	public AppProcess frontend() {
		return this.frontend;
	}

	/**
	 * A new client of the agent, with the token; close it after use.
	 * @return the client
	 */
	public AgentClient agentClient() {
		return AgentClient.builder().baseUrl(this.agent.baseUrl()).apiToken(this.token).build();
	}

	/**
	 * The token the agent and the frontend share (their APIs and actuators).
	 * @return the token
	 */
	public String token() {
		return this.token;
	}

	/**
	 * The frontend's chat, as the browser uses it.
	 * @return the chat
	 */
	public FrontendChat frontendChat() {
		return new FrontendChat(this.frontend.uri("/api/chat/stream"));
	}

	/**
	 * The frontend's view of the agent, as the page shows it: {@code GET /api/status}.
	 * @return {@code healthy}, {@code degraded} or {@code unavailable}, or
	 * {@code unreachable} when the frontend itself does not answer
	 */
	public String frontendStatus() {
		try {
			HttpResponse<String> response = STATUS_HTTP.send(
					HttpRequest.newBuilder(this.frontend.uri("/api/status")).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			return JsonMapper.shared().readTree(response.body()).path("state").asString("unreachable");
		}
		catch (IOException ex) {
			return "unreachable";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unreachable";
		}
	}

	/**
	 * Where this run keeps its data and logs.
	 * @return the directory
	 */
	public Path workDirectory() {
		return this.dataDirectory;
	}

	@Override
	public void close() {
		this.frontend.close();
		this.agent.close();
		this.provider.close();
	}

	/**
	 * The executable jar of one of the reference deployment's modules.
	 * @param module the module's directory, e.g. {@code examples/project51/backend}
	 * @return the jar
	 */
	public static Path executableJar(Path module) {
		Path target = module.resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No executable jar in " + target.toAbsolutePath()
						+ "; build the reference deployment first (mvn package -pl examples/project51 -am)"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + target.toAbsolutePath()
					+ "; build the reference deployment first (mvn package -pl examples/project51 -am)", ex);
		}
	}

}
