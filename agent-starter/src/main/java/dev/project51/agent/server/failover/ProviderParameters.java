package dev.project51.agent.server.failover;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * Merges the parameters of a turn into the request each model of the chain gets, as far
 * as the model's provider supports them. LangChain4j's Anthropic models refuse frequency
 * and presence penalties and JSON without a schema (an
 * {@code UnsupportedFeatureException} that would fail the model over for a reason that is
 * not the model's), so they do not get them; only OpenAI and OpenAI-compatible models get
 * the OpenAI-specific parameters (seed, logit bias, parallel tool calls, user).
 */
final class ProviderParameters {

	private ProviderParameters() {
	}

	static ChatRequest request(ChatRequest request, ChatRequestParameters overrides, String provider) {
		if (overrides == null) {
			return request;
		}
		ChatRequestParameters merged;
		if (isOpenAi(provider)) {
			merged = OpenAiChatRequestParameters.builder()
				.overrideWith(request.parameters())
				.overrideWith(overrides)
				.build();
		}
		else {
			DefaultChatRequestParameters.Builder<?> builder = DefaultChatRequestParameters.builder()
				.overrideWith(request.parameters())
				.overrideWith(common(overrides));
			if ("anthropic".equals(provider)) {
				builder.frequencyPenalty(null).presencePenalty(null);
				if (overrides.responseFormat() != null && overrides.responseFormat().type() == ResponseFormatType.JSON
						&& overrides.responseFormat().jsonSchema() == null) {
					builder.responseFormat(request.parameters().responseFormat());
				}
			}
			merged = builder.build();
		}
		return ChatRequest.builder().messages(request.messages()).parameters(merged).build();
	}

	/** The provider-neutral parameters only (not those of OpenAI's subclass). */
	private static ChatRequestParameters common(ChatRequestParameters parameters) {
		return DefaultChatRequestParameters.builder()
			.temperature(parameters.temperature())
			.topP(parameters.topP())
			.topK(parameters.topK())
			.frequencyPenalty(parameters.frequencyPenalty())
			.presencePenalty(parameters.presencePenalty())
			.maxOutputTokens(parameters.maxOutputTokens())
			.stopSequences(parameters.stopSequences())
			.toolSpecifications(parameters.toolSpecifications())
			.toolChoice(parameters.toolChoice())
			.responseFormat(parameters.responseFormat())
			.build();
	}

	static boolean isOpenAi(String provider) {
		return "openai".equals(provider) || "openai-compatible".equals(provider);
	}

}
