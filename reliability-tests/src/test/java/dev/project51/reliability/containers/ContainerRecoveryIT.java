package dev.project51.reliability.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.tools.RequiredTool;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The reference deployment's images under Podman: both are built from their Dockerfiles,
 * run like {@code compose.yaml} runs them (read-only, a tmpfs {@code /tmp}, no
 * capabilities, {@code no-new-privileges}, the conversations on a volume, the restart
 * policy {@code unless-stopped}, the images' {@code HEALTHCHECK}), and then the Java
 * process in each is killed with {@code SIGKILL} from the host. The test measures how
 * long each takes to serve again, checks that Podman's restart policy (not the test)
 * restarted it, that the conversations survive the agent's restart and that the frontend
 * recovers by itself. The figures go to
 * {@code target/reliability-reports/container-recovery.md}.
 * <p>
 * The images' build stage resolves Project51 from the Maven repository of this build
 * (mounted into the build, offline when Maven runs offline), so they contain the
 * libraries just installed: run it after {@code mvn install}. Skipped without Podman,
 * except under {@code CI=true}, where that fails. See docs/containers.md.
 */
class ContainerRecoveryIT {

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

	/**
	 * Both starting together took 30 to 85 s on 2 busy cores; this only catches "never".
	 */
	private static final Duration START_BOUND = Duration.ofMinutes(4);

	/** A restart took 10 to 60 s on 2 busy cores; this only catches "never". */
	private static final Duration RECOVERY_BOUND = Duration.ofMinutes(3);

	private static final Duration POLL = Duration.ofMillis(250);

	private static final String RUN = "p51-it-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String NETWORK = RUN + "-net";

	private static final String VOLUME = RUN + "-data";

	private static final String AGENT = RUN + "-agent";

	private static final String FRONTEND = RUN + "-frontend";

	private static final String AGENT_IMAGE = "localhost/" + RUN + "-backend:test";

	private static final String FRONTEND_IMAGE = "localhost/" + RUN + "-frontend:test";

	private static final String TOKEN = UUID.randomUUID().toString().replace("-", "");

	private static final String READINESS = "/actuator/health/readiness";

	private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern LOG_MESSAGE = Pattern.compile("msg=\"([^\"]+)\"");

	private static final Pattern DONE_EVENT = Pattern.compile("(?m)^event:\\s*done\\s*$");

	// One browser: its session cookie makes the frontend's conversations its own.
	private static final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/** Measured seconds, by row, then by container. */
	private static final Map<String, Map<String, String>> figures = new LinkedHashMap<>();

	private static final List<String> notes = new ArrayList<>();

	private static Podman podman;

	private static int agentPort;

	private static int frontendPort;

	// Builds both images: about 1 min observed with a warm cache, more when cold.
	@BeforeAll
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	static void buildAndStartBothImages() {
		String version = RequiredTool.require("podman", Podman.version(),
				"apt-get install podman runc and build the base images (see docs/containers.md)");
		podman = Podman.create();
		notes.add("Engine: " + version + ", run as `" + podman.describe() + "`, "
				+ Runtime.getRuntime().availableProcessors() + " CPUs");

		Path context = Path.of(System.getProperty("reference.deployment.dir", "../examples/project51"))
			.toAbsolutePath()
			.normalize();
		Path repository = Path.of(System.getProperty("local.repository",
				Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
		boolean offline = System.getProperty("maven.offline", "").endsWith("true");
		notes.add("Maven in the build stage: " + repository + " mounted, " + (offline ? "offline" : "online"));
		build(context, repository, offline, "backend", AGENT_IMAGE, AGENT);
		build(context, repository, offline, "frontend", FRONTEND_IMAGE, FRONTEND);

		podman.check("network", "create", NETWORK);
		podman.check("volume", "create", VOLUME);
		int[] ports = FreePorts.of(2);
		agentPort = ports[0];
		frontendPort = ports[1];
		long started = System.nanoTime();
		JsonNode services = compose(context).path("services");
		// The agent answers to its compose service name: the frontend calls it by that
		// name,
		// and the agent's Host allow-list (against DNS rebinding) names it.
		Podman.Result agentRun = start(AGENT, AGENT_IMAGE, agentPort, 8081,
				List.of("-v", VOLUME + ":/app/data", "--network-alias", "backend"),
				environment(services.path("backend"), "AGENT_API_TOKEN=" + TOKEN));
		Podman.Result frontendRun = start(FRONTEND, FRONTEND_IMAGE, frontendPort, 8080, List.of(),
				environment(services.path("frontend"), "AGENT_API_TOKEN=" + TOKEN));
		record("ready after `podman run`, both starting together (s)", AGENT,
				awaitReady(AGENT, agent(READINESS), started));
		record("ready after `podman run`, both starting together (s)", FRONTEND,
				awaitReady(FRONTEND, frontend(READINESS), started));
		notes.add("Scheduled healthchecks: " + healthcheckScheduling(agentRun.stderr() + frontendRun.stderr()));
		notes.add("Restart policy: " + restartMechanism(AGENT));
	}

	@AfterAll
	static void removeEverythingAndReport() {
		if (podman == null) {
			return;
		}
		podman.quietly("rm", "--force", "--time", "0", FRONTEND, AGENT);
		podman.quietly("network", "rm", "--force", NETWORK);
		podman.quietly("volume", "rm", "--force", VOLUME);
		podman.quietly("rmi", "--force", AGENT_IMAGE, FRONTEND_IMAGE);
		writeReport();
	}

	@Test
	void bothServeAChatAndPassTheirImagesHealthchecks() {
		awaitServing();
		String answer = chatThroughFrontend(null, "How do I roll back a release?");
		assertThat(answer).as("the frontend's event stream").containsPattern(DONE_EVENT).contains("rolling-back.md");
		HttpResponse<String> direct = chatWithAgent(null, "Which version of the backend is deployed?", TOKEN);
		assertThat(direct.statusCode()).as("the agent's answer: %s", direct.body()).isEqualTo(200);
		assertThat(chatWithAgent(null, "Who are you?", null).statusCode()).as("the agent without the token")
			.isEqualTo(401);
		for (String container : List.of(AGENT, FRONTEND)) {
			assertThat(podman.check("inspect", "--format", "{{.Config.Healthcheck.Test}}", container))
				.as("the HEALTHCHECK %s got from its image (kept by --format docker)", container)
				.contains("/actuator/health/liveness");
			Podman.Result check = podman.run(Duration.ofSeconds(30), List.of("healthcheck", "run", container));
			assertThat(check.exitCode())
				.as(() -> "podman healthcheck run " + container + ": " + check.stdout() + check.stderr()
						+ podman.diagnostics(container))
				.isZero();
			assertThat(podman.check("exec", container, "id", "-u")).as("the user in %s", container).isEqualTo("10001");
		}
	}

	/**
	 * Each image made its class data sharing archive at build time and its Java process
	 * maps it; and once started neither keeps native libraries or the embedding model in
	 * the container's {@code /tmp} (a tmpfs, so memory): the model's copy is deleted once
	 * loaded and the tokenizer's library is cached on the data volume.
	 */
	@Test
	void bothStartFromTheArchiveTheirImageBuildMadeAndLeaveNothingInTmp() {
		awaitServing();
		for (String container : List.of(AGENT, FRONTEND)) {
			assertThat(podman.check("exec", container, "sh", "-c", "grep -l /app/application.jsa /proc/[0-9]*/maps"))
				.as("the processes of %s that map /app/application.jsa", container)
				.contains("/maps");
			assertThat(podman.check("exec", container, "find", "/tmp", "(", "-name", "*.so", "-o", "-name", "*.onnx",
					"-o", "-name", ".djl.ai", ")"))
				.as("native libraries and models %s keeps in /tmp once started", container)
				.isEmpty();
		}
	}

	@Test
	void agentKilledIsRestartedByItsPolicyAndKeepsTheConversations() {
		awaitServing();
		// Where each conversation is read back: a browser's belongs to its session.
		Map<String, URI> conversations = new LinkedHashMap<>();
		Map<String, String> messages = new LinkedHashMap<>();
		String viaFrontend = "How do I roll back a release?";
		String frontendId = conversationId(chatThroughFrontend(null, viaFrontend));
		conversations.put(frontendId, frontend("/api/conversations/" + frontendId));
		messages.put(frontendId, viaFrontend);
		String direct = "What happens when the AI provider fails?";
		String directId = conversationId(chatWithAgent(null, direct, TOKEN).body());
		conversations.put(directId, agent("/api/v1/conversations/" + directId));
		messages.put(directId, direct);
		Inspection frontendBefore = inspect(FRONTEND);
		StatusWatch frontendStatus = new StatusWatch();

		Recovery recovery = killJavaAndAwaitRecovery(AGENT, agent(READINESS),
				() -> chatWithAgent(null, "Are you back?", TOKEN).statusCode() == 200, frontendStatus::poll);
		record(recovery, AGENT);

		conversations.forEach((id, uri) -> {
			String message = messages.get(id);
			HttpResponse<String> history = get(uri, uri.getPath().startsWith("/api/v1/") ? TOKEN : null);
			assertThat(history.statusCode()).as("conversation %s after the agent's restart: %s", id, history.body())
				.isEqualTo(200);
			assertThat(history.body()).as("conversation %s after the agent's restart", id)
				.contains(message, "\"role\":\"user\"", "\"role\":\"assistant\"");
		});
		assertThat(frontendStatus.outageSeen()).as("the frontend's status while the agent was down: %s", frontendStatus)
			.isTrue();
		awaitCondition(FRONTEND, "its /api/status to say healthy again", frontendStatus::poll);
		notes.add("Frontend `/api/status` from the agent's kill until it was back: " + frontendStatus);
		record("frontend status `healthy` again after the agent's kill (s)", FRONTEND,
				Duration.ofNanos(frontendStatus.healthyAgainAt() - recovery.killedAt()));
		String continued = chatThroughFrontend(conversations.keySet().iterator().next(), "And with kubectl?");
		assertThat(continued).as("continuing the conversation through the frontend").containsPattern(DONE_EVENT);
		Inspection frontendAfter = inspect(FRONTEND);
		assertThat(frontendAfter.pid()).as("the frontend's process (it must recover without a restart)")
			.isEqualTo(frontendBefore.pid());
		assertThat(frontendAfter.restarts()).as("the frontend's restarts").isEqualTo(frontendBefore.restarts());
	}

	@Test
	void frontendKilledIsRestartedByItsPolicyAndServesAgain() {
		awaitServing();
		Recovery recovery = killJavaAndAwaitRecovery(FRONTEND, frontend(READINESS),
				() -> DONE_EVENT.matcher(chatThroughFrontend(null, "Where does the chat frontend run?")).find(),
				ContainerRecoveryIT::nothingToWatch);
		record(recovery, FRONTEND);
	}

	private static Recovery killJavaAndAwaitRecovery(String container, URI readiness, BooleanSupplier answers,
			Runnable whileWaiting) {
		Inspection before = inspect(container);
		ProcessHandle java = ProcessHandle.of(before.pid())
			.orElseThrow(() -> new AssertionError(
					"No process " + before.pid() + " on the host for " + container + podman.diagnostics(container)));
		notes.add("Killed in " + container + ": host PID " + before.pid() + " "
				+ java.info().commandLine().orElse("(command line not visible)").replaceAll("(.{120}).+", "$1…"));
		long killedAt = System.nanoTime();
		assertThat(java.destroyForcibly()).as("SIGKILL to %s's Java process %s", container, before.pid()).isTrue();
		Duration restarted = null;
		Duration ready = null;
		while (System.nanoTime() - killedAt < RECOVERY_BOUND.toNanos()) {
			whileWaiting.run();
			if (restarted == null) {
				Inspection now = inspect(container);
				if (now.running() && now.restarts() > before.restarts() && now.pid() != before.pid()) {
					restarted = Duration.ofNanos(System.nanoTime() - killedAt);
				}
			}
			if (ready == null && status(readiness) == 200) {
				ready = Duration.ofNanos(System.nanoTime() - killedAt);
			}
			if (restarted != null && ready != null && answersSafely(answers)) {
				return new Recovery(killedAt, restarted, ready, Duration.ofNanos(System.nanoTime() - killedAt));
			}
			sleep(POLL);
		}
		Inspection after = inspect(container);
		String what = (restarted == null)
				? "Podman did not restart it (restart count " + before.restarts() + " → " + after.restarts()
						+ ", status " + after.status() + ")"
				: "it was restarted after " + seconds(restarted) + " s but "
						+ ((ready == null) ? "never became ready" : "answered no chat");
		throw new AssertionError("After SIGKILL to its Java process, " + container + " did not serve again within "
				+ RECOVERY_BOUND.toSeconds() + " s: " + what + podman.diagnostics(container));
	}

	private static void nothingToWatch() {
	}

	private static boolean answersSafely(BooleanSupplier answers) {
		try {
			return answers.getAsBoolean();
		}
		catch (RuntimeException | AssertionError ex) {
			return false;
		}
	}

	private static void build(Path context, Path repository, boolean offline, String component, String image,
			String column) {
		Path log = Path.of("target", "container-recovery", component + "-build.log").toAbsolutePath();
		Path settings = Path.of("target", "container-recovery", "settings.xml").toAbsolutePath();
		write(settings, "<settings><offline>" + offline + "</offline></settings>\n");
		// The Dockerfiles pin their base images by digest; the stand-in base images
		// .ci/run builds carry the
		// images' tags but not Docker Hub's digests, so the copy built here names the
		// tags alone.
		Path dockerfile = Path.of("target", "container-recovery", component + ".Dockerfile").toAbsolutePath();
		try {
			write(dockerfile, Files.readString(context.resolve(component).resolve("Dockerfile"))
				.replaceAll("(?m)^(FROM [^@\\s]+)@sha256:[0-9a-f]{64}", "$1"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> args = new ArrayList<>(List.of("build", "--format", "docker", "--layers=false", "--file",
				dockerfile.toString(), "--tag", image, "--volume", repository + ":/root/.m2/repository", "--volume",
				settings + ":/root/.m2/settings.xml:ro"));
		args.addAll(Podman.ULIMITS);
		args.add(context.toString());
		long started = System.nanoTime();
		int exitCode = podman.runLogged(BUILD_TIMEOUT, log, args);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		if (exitCode != 0) {
			throw new AssertionError("Building " + component + "/Dockerfile failed (exit " + exitCode + ") after "
					+ seconds(took) + " s; the end of " + log + ":" + System.lineSeparator() + tail(log, 40));
		}
		record("image build, no cache (s)", column, took);
	}

	private static JsonNode compose(Path context) {
		try {
			return YAMLMapper.shared().readTree(Files.readString(context.resolve("compose.yaml")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The environment {@code compose.yaml} gives a service: its literal values as
	 * written, and the given ones in place of those it interpolates from the shell (the
	 * token, the optional provider keys).
	 */
	private static List<String> environment(JsonNode service, String... given) {
		List<String> environment = new ArrayList<>(List.of(given));
		JsonNode variables = service.path("environment");
		assertThat(variables.isObject()).as("compose.yaml names the environment of %s as a map", service).isTrue();
		for (Map.Entry<String, JsonNode> variable : variables.properties()) {
			String value = variable.getValue().asString();
			if (!value.contains("${")) {
				environment.add(variable.getKey() + "=" + value);
			}
		}
		return environment;
	}

	private static Podman.Result start(String name, String image, int hostPort, int port, List<String> extra,
			List<String> environment) {
		List<String> args = new ArrayList<>(
				List.of("run", "--detach", "--name", name, "--network", NETWORK, "--restart", "unless-stopped",
						"--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
						"--label", "dev.project51.test=" + RUN, "--publish", "127.0.0.1:" + hostPort + ":" + port));
		args.addAll(Podman.ULIMITS);
		args.addAll(extra);
		environment.forEach((variable) -> args.addAll(List.of("--env", variable)));
		args.add(image);
		return podman.check(Duration.ofMinutes(2), args);
	}

	private static String healthcheckScheduling(String runErrors) {
		return runErrors.lines().filter((line) -> line.contains("healthcheck")).findFirst().map((line) -> {
			Matcher message = LOG_MESSAGE.matcher(line);
			return "none; `podman run` said: " + (message.find() ? message.group(1) : line.strip());
		}).orElse("set up by Podman (`podman run` reported no error)");
	}

	private static String restartMechanism(String container) {
		try {
			String conmon = podman.check("inspect", "--format", "{{.State.ConmonPid}}", container);
			List<String> arguments = List
				.of(Files.readString(Path.of("/proc", conmon, "cmdline"), StandardCharsets.UTF_8).split("\0"));
			int cleanup = arguments.indexOf("cleanup");
			return (cleanup > 0 && arguments.get(cleanup - 2).equals("container"))
					? "conmon (PID " + conmon + ") runs `podman container cleanup` when the container's process "
							+ "exits, and that command applies the restart policy"
					: "conmon (PID " + conmon + ") has no `container cleanup` exit command";
		}
		catch (IOException | RuntimeException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	private static Duration awaitReady(String container, URI readiness, long since) {
		Duration left = START_BOUND.minusNanos(System.nanoTime() - since);
		try {
			await().atMost(left.compareTo(POLL) > 0 ? left : POLL)
				.pollInterval(POLL)
				.until(() -> status(readiness) == 200);
			return Duration.ofNanos(System.nanoTime() - since);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(container + " was not ready (" + readiness + ") within " + START_BOUND.toSeconds()
					+ " s" + podman.diagnostics(container));
		}
	}

	private static void awaitServing() {
		long since = System.nanoTime();
		awaitReady(AGENT, agent(READINESS), since);
		awaitReady(FRONTEND, frontend(READINESS), since);
		awaitCondition(FRONTEND, "its /api/status to say healthy",
				() -> frontendStatus().map("healthy"::equals).orElse(false));
	}

	private static void awaitCondition(String container, String what, BooleanSupplier condition) {
		try {
			await().atMost(RECOVERY_BOUND).pollInterval(POLL).until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Waited " + RECOVERY_BOUND.toSeconds() + " s for " + container + ": " + what
					+ podman.diagnostics(container) + podman.diagnostics(AGENT));
		}
	}

	private static Inspection inspect(String container) {
		String[] fields = podman
			.check("inspect", "--format", "{{.State.Status}} {{.State.Pid}} {{.RestartCount}}", container)
			.split(" ");
		return new Inspection(fields[0], Long.parseLong(fields[1]), Integer.parseInt(fields[2]));
	}

	private static String chatThroughFrontend(String conversationId, String message) {
		HttpResponse<String> response = post(frontend("/api/chat/stream"), chatBody(conversationId, message), null);
		assertThat(response.statusCode()).as("POST /api/chat/stream: %s", response.body()).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> chatWithAgent(String conversationId, String message, String token) {
		return post(agent("/api/v1/chat"), chatBody(conversationId, message), token);
	}

	private static Optional<String> frontendStatus() {
		try {
			HttpResponse<String> response = get(frontend("/api/status"), null);
			Matcher state = STATE.matcher(response.body());
			return (response.statusCode() == 200 && state.find()) ? Optional.of(state.group(1)) : Optional.empty();
		}
		catch (UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	private static String chatBody(String conversationId, String message) {
		return (conversationId != null)
				? "{\"conversationId\":\"" + conversationId + "\",\"message\":\"" + message + "\"}"
				: "{\"message\":\"" + message + "\"}";
	}

	private static String conversationId(String body) {
		Matcher matcher = CONVERSATION_ID.matcher(body);
		assertThat(matcher.find()).as("a conversation id in %s", body).isTrue();
		return matcher.group(1);
	}

	private static int status(URI uri) {
		try {
			return get(uri, null).statusCode();
		}
		catch (UncheckedIOException ex) {
			return -1;
		}
	}

	private static HttpResponse<String> get(URI uri, String token) {
		return send(request(uri, token).GET().build());
	}

	private static HttpResponse<String> post(URI uri, String json, String token) {
		return send(request(uri, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static HttpRequest.Builder request(URI uri, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static URI agent(String path) {
		return URI.create("http://127.0.0.1:" + agentPort + path);
	}

	private static URI frontend(String path) {
		return URI.create("http://127.0.0.1:" + frontendPort + path);
	}

	private static void record(Recovery recovery, String container) {
		record("restarted by its policy after SIGKILL (s)", container, recovery.restarted());
		record("ready again after SIGKILL (s)", container, recovery.ready());
		record("chat answered again after SIGKILL (s)", container, recovery.answered());
	}

	private static synchronized void record(String row, String container, Duration duration) {
		figures.computeIfAbsent(row, (key) -> new LinkedHashMap<>()).put(container, seconds(duration));
		System.out.println("[container-recovery] " + container + ": " + row + " = " + seconds(duration));
	}

	private static void writeReport() {
		List<String> lines = new ArrayList<>();
		lines.add("# Container recovery");
		lines.add("");
		lines.add("Measured by `ContainerRecoveryIT` on " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ".");
		lines.add("");
		lines.add("| measured | backend (agent) | frontend |");
		lines.add("|---|---|---|");
		figures.forEach((row, values) -> lines.add("| " + row + " | " + values.getOrDefault(AGENT, "–") + " | "
				+ values.getOrDefault(FRONTEND, "–") + " |"));
		lines.add("");
		notes.forEach((note) -> lines.add("- " + note.replace(RUN + "-", "")));
		Path report = Path.of("target", "reliability-reports", "container-recovery.md").toAbsolutePath();
		write(report, String.join(System.lineSeparator(), lines) + System.lineSeparator());
		System.out.println(String.join(System.lineSeparator(), lines));
		System.out.println("[container-recovery] report: " + report);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
	}

	private static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail("Interrupted");
		}
	}

	/**
	 * The states the frontend's {@code /api/status} went through, and when it said
	 * {@code healthy} again after saying something else.
	 */
	private static final class StatusWatch {

		private final List<String> states = new ArrayList<>();

		private long healthyAgainAt;

		/**
		 * Asks the frontend once.
		 * @return whether it says healthy after an outage
		 */
		boolean poll() {
			Optional<String> state = frontendStatus();
			if (state.isPresent() && (this.states.isEmpty() || !last().equals(state.get()))) {
				this.states.add(state.get());
				if (outageSeen() && "healthy".equals(state.get())) {
					this.healthyAgainAt = System.nanoTime();
				}
			}
			return this.healthyAgainAt != 0;
		}

		boolean outageSeen() {
			return this.states.stream().anyMatch((state) -> !"healthy".equals(state));
		}

		long healthyAgainAt() {
			return this.healthyAgainAt;
		}

		private String last() {
			return this.states.get(this.states.size() - 1);
		}

		@Override
		public String toString() {
			return String.join(" → ", this.states);
		}

	}

	/**
	 * What {@code podman inspect} says about a container.
	 *
	 * @param status e.g. {@code running}
	 * @param pid its main process on the host
	 * @param restarts how often its restart policy restarted it
	 */
	private record Inspection(String status, long pid, int restarts) {

		boolean running() {
			return "running".equals(this.status);
		}

	}

	/**
	 * Times from the SIGKILL.
	 *
	 * @param killedAt {@link System#nanoTime()} of the kill
	 * @param restarted until Podman reported a new process
	 * @param ready until the readiness probe answered 200
	 * @param answered until a chat was answered
	 */
	private record Recovery(long killedAt, Duration restarted, Duration ready, Duration answered) {

	}

}
