package dev.project51.agent.server.autoconfigure;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The agent's threads, one strategy: Spring {@link ThreadPoolTaskExecutor}s that run the
 * turns, the failover chain's work, the local model's streams and the reading of the
 * providers' streams, and a {@link ThreadPoolTaskScheduler} for their timers (deadlines
 * of answers and model calls, retries, probes, keep-alive comments, renewals of turn
 * leases). All are named ({@code project51-agent-}, {@code project51-failover-},
 * {@code project51-local-model-}, {@code project51-provider-stream-},
 * {@code project51-agent-timer-}), bounded, measured by Spring Boot's executor metrics
 * ({@code executor.*} tagged with the bean name as {@code name}), and shut down with the
 * context once the web server has drained its requests: the executors wait for running
 * work up to {@code spring.lifecycle.timeout-per-shutdown-phase}, the scheduler drops the
 * timers of work that is gone. None is a default candidate for injection, so Spring
 * Boot's own {@code applicationTaskExecutor} stays as it is.
 */
@Configuration(proxyBeanMethods = false)
class AgentExecutorConfiguration {

	/** The turn executor's bean name, the {@code name} tag of its metrics. */
	static final String TASK_EXECUTOR = "agentTaskExecutor";

	/** The failover chain's executor's bean name, the {@code name} tag of its metrics. */
	static final String FAILOVER_EXECUTOR = "agentFailoverExecutor";

	/**
	 * The local model's stream executor's bean name, the {@code name} tag of its metrics.
	 */
	static final String LOCAL_MODEL_EXECUTOR = "agentLocalModelExecutor";

	/** The provider stream executor's bean name, the {@code name} tag of its metrics. */
	static final String PROVIDER_STREAM_EXECUTOR = "agentProviderStreamExecutor";

	/** The timer scheduler's bean name, the {@code name} tag of its metrics. */
	static final String TASK_SCHEDULER = "agentTaskScheduler";

	private static final int DEFAULT_TOMCAT_MAX_THREADS = 200;

	/** What the agent sets {@code server.tomcat.max-connections} to by default. */
	private static final int DEFAULT_MAX_CONNECTIONS = 1000;

	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The executor of the blocking turns. Bound: as many threads as Tomcat has request
	 * threads ({@code server.tomcat.threads.max}, 200 by default), no queue. A blocking
	 * turn runs while its request thread waits for it, so the requests alone never need
	 * more; the bound stops turns that outlive their request (timed out, but ignoring the
	 * interruption) from piling up threads. A turn beyond it is refused with the 503
	 * problem and {@code Retry-After} of an unavailable agent. Streamed turns run on the
	 * models' threads and the scheduler's timers.
	 */
	@Bean(name = TASK_EXECUTOR, defaultCandidate = false)
	@ConditionalOnMissingBean(name = TASK_EXECUTOR)
	ThreadPoolTaskExecutor agentTaskExecutor(Environment environment) {
		Binder binder = Binder.get(environment);
		return executor("project51-agent-", 0, requestThreads(binder), 0, binder);
	}

	/**
	 * The workers of the failover chain: blocking calls of the local model, retries,
	 * probes and expired deadlines. A request has at most one such task at a time, so as
	 * many threads as Tomcat has request threads, and a queue as long as the connections
	 * Tomcat keeps ({@code server.tomcat.max-connections}, 1000 by default) for the short
	 * tasks of the streams beyond them (a stream holds no request thread). A call whose
	 * task is refused beyond that fails over like any failed call.
	 */
	@Bean(name = FAILOVER_EXECUTOR, defaultCandidate = false)
	@ConditionalOnMissingBean(name = FAILOVER_EXECUTOR)
	ThreadPoolTaskExecutor agentFailoverExecutor(Environment environment) {
		Binder binder = Binder.get(environment);
		int threads = requestThreads(binder);
		return executor("project51-failover-", threads, threads, maxConnections(binder), binder);
	}

	/**
	 * The local model's streams, one task per stream for its whole length, apart from the
	 * failover chain's executor so that its short tasks never wait behind streams. A
	 * stream holds its connection to the end, so as many threads as Tomcat keeps
	 * connections ({@code server.tomcat.max-connections}, 1000 by default), no queue: a
	 * stream beyond them fails at once instead of waiting behind the others. Between two
	 * tokens a stream's thread only sleeps ({@code project51.agent.local.token-delay}).
	 */
	@Bean(name = LOCAL_MODEL_EXECUTOR, defaultCandidate = false)
	@ConditionalOnMissingBean(name = LOCAL_MODEL_EXECUTOR)
	ThreadPoolTaskExecutor agentLocalModelExecutor(Environment environment) {
		return streamExecutor("project51-local-model-", environment);
	}

	/**
	 * The readers of the providers' streams: one task per stream from sending its request
	 * to the end of its response, waiting for the provider's bytes, which also hands each
	 * token to the chain. Bound as the local model's streams (a turn streams from one
	 * model at a time): as many threads as Tomcat keeps connections, no queue; a stream
	 * beyond them fails over like any failed call. The JDK HTTP clients keep their own
	 * executor for their short internal tasks.
	 */
	@Bean(name = PROVIDER_STREAM_EXECUTOR, defaultCandidate = false)
	@ConditionalOnMissingBean(name = PROVIDER_STREAM_EXECUTOR)
	ThreadPoolTaskExecutor agentProviderStreamExecutor(Environment environment) {
		return streamExecutor("project51-provider-stream-", environment);
	}

	/**
	 * The timers of the turns, the failover chain and the renewals of conversation
	 * leases: two threads, since each timer only hands its work on, writes a few bytes or
	 * runs one short statement, and a renewal waiting for a slow database must not hold
	 * up the others. It serves the streams the web server drains at shutdown, then stops
	 * at once.
	 */
	@Bean(name = TASK_SCHEDULER, defaultCandidate = false)
	@ConditionalOnMissingBean(name = TASK_SCHEDULER)
	ThreadPoolTaskScheduler agentTaskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("project51-agent-timer-");
		scheduler.setDaemon(true);
		scheduler.setPoolSize(2);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setAcceptTasksAfterContextClose(true);
		return scheduler;
	}

	/**
	 * An executor of daemon threads whose idle threads end, that waits for its running
	 * work at shutdown.
	 */
	private static ThreadPoolTaskExecutor executor(String prefix, int core, int max, int queue, Binder binder) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setDaemon(true);
		executor.setCorePoolSize(core);
		executor.setMaxPoolSize(max);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setQueueCapacity(queue);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationMillis(binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT)
			.toMillis());
		return executor;
	}

	/**
	 * An executor of streams, each holding a thread and its connection to the end: a
	 * thread per connection Tomcat keeps, no queue.
	 */
	private static ThreadPoolTaskExecutor streamExecutor(String prefix, Environment environment) {
		Binder binder = Binder.get(environment);
		return executor(prefix, 0, maxConnections(binder), 0, binder);
	}

	private static int requestThreads(Binder binder) {
		return binder.bind("server.tomcat.threads.max", Integer.class).orElse(DEFAULT_TOMCAT_MAX_THREADS);
	}

	private static int maxConnections(Binder binder) {
		return binder.bind("server.tomcat.max-connections", Integer.class).orElse(DEFAULT_MAX_CONNECTIONS);
	}

}
