package dev.project51.agent.server.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.project51.agent.server.autoconfigure.ModelProperties.Provider;
import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.failover.ProviderHttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the LangChain4j models of the configured providers for the failover chain (which
 * retries, so the providers' streaming models, which never retry, are all it needs). A
 * model without credentials is skipped with one log line.
 */
final class ModelProviders {

	private static final Logger logger = LoggerFactory.getLogger(ModelProviders.class);

	/** How much longer than the first-token budget the HTTP client waits for headers. */
	private static final Duration HEADER_TIMEOUT_MARGIN = Duration.ofSeconds(2);

	/** API key sent to OpenAI-compatible servers that need none. */
	static final String NO_API_KEY = "not-needed";

	private ModelProviders() {
	}

	static void addRemoteModels(ModelChain.Builder chain, List<ModelProperties> models, FailoverPolicy policy,
			Executor streamExecutor) {
		for (int i = 0; i < models.size(); i++) {
			ModelProperties model = models.get(i);
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
			chain.model(name, model.getProvider().id(), streamingChatModel(model, policy, streamExecutor));
		}
	}

	/**
	 * The provider's streaming model. Every call of the chain streams, blocking ones
	 * included; the HTTP client lets the chain abort an exchange at any time and keeps
	 * {@code Retry-After}. Its connect and response-header timeouts are the model's
	 * {@code timeout} when set; otherwise the first-token budget for connecting, and a
	 * little more for the headers, so that the chain's watchdog (which bounds every
	 * exchange anyway) is the one that ends a silent provider and says why. Its streamed
	 * responses are read on the stream executor.
	 */
	static StreamingChatModel streamingChatModel(ModelProperties model, FailoverPolicy policy,
			Executor streamExecutor) {
		Duration connect = (model.getTimeout() != null) ? model.getTimeout() : policy.firstTokenTimeout();
		Duration headers = (model.getTimeout() != null) ? model.getTimeout()
				: policy.firstTokenTimeout().plus(HEADER_TIMEOUT_MARGIN);
		ProviderHttpClientBuilder http = new ProviderHttpClientBuilder().connectTimeout(connect)
			.readTimeout(headers)
			.streamExecutor(streamExecutor);
		String baseUrl = (model.getBaseUrl() != null && !model.getBaseUrl().isBlank()) ? model.getBaseUrl() : null;
		return switch (model.getProvider()) {
			case OPENAI,
					OPENAI_COMPATIBLE ->
				OpenAiStreamingChatModel.builder()
					.httpClientBuilder(http)
					.baseUrl(baseUrl)
					.apiKey(apiKey(model))
					.modelName(model.getModel())
					.temperature(model.getTemperature())
					.maxTokens(model.getMaxTokens())
					.build();
			case ANTHROPIC -> AnthropicStreamingChatModel.builder()
				.httpClientBuilder(http)
				.baseUrl(baseUrl)
				.apiKey(model.getApiKey())
				.modelName(model.getModel())
				.temperature(model.getTemperature())
				.maxTokens(model.getMaxTokens())
				.build();
			case GEMINI -> GoogleAiGeminiStreamingChatModel.builder()
				.httpClientBuilder(http)
				.baseUrl(baseUrl)
				.apiKey(model.getApiKey())
				.modelName(model.getModel())
				.temperature(model.getTemperature())
				.maxOutputTokens(model.getMaxTokens())
				.build();
		};
	}

	private static String apiKey(ModelProperties model) {
		return (model.getApiKey() != null && !model.getApiKey().isBlank()) ? model.getApiKey() : NO_API_KEY;
	}

}
