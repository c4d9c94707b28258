package dev.project51.frontend.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.project51.frontend.support.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The frontend's threads: one bounded, named pool per job (the agent client's answer
 * streams, the agent's status checks, the browser streams' heartbeats), measured as
 * {@code executor_*} meters, and gone when the application closes.
 */
class FrontendExecutorsTests {

	private static final String TOKEN = "executors-token-51";

	private static final List<String> PREFIXES = List.of("project51-frontend-stream-", "project51-agent-status-",
			"project51-sse-heartbeat-");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void poolsAreMeasuredAndEndWithTheApplication() throws Exception {
		// Other tests' applications in this JVM have threads of the same names: only
		// the threads this application started count.
		Set<Thread> before = threads();
		Set<Thread> ours = new HashSet<>();
		ConfigurableApplicationContext frontend = new SpringApplicationBuilder(TestApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--project51.agent.enabled=false",
				// Nothing listens there: the answer fails, but its stream ran on the
				// pool.
				"--project51.frontend.agent.base-url=http://127.0.0.1:9",
				"--project51.frontend.agent.api-token=" + TOKEN);
		try {
			int port = ((WebServerApplicationContext) frontend).getWebServer().getPort();
			HttpResponse<String> answer = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/stream"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Anyone there?\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.body()).contains("event:error");
			HttpResponse<String> status = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(status.body()).contains("unavailable");
			ours.addAll(threads());
			ours.removeAll(before);
			assertThat(ours).extracting(Thread::getName)
				.as("the pools' threads while the application runs")
				.anySatisfy((name) -> assertThat(name).startsWith("project51-frontend-stream-"))
				.anySatisfy((name) -> assertThat(name).startsWith("project51-agent-status-"))
				.anySatisfy((name) -> assertThat(name).startsWith("project51-sse-heartbeat-"));

			HttpResponse<String> scrape = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Authorization", "Bearer " + TOKEN)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).isEqualTo(200);
			List<String> lines = scrape.body().lines().toList();
			assertThat(metric(lines, "executor_pool_max_threads", "project51FrontendStreamExecutor")).isEqualTo(200);
			assertThat(metric(lines, "executor_pool_max_threads", "project51FrontendStatusExecutor")).isEqualTo(1);
			assertThat(metric(lines, "executor_pool_core_threads", "project51FrontendHeartbeatScheduler")).isEqualTo(1);
			assertThat(metric(lines, "executor_completed_tasks_total", "project51FrontendStreamExecutor"))
				.isGreaterThanOrEqualTo(1);
		}
		finally {
			frontend.close();
		}
		// Bounded only by the test's patience: close() waits for the pools itself.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(ours).filteredOn(Thread::isAlive)
				.extracting(Thread::getName)
				.as("the pools' threads after close")
				.isEmpty());
	}

	/** Live threads named like the pools', of any application in this JVM. */
	private static Set<Thread> threads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> PREFIXES.stream().anyMatch(thread.getName()::startsWith))
			.collect(Collectors.toCollection(HashSet::new));
	}

	/** The value of a Prometheus sample of the pool with this bean name. */
	private static double metric(List<String> lines, String name, String pool) {
		return lines.stream()
			.filter((line) -> line.startsWith(name + "{") && line.contains("name=\"" + pool + "\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " of " + pool + " in the scrape"));
	}

}
