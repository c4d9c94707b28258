package dev.project51.agent.server.autoconfigure;

import java.util.List;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.project51.agent.server.autoconfigure.AgentProperties.Model;
import dev.project51.agent.server.autoconfigure.AgentProperties.Provider;
import dev.project51.agent.server.failover.ModelChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the LangChain4j models of the configured providers, with the providers' own
 * retries off (the chain retries). A model without credentials is skipped with one log
 * line.
 */
final class ModelProviders {

	private static final Logger logger = LoggerFactory.getLogger(ModelProviders.class);

	/** API key sent to OpenAI-compatible servers that need none. */
	static final String NO_API_KEY = "not-needed";

	private ModelProviders() {
	}

	static void addRemoteModels(ModelChain.Builder chain, List<Model> models) {
		for (int i = 0; i < models.size(); i++) {
			Model model = models.get(i);
			String name = model.effectiveName();
			if (!model.isEnabled()) {
				logger.info("Model '{}' ({}) is disabled and not part of the failover chain", name,
						model.getProvider().id());
				continue;
			}
			boolean hasKey = model.getApiKey() != null && !model.getApiKey().isBlank();
			if (!hasKey && model.getProvider() != Provider.OPENAI_COMPATIBLE) {
				logger.info("Model '{}' ({}) is skipped: it has no API key (set project51.agent.models[{}].api-key)",
						name, model.getProvider().id(), i);
				continue;
			}
			chain.model(name, model.getProvider().id(), chatModel(model), streamingChatModel(model),
					model.getTimeout());
		}
	}

	static ChatModel chatModel(Model model) {
		return switch (model.getProvider()) {
			case OPENAI,
					OPENAI_COMPATIBLE ->
				OpenAiChatModel.builder()
					.baseUrl(model.getBaseUrl())
					.apiKey(apiKey(model))
					.modelName(model.getModel())
					.timeout(model.getTimeout())
					.temperature(model.getTemperature())
					.maxTokens(model.getMaxTokens())
					.maxRetries(0)
					.build();
			case ANTHROPIC -> AnthropicChatModel.builder()
				.baseUrl(model.getBaseUrl())
				.apiKey(model.getApiKey())
				.modelName(model.getModel())
				.timeout(model.getTimeout())
				.temperature(model.getTemperature())
				.maxTokens(model.getMaxTokens())
				.maxRetries(0)
				.build();
			case GEMINI -> GoogleAiGeminiChatModel.builder()
				.baseUrl(model.getBaseUrl())
				.apiKey(model.getApiKey())
				.modelName(model.getModel())
				.timeout(model.getTimeout())
				.temperature(model.getTemperature())
				.maxOutputTokens(model.getMaxTokens())
				.maxRetries(0)
				.build();
		};
	}

	static StreamingChatModel streamingChatModel(Model model) {
		return switch (model.getProvider()) {
			case OPENAI,
					OPENAI_COMPATIBLE ->
				OpenAiStreamingChatModel.builder()
					.baseUrl(model.getBaseUrl())
					.apiKey(apiKey(model))
					.modelName(model.getModel())
					.timeout(model.getTimeout())
					.temperature(model.getTemperature())
					.maxTokens(model.getMaxTokens())
					.build();
			case ANTHROPIC -> AnthropicStreamingChatModel.builder()
				.baseUrl(model.getBaseUrl())
				.apiKey(model.getApiKey())
				.modelName(model.getModel())
				.timeout(model.getTimeout())
				.temperature(model.getTemperature())
				.maxTokens(model.getMaxTokens())
				.build();
			case GEMINI -> GoogleAiGeminiStreamingChatModel.builder()
				.baseUrl(model.getBaseUrl())
				.apiKey(model.getApiKey())
				.modelName(model.getModel())
				.timeout(model.getTimeout())
				.temperature(model.getTemperature())
				.maxOutputTokens(model.getMaxTokens())
				.build();
		};
	}

	private static String apiKey(Model model) {
		return (model.getApiKey() != null && !model.getApiKey().isBlank()) ? model.getApiKey() : NO_API_KEY;
	}

}
