package dev.project51.agent.server.autoconfigure;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.service.AiServices;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the Project51 agent server: the knowledge base, the offline local
 * model, the failover chain of the configured providers, chat memory, tools, the
 * LangChain4j AI service, the v1 agent API, the OpenAI-compatible endpoint, request
 * guards and the readiness health of the chain. Every bean backs off when the application
 * defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" },
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnClass({ AiServices.class, AllMiniLmL6V2QuantizedEmbeddingModel.class })
@ConditionalOnBooleanProperty(name = "project51.agent.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AgentProperties.class)
@Import({ AgentMemoryConfiguration.JdbcMemoryConfiguration.class, AgentMemoryConfiguration.InMemoryConfiguration.class,
		AgentWebConfiguration.class, AgentObservabilityConfiguration.class, AgentGuardConfiguration.class,
		AgentTomcatConfiguration.class, AgentKnowledgeConfiguration.class, AgentFailoverConfiguration.class,
		AgentExecutorConfiguration.class, AgentChatConfiguration.class })
public final class AgentAutoConfiguration {

	static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(JsonMapper::shared);
	}

}
