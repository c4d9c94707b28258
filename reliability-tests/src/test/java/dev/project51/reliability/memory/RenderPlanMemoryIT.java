package dev.project51.reliability.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.tools.RequiredTool;
import org.junit.jupiter.api.Test;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.reliability.deployment.AppProcess;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.reliability.deployment.Report;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent as {@code render.yaml} deploys it, on the Render starter plan: its
 * {@code JAVA_TOOL_OPTIONS} from the Blueprint, one CPU and a hard limit of 512 MB
 * enforced by the kernel (a memory cgroup without swap), under concurrent chats. It must
 * start, answer every call and never be OOM-killed. Before the embedding model was loaded
 * outside the heap, the kernel killed it during start-up.
 * <p>
 * Needs a memory cgroup (root); elsewhere it is skipped, except in CI ({@code CI=true}),
 * where a missing cgroup fails it.
 */
class RenderPlanMemoryIT {

	/** The starter plan's 512 MB. */
	private static final long LIMIT = 512_000_000L;

	private static final int CALLERS = 32;

	private static final Duration LOAD = Duration.ofSeconds(20);

	@Test
	void theAgentServesUnderTheStarterPlansMemoryLimit() throws Exception {
		List<String> whyNot = new ArrayList<>();
		Optional<MemoryCgroup> created = MemoryCgroup.create("project51-render-" + ProcessHandle.current().pid(), LIMIT,
				whyNot);
		RequiredTool.require("a memory cgroup", created::isPresent,
				"run as root on cgroup v2 (" + String.join("; ", whyNot) + ")");
		Path root = ReferenceDeployment.root();
		String javaToolOptions = agentJavaToolOptions(root.resolve("render.yaml"));
		Path work = Files.createTempDirectory(Path.of("target"), "render-memory").toAbsolutePath();
		String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
		int port = FreePorts.one();
		try (MemoryCgroup cgroup = created.get()) {
			List<String> command = cgroup.wrap(List.of(AppProcess.java(), "-XX:ActiveProcessorCount=1", "-jar",
					ReferenceDeployment.executableJar(root.resolve("backend")).toString(),
					"--spring.main.banner-mode=off", "--project51.agent.limits.rate-limit.requests-per-minute=1000000",
					"--project51.agent.limits.rate-limit.burst=100000"));
			AtomicInteger answered = new AtomicInteger();
			ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
			try (AppProcess agent = AppProcess.start("agent-512mb", command, port,
					Map.of("JAVA_TOOL_OPTIONS", javaToolOptions, "AGENT_API_TOKEN", token, "AI_PROVIDER", "local",
							"PROJECT51_AGENT_MEMORY_PATH", work.resolve("data/agent-db").toString()),
					work.resolve("logs"));
					AgentClient client = AgentClient.builder()
						.baseUrl(agent.baseUrl())
						.apiToken(token)
						.retryPolicy(RetryPolicy.disabled())
						.circuitBreaker(CircuitBreakerPolicy.disabled())
						.build()) {
				Duration ready = agent.awaitReady(Duration.ofSeconds(120));
				long end = System.nanoTime() + LOAD.toNanos();
				List<Thread> callers = new ArrayList<>();
				for (int i = 0; i < CALLERS; i++) {
					int caller = i;
					Thread thread = new Thread(() -> {
						for (int n = 0; System.nanoTime() < end; n++) {
							try {
								client.chat(ChatRequest.of("How do I roll back a release? (" + caller + "/" + n + ")"));
								answered.incrementAndGet();
							}
							catch (RuntimeException ex) {
								failures.add(ex.toString());
							}
						}
					}, "caller-" + i);
					thread.start();
					callers.add(thread);
				}
				for (Thread caller : callers) {
					caller.join(TimeUnit.MINUTES.toMillis(2));
				}
				assertThat(agent.isAlive()).as("the agent is still running; its log:%n%s", agent.logTail(30)).isTrue();
				new Report("render-memory", "The agent under the Render starter plan's memory limit")
					.line("`render.yaml`'s `JAVA_TOOL_OPTIONS=" + javaToolOptions
							+ "`, `-XX:ActiveProcessorCount=1`, a memory cgroup of " + LIMIT + " bytes without swap ("
							+ cgroup + ").")
					.line("")
					.line("- ready after " + Report.seconds(ready))
					.line("- " + CALLERS + " callers on `POST /api/v1/chat` for " + Report.seconds(LOAD) + ": "
							+ answered.get() + " answered, " + failures.size() + " failed")
					.line("- cgroup peak " + mib(cgroup.peakBytes()) + " MiB of " + mib(LIMIT) + " MiB, OOM kills "
							+ cgroup.oomKills())
					.line("- after the load: " + mib(cgroup.anonymousBytes()) + " MiB anonymous memory, "
							+ mib(cgroup.pageCacheBytes()) + " MiB page cache")
					.write();
				assertThat(cgroup.oomKills()).as("OOM kills in %s", cgroup).isZero();
				assertThat(failures).as("failed calls").isEmpty();
				assertThat(answered.get()).isPositive();
			}
		}
	}

	/** The value of the agent's {@code JAVA_TOOL_OPTIONS} in the Render Blueprint. */
	private static String agentJavaToolOptions(Path blueprint) throws IOException {
		List<String> lines = Files.readAllLines(blueprint);
		for (int i = 0; i < lines.size() - 1; i++) {
			if (lines.get(i).strip().equals("- key: JAVA_TOOL_OPTIONS")) {
				String value = lines.get(i + 1).strip();
				assertThat(value).as("the line after JAVA_TOOL_OPTIONS in %s", blueprint).startsWith("value:");
				return value.substring("value:".length()).strip().replace("\"", "");
			}
		}
		throw new AssertionError("no JAVA_TOOL_OPTIONS in " + blueprint);
	}

	private static long mib(long bytes) {
		return Math.round(bytes / 1048576.0);
	}

}
