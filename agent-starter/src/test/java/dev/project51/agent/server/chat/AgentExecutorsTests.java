package dev.project51.agent.server.chat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.SlowTool;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's threads, seen from outside: its executors and scheduler in the metrics, a
 * turn beyond the executor's bound refused with the documented 503 problem, the local
 * model's streams on their own executor, and no thread left once the application is
 * closed.
 */
class AgentExecutorsTests {

	private static final String TOKEN = "executors-test-token";

	private static final String SLOW = "{\"message\":\"Please run the slow maintenance now\"}";

	@TempDir
	Path data;

	@Test
	void executorsAreMeasuredAndStopWithTheApplication() {
		AgentApp app = AgentApp.start(this.data, List.of(), "project51.agent.api-token=" + TOKEN);
		ThreadPoolTaskExecutor executor;
		ThreadPoolTaskExecutor failover;
		ThreadPoolTaskScheduler scheduler;
		try {
			Http http = new Http(app.baseUrl(), TOKEN);
			assertThat(http.postJson("/api/v1/chat", "{\"message\":\"What is Project51?\"}").statusCode())
				.isEqualTo(200);
			String metrics = http.get("/actuator/prometheus").body();
			assertThat(metrics).contains("executor_pool_max_threads{name=\"agentTaskExecutor\"} 200.0",
					"executor_completed_tasks_total{name=\"agentTaskExecutor\"}",
					"executor_active_threads{name=\"agentTaskScheduler\"}",
					"executor_pool_max_threads{name=\"agentFailoverExecutor\"} 200.0");
			executor = app.beans(ThreadPoolTaskExecutor.class).get("agentTaskExecutor");
			failover = app.beans(ThreadPoolTaskExecutor.class).get("agentFailoverExecutor");
			scheduler = app.beans(ThreadPoolTaskScheduler.class).get("agentTaskScheduler");
			assertThat(executor.getThreadNamePrefix()).isEqualTo("project51-agent-");
		}
		finally {
			app.close();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					executor.getThreadPoolExecutor().isTerminated() && failover.getThreadPoolExecutor().isTerminated()
							&& scheduler.getScheduledThreadPoolExecutor().isTerminated())
				.isTrue());
	}

	@Test
	void localModelStreamsOnItsOwnMeasuredExecutor() {
		Set<Thread> before = localModelThreads();
		AgentApp app = AgentApp.start(this.data, List.of(), "project51.agent.api-token=" + TOKEN);
		Set<Thread> streamed;
		try {
			Http http = new Http(app.baseUrl(), TOKEN);
			String metrics = http.get("/actuator/prometheus").body();
			assertThat(metrics).contains("executor_pool_max_threads{name=\"agentLocalModelExecutor\"} 1000.0",
					"executor_queue_remaining_tasks{name=\"agentLocalModelExecutor\"} 0.0");
			double completed = completedTasks(metrics, "agentLocalModelExecutor");

			HttpResponse<String> stream = http.postJson("/api/v1/chat/stream", "{\"message\":\"What is Project51?\"}");
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(Http.frames(stream.body())).last()
				.satisfies((frame) -> assertThat(frame.event()).isEqualTo("done"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						completedTasks(http.get("/actuator/prometheus").body(), "agentLocalModelExecutor"))
					.isGreaterThan(completed));
			streamed = localModelThreads();
			streamed.removeAll(before);
			assertThat(streamed).as("threads of this application's local model").isNotEmpty();
		}
		finally {
			app.close();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(streamed).noneMatch(Thread::isAlive));
	}

	@Test
	void providerStreamsAreReadOnTheirOwnMeasuredExecutor() {
		try (FakeProvider provider = FakeProvider.start(Protocol.OPENAI, "The remote model says hello.")) {
			AgentApp app = AgentApp.start(this.data, List.of(),
					AgentApp.firstModel(provider, "remote", "fake-gpt", "project51.agent.api-token=" + TOKEN));
			ThreadPoolTaskExecutor streams;
			try {
				Http http = new Http(app.baseUrl(), TOKEN);
				String metrics = http.get("/actuator/prometheus").body();
				assertThat(metrics).contains("executor_pool_max_threads{name=\"agentProviderStreamExecutor\"} 1000.0");
				double completed = completedTasks(metrics, "agentProviderStreamExecutor");

				HttpResponse<String> stream = http.postJson("/api/v1/chat/stream", "{\"message\":\"hello\"}");
				assertThat(stream.statusCode()).isEqualTo(200);
				assertThat(stream.body()).contains("\"model\":\"remote\"", "says hello");
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(
							completedTasks(http.get("/actuator/prometheus").body(), "agentProviderStreamExecutor"))
						.isGreaterThan(completed));
				streams = app.beans(ThreadPoolTaskExecutor.class).get("agentProviderStreamExecutor");
				assertThat(streams.getThreadNamePrefix()).isEqualTo("project51-provider-stream-");
			}
			finally {
				app.close();
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(streams.getThreadPoolExecutor().isTerminated()).isTrue());
		}
	}

	@Test
	void aProviderStreamBeyondTheBoundFailsOver() {
		try (FakeProvider provider = FakeProvider.start(Protocol.OPENAI, "The remote model says hello.")) {
			AgentApp app = AgentApp.start(this.data, List.of(NoProviderStreams.class),
					AgentApp.firstModel(provider, "remote", "fake-gpt", "project51.agent.api-token=" + TOKEN));
			try {
				Http http = new Http(app.baseUrl(), TOKEN);
				HttpResponse<String> stream = http.postJson("/api/v1/chat/stream",
						"{\"message\":\"What is Project51?\"}");
				assertThat(stream.statusCode()).isEqualTo(200);
				assertThat(Http.frames(stream.body())).last()
					.satisfies((frame) -> assertThat(frame.data()).contains("\"model\":\"local\""));
				// a refused stream is never sent: the provider would bill an answer
				// nobody
				// reads
				assertThat(provider.requests()).isZero();
				assertThat(http.get("/actuator/prometheus").body())
					.containsPattern("project51_agent_model_calls_total\\{model=\"remote\",outcome=\"failure\"");
			}
			finally {
				app.close();
			}
		}
	}

	private static double completedTasks(String metrics, String executor) {
		Matcher matcher = Pattern.compile("executor_completed_tasks_total\\{name=\"" + executor + "\"} (\\S+)")
			.matcher(metrics);
		assertThat(matcher.find()).as("completed tasks of %s in %s", executor, metrics).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/** Live threads named like the local model's, of any application in this JVM. */
	private static Set<Thread> localModelThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("project51-local-model-"))
			.collect(Collectors.toSet());
	}

	@Test
	void aTurnBeyondTheBoundIsRefusedWithRetryAfter() throws Exception {
		AgentApp app = AgentApp.start(this.data, List.of(OneTurnAtATime.class), "project51.agent.api-token=" + TOKEN);
		try {
			Http http = new Http(app.baseUrl(), TOKEN);
			SlowTool.arm();
			CompletableFuture<HttpResponse<String>> busy = CompletableFuture
				.supplyAsync(() -> http.postJson("/api/v1/chat", SLOW));
			assertThat(SlowTool.awaitStarted(20)).as("slow tool started").isTrue();

			HttpResponse<String> refused = http.postJson("/api/v1/chat", "{\"message\":\"What is Project51?\"}");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(refused.body()).contains(ProblemType.MODELS_UNAVAILABLE.uri(), "as many messages as it can");
			assertThat(app.beans(ThreadPoolTaskExecutor.class).get("agentTaskExecutor").getPoolSize()).isEqualTo(1);

			SlowTool.release();
			assertThat(busy.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		finally {
			SlowTool.release();
			app.close();
		}
	}

	/** A provider stream executor that is always full. */
	@Configuration(proxyBeanMethods = false)
	static class NoProviderStreams {

		@Bean(defaultCandidate = false)
		Executor agentProviderStreamExecutor() {
			return (task) -> {
				throw new RejectedExecutionException("no thread left for provider streams");
			};
		}

	}

	/**
	 * The application's own turn executor, of one thread, and the slow tool that holds
	 * it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OneTurnAtATime {

		@Bean(defaultCandidate = false)
		ThreadPoolTaskExecutor agentTaskExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setMaxPoolSize(1);
			executor.setQueueCapacity(0);
			return executor;
		}

		@Bean
		SlowTool slowTool() {
			return new SlowTool();
		}

	}

}
