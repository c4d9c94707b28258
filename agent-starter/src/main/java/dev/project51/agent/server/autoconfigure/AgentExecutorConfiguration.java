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
 * The agent's threads, one strategy: a Spring {@link ThreadPoolTaskExecutor} that runs
 * the turns and a {@link ThreadPoolTaskScheduler} for their timers (deadlines of streamed
 * answers, keep-alive comments). Both are named ({@code project51-agent-},
 * {@code project51-agent-timer-}), measured by Spring Boot's executor metrics
 * ({@code executor.*} tagged {@code name=agentTaskExecutor} or
 * {@code name=agentTaskScheduler}), and shut down with the context once the web server
 * has drained its requests: the executor waits for running turns up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, the scheduler drops the timers of
 * answers that are gone. Neither is a default candidate for injection, so Spring Boot's
 * own {@code applicationTaskExecutor} stays as it is.
 */
@Configuration(proxyBeanMethods = false)
class AgentExecutorConfiguration {

	/** The turn executor's bean name, the {@code name} tag of its metrics. */
	static final String TASK_EXECUTOR = "agentTaskExecutor";

	/** The timer scheduler's bean name, the {@code name} tag of its metrics. */
	static final String TASK_SCHEDULER = "agentTaskScheduler";

	private static final int DEFAULT_TOMCAT_MAX_THREADS = 200;

	private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The executor of the blocking turns. Bound: as many threads as Tomcat has request
	 * threads ({@code server.tomcat.threads.max}, 200 by default), no queue. A blocking
	 * turn runs while its request thread waits for it, so the requests alone never need
	 * more; the bound stops turns that outlive their request (timed out, but ignoring the
	 * interruption) from piling up threads. A turn beyond it is refused with the 503
	 * problem and {@code Retry-After} of an unavailable agent. Streamed turns run on the
	 * model's threads and the scheduler's timers.
	 */
	@Bean(name = TASK_EXECUTOR, defaultCandidate = false)
	@ConditionalOnMissingBean(name = TASK_EXECUTOR)
	ThreadPoolTaskExecutor agentTaskExecutor(Environment environment) {
		Binder binder = Binder.get(environment);
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("project51-agent-");
		executor.setDaemon(true);
		executor.setCorePoolSize(0);
		executor
			.setMaxPoolSize(binder.bind("server.tomcat.threads.max", Integer.class).orElse(DEFAULT_TOMCAT_MAX_THREADS));
		executor.setQueueCapacity(0);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationMillis(binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT)
			.toMillis());
		return executor;
	}

	/**
	 * The timers of the turns and the renewals of their conversation leases: two threads,
	 * since each timer only hands its work on, writes a few bytes or runs one short
	 * statement, and a renewal waiting for a slow database must not hold up the others.
	 * It serves the streams the web server drains at shutdown, then stops at once.
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

}
