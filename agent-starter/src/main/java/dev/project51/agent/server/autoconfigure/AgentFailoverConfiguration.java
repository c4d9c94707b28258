package dev.project51.agent.server.autoconfigure;

import java.util.concurrent.Executor;

import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.failover.internal.ModelChainHealthIndicator;
import dev.project51.agent.server.local.LocalChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.context.annotation.Configuration;

/**
 * The failover chain of the configured providers, ending in the local model, and its
 * state in the health endpoint.
 */
@Configuration(proxyBeanMethods = false)
class AgentFailoverConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ModelChain agentModelChain(AgentProperties properties, LocalChatModel localModel,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
			@Qualifier(AgentExecutorConfiguration.FAILOVER_EXECUTOR) Executor agentFailoverExecutor,
			@Qualifier(AgentExecutorConfiguration.TASK_SCHEDULER) ThreadPoolTaskScheduler agentTaskScheduler,
			@Qualifier(AgentExecutorConfiguration.PROVIDER_STREAM_EXECUTOR) Executor agentProviderStreamExecutor) {
		FailoverPolicy policy = properties.getFailover().toPolicy();
		ModelChain.Builder chain = ModelChain.builder()
			.policy(policy)
			.threads(agentFailoverExecutor, agentTaskScheduler.getScheduledExecutor())
			.meterRegistry(meterRegistry.getIfUnique())
			.observationRegistry(observationRegistry.getIfUnique());
		ModelProviders.addRemoteModels(chain, properties.getModels(), policy, agentProviderStreamExecutor);
		chain.inProcessModel(localModel.name(), "local", localModel, localModel);
		ModelChain built = chain.build();
		logger.info("Failover chain: {}",
				built.models()
					.stream()
					.map((m) -> m.name() + " (" + m.provider() + ")")
					.reduce((a, b) -> a + " -> " + b)
					.orElse(""));
		return built;
	}

	/**
	 * The chain's state in the health endpoint and the readiness group.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentModelsHealthIndicator")
		ModelChainHealthIndicator agentModelsHealthIndicator(ModelChain chain) {
			return new ModelChainHealthIndicator(chain);
		}

	}

}
