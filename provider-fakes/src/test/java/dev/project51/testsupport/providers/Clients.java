package dev.project51.testsupport.providers;

import java.time.Duration;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * The real LangChain4j 1.19 clients of each protocol, pointed at a fake by
 * {@code baseUrl(...)}.
 */
final class Clients {

	static final String KEY = "test-key-0123456789";

	/** Long enough never to fire in a test that does not mean it to. */
	static final Duration GENEROUS = Duration.ofSeconds(20);

	private Clients() {
	}

	static String model(Protocol protocol) {
		return switch (protocol) {
			case OPENAI -> "gpt-4o-mini";
			case ANTHROPIC -> "claude-sonnet-4-5";
			case GEMINI -> "gemini-2.5-flash";
		};
	}

	/**
	 * A blocking model without LangChain4j's own retries.
	 */
	static ChatModel blocking(FakeProvider fake, Duration timeout) {
		return blocking(fake, timeout, 0);
	}

	/**
	 * A blocking model.
	 * @param maxRetries LangChain4j's own retries, null for its default (2)
	 */
	static ChatModel blocking(FakeProvider fake, Duration timeout, Integer maxRetries) {
		return switch (fake.protocol()) {
			case OPENAI -> OpenAiChatModel.builder()
				.baseUrl(fake.baseUrl())
				.apiKey(KEY)
				.modelName(model(fake.protocol()))
				.timeout(timeout)
				.maxRetries(maxRetries)
				.build();
			case ANTHROPIC -> AnthropicChatModel.builder()
				.baseUrl(fake.baseUrl())
				.apiKey(KEY)
				.modelName(model(fake.protocol()))
				.timeout(timeout)
				.maxRetries(maxRetries)
				.build();
			case GEMINI -> GoogleAiGeminiChatModel.builder()
				.baseUrl(fake.baseUrl())
				.apiKey(KEY)
				.modelName(model(fake.protocol()))
				.timeout(timeout)
				.maxRetries(maxRetries)
				.build();
		};
	}

	/**
	 * A streaming model (LangChain4j never retries streams).
	 */
	static StreamingChatModel streaming(FakeProvider fake, Duration timeout) {
		return switch (fake.protocol()) {
			case OPENAI -> OpenAiStreamingChatModel.builder()
				.baseUrl(fake.baseUrl())
				.apiKey(KEY)
				.modelName(model(fake.protocol()))
				.timeout(timeout)
				.build();
			case ANTHROPIC -> AnthropicStreamingChatModel.builder()
				.baseUrl(fake.baseUrl())
				.apiKey(KEY)
				.modelName(model(fake.protocol()))
				.timeout(timeout)
				.build();
			case GEMINI -> GoogleAiGeminiStreamingChatModel.builder()
				.baseUrl(fake.baseUrl())
				.apiKey(KEY)
				.modelName(model(fake.protocol()))
				.timeout(timeout)
				.build();
		};
	}

}
