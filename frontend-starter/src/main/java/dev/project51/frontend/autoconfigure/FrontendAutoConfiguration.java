package dev.project51.frontend.autoconfigure;

import java.time.Clock;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientBuilder;
import dev.project51.agent.client.transport.ApacheHttpTransport;
import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.contract.AgentApi;
import dev.project51.frontend.chat.internal.ChatExceptionHandler;
import dev.project51.frontend.chat.internal.ChatSettings;
import dev.project51.frontend.chat.internal.ChatStreamController;
import dev.project51.frontend.chat.internal.ConversationController;
import dev.project51.frontend.observability.internal.AgentClientObservations;
import dev.project51.frontend.observability.internal.RelayMetrics;
import dev.project51.frontend.status.AgentStatusService;
import dev.project51.frontend.status.internal.AgentHealthIndicator;
import dev.project51.frontend.status.internal.StatusController;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Auto-configuration of the Project51 chat frontend: the chat page at {@code /}, its
 * endpoints under {@code /api}, an {@link AgentClient} built from
 * {@code project51.frontend.agent.*}, the security headers, the same-origin guard of the
 * endpoints, and the {@code agent} health component. Every bean backs off when the
 * application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WebMvcAutoConfiguration.class,
		afterName = { "org.springframework.boot.freemarker.autoconfigure.FreeMarkerAutoConfiguration",
				// Spring Boot's own executor and scheduler first: its conditions must not
				// see ours.
				"org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
				"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ AgentClient.class, SseEmitter.class })
@ConditionalOnBooleanProperty(name = FrontendProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(FrontendProperties.class)
@Import({ FrontendExecutorConfiguration.class, FrontendAutoConfiguration.AgentHttpTransportConfiguration.class,
		FrontendAutoConfiguration.AgentClientConfiguration.class, FrontendAutoConfiguration.StatusConfiguration.class,
		FrontendAutoConfiguration.ChatConfiguration.class, FrontendPageConfiguration.class,
		FrontendSecurityConfiguration.class, FrontendAutoConfiguration.HealthConfiguration.class,
		FrontendTomcatConfiguration.class, FrontendObservabilityConfiguration.class })
public final class FrontendAutoConfiguration {

	/** Environment variable read for the agent token when the property is not set. */
	static final String TOKEN_ENVIRONMENT_VARIABLE = "AGENT_API_TOKEN";

	private static final Logger logger = LoggerFactory.getLogger(FrontendAutoConfiguration.class);

	FrontendAutoConfiguration() {
	}

	/**
	 * The agent client's HTTP transport: Apache HttpClient's blocking I/O, where the
	 * thread that relays an answer reads it from the socket itself (one thread wake-up
	 * per event instead of two with the JDK client's selector thread). Without Apache
	 * HttpClient on the class path the client uses its own JDK transport.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient")
	static class AgentHttpTransportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HttpTransport agentHttpTransport(FrontendProperties properties) {
			return ApacheHttpTransport.create(properties.getAgent().getConnectTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AgentClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AgentClient agentClient(FrontendProperties properties, Environment environment,
				ObjectProvider<AgentClientObservations> observations,
				@Qualifier(FrontendExecutorConfiguration.STREAM_EXECUTOR) ThreadPoolTaskExecutor streamExecutor,
				ObjectProvider<HttpTransport> transport) {
			FrontendAgentProperties agent = properties.getAgent();
			if (properties.getStreamTimeout().compareTo(AgentApi.DEFAULT_STREAM_TIMEOUT) <= 0) {
				// The agent does not publish its stream timeout: this cannot be a rule.
				logger.warn("{}.stream-timeout ({}) is not longer than the agent's default stream timeout ({}): unless"
						+ " the agent's project51.agent.chat.stream-timeout is shorter, the frontend ends long answers"
						+ " before the agent can", FrontendProperties.PREFIX, properties.getStreamTimeout(),
						AgentApi.DEFAULT_STREAM_TIMEOUT);
			}
			AgentClientBuilder builder = AgentClient.builder()
				.baseUrl(agent.getBaseUrl())
				.connectTimeout(agent.getConnectTimeout())
				.requestTimeout(agent.getRequestTimeout())
				.streamTimeout(properties.getStreamTimeout())
				.firstTokenTimeout(agent.getFirstTokenTimeout())
				.idleTimeout(agent.getIdleTimeout())
				.retryPolicy(agent.getRetry().toPolicy())
				.circuitBreaker(agent.getCircuitBreaker().toPolicy())
				.executor(streamExecutor);
			// Without Apache HttpClient on the class path: the client's JDK transport.
			transport.ifUnique(builder::transport);
			String token = token(agent, environment);
			if (token != null) {
				builder.apiToken(token);
			}
			AgentClientObservations listener = observations.getIfUnique();
			if (listener != null) {
				builder.listener(listener);
			}
			return builder.build();
		}

		static String token(FrontendAgentProperties agent, Environment environment) {
			String token = agent.getApiToken();
			if (token == null || token.isEmpty()) {
				token = environment.getProperty(TOKEN_ENVIRONMENT_VARIABLE);
			}
			return (token == null || token.isBlank()) ? null : token.strip();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StatusConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AgentStatusService agentStatusService(AgentClient agentClient, FrontendProperties properties,
				@Qualifier(FrontendExecutorConfiguration.STATUS_EXECUTOR) ThreadPoolTaskExecutor statusExecutor) {
			FrontendStatusProperties status = properties.getStatus();
			return new AgentStatusService(agentClient, status.getCacheTtl(), status.getCheckTimeout(),
					Clock.systemUTC(), statusExecutor);
		}

		@Bean
		@ConditionalOnMissingBean
		StatusController statusController(AgentStatusService agentStatusService) {
			return new StatusController(agentStatusService);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ChatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatSettings chatSettings(FrontendProperties properties) {
			FrontendStatusProperties status = properties.getStatus();
			return new ChatSettings(properties.getTitle(), properties.getAssistantName(), properties.getWelcome(),
					properties.getSuggestions(), properties.getMaxMessageLength(), properties.getStreamTimeout(),
					properties.getStreamHeartbeat(), status.getPollInterval(), status.getRetryInitial(),
					status.getRetryMax());
		}

		@Bean
		@ConditionalOnMissingBean
		ChatStreamController chatStreamController(AgentClient agentClient, ChatSettings chatSettings,
				AgentStatusService agentStatusService, ObjectProvider<MeterRegistry> meterRegistry,
				@Qualifier(FrontendExecutorConfiguration.HEARTBEAT_SCHEDULER) ThreadPoolTaskScheduler heartbeats) {
			MeterRegistry meters = meterRegistry.getIfUnique();
			return new ChatStreamController(agentClient, chatSettings, agentStatusService,
					(meters != null) ? new RelayMetrics(meters) : null, heartbeats.getScheduledExecutor());
		}

		@Bean
		@ConditionalOnMissingBean
		ConversationController conversationController(AgentClient agentClient, AgentStatusService agentStatusService) {
			return new ConversationController(agentClient, agentStatusService);
		}

		@Bean
		@ConditionalOnMissingBean
		ChatExceptionHandler chatExceptionHandler() {
			return new ChatExceptionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("agent")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentHealthIndicator")
		AgentHealthIndicator agentHealthIndicator(AgentStatusService agentStatusService) {
			return new AgentHealthIndicator(agentStatusService);
		}

	}

}
