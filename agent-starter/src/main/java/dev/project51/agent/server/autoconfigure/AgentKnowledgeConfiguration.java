package dev.project51.agent.server.autoconfigure;

import java.util.concurrent.Executor;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.internal.BackgroundEmbeddingModel;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.knowledge.internal.LocalEmbeddingModel;
import dev.project51.agent.server.local.LocalChatModel;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * The knowledge base, its embedding model and retriever, and the offline local model that
 * answers from it.
 */
@Configuration(proxyBeanMethods = false)
class AgentKnowledgeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbeddingModel agentEmbeddingModel() {
		// Loads while the rest starts; the context's refresh (and so readiness) waits for
		// it.
		return BackgroundEmbeddingModel.allMiniLmL6V2();
	}

	@Bean
	@ConditionalOnMissingBean
	KnowledgeBase agentKnowledgeBase(EmbeddingModel embeddingModel, AgentProperties properties,
			ResourceLoader resourceLoader) {
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		KnowledgeBase.Builder builder = KnowledgeBase.builder(embeddingModel);
		if (embeddingModel instanceof BackgroundEmbeddingModel
				&& LocalEmbeddingModel.NAME.equals(embeddingModel.modelName())) {
			// Passages embedded at build time are not embedded again, nor wait for the
			// model.
			builder.precomputedEmbeddings(resolver, LocalEmbeddingModel.NAME);
		}
		for (String location : properties.getKnowledge().getLocations()) {
			builder.resources(resolver, location);
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	KnowledgeContentRetriever agentKnowledgeRetriever(KnowledgeBase knowledgeBase, AgentProperties properties) {
		return new KnowledgeContentRetriever(knowledgeBase, properties.getKnowledge().getMaxResults(),
				properties.getKnowledge().getMinScore());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalChatModel agentLocalModel(KnowledgeBase knowledgeBase, KnowledgeContentRetriever retriever,
			AgentProperties properties,
			@Qualifier(AgentExecutorConfiguration.LOCAL_MODEL_EXECUTOR) Executor agentLocalModelExecutor) {
		LocalModelProperties local = properties.getLocal();
		return LocalChatModel.builder(knowledgeBase, retriever)
			.executor(agentLocalModelExecutor)
			.name(local.getName())
			.tokenDelay(local.getTokenDelay())
			.toolThreshold(local.getToolThreshold())
			.build();
	}

}
