package dev.project51.frontend.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The frontend's threads: one Spring-managed pool per job, each bounded, named by its
 * thread prefix, measured by Spring Boot as {@code executor.*} meters tagged with the
 * bean's name, and shut down with the application context (after the beans that use it).
 */
@Configuration(proxyBeanMethods = false)
class FrontendExecutorConfiguration {

	/** Bean name of the pool the agent client's answer streams run on. */
	static final String STREAM_EXECUTOR = "project51FrontendStreamExecutor";

	/** Bean name of the pool that checks the agent's status. */
	static final String STATUS_EXECUTOR = "project51FrontendStatusExecutor";

	/** Bean name of the scheduler of the browser streams' heartbeats. */
	static final String HEARTBEAT_SCHEDULER = "project51FrontendHeartbeatScheduler";

	/**
	 * At most this many answers stream at once; one more is refused at once with an error
	 * event instead of waiting. Each stream holds a thread while the agent answers.
	 */
	static final int MAX_STREAMS = 200;

	/**
	 * One thread per answer stream, created when needed and ended after a minute idle,
	 * like the agent client's own default pool, but bounded.
	 */
	@Bean(name = STREAM_EXECUTOR)
	@ConditionalOnMissingBean(name = STREAM_EXECUTOR)
	ThreadPoolTaskExecutor project51FrontendStreamExecutor() {
		return pool("project51-frontend-stream-", 0, MAX_STREAMS, 0);
	}

	/**
	 * One thread for the agent's status checks: a check runs at a time, the callers share
	 * its result.
	 */
	@Bean(name = STATUS_EXECUTOR)
	@ConditionalOnMissingBean(name = STATUS_EXECUTOR)
	ThreadPoolTaskExecutor project51FrontendStatusExecutor() {
		return pool("project51-agent-status-", 1, 1, 16);
	}

	private static ThreadPoolTaskExecutor pool(String threadNamePrefix, int coreSize, int maxSize, int queueCapacity) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(threadNamePrefix);
		executor.setCorePoolSize(coreSize);
		executor.setMaxPoolSize(maxSize);
		executor.setQueueCapacity(queueCapacity);
		executor.setKeepAliveSeconds(60);
		executor.setDaemon(true);
		// The beans that use the pool stop first (the agent client cancels its streams).
		executor.setAwaitTerminationSeconds(5);
		return executor;
	}

	/**
	 * One thread that writes the heartbeat comment of every open browser stream.
	 */
	@Bean(name = HEARTBEAT_SCHEDULER)
	@ConditionalOnMissingBean(name = HEARTBEAT_SCHEDULER)
	ThreadPoolTaskScheduler project51FrontendHeartbeatScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("project51-sse-heartbeat-");
		scheduler.setPoolSize(1);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setDaemon(true);
		scheduler.setAwaitTerminationSeconds(5);
		return scheduler;
	}

}
