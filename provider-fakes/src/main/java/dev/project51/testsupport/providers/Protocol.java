package dev.project51.testsupport.providers;

/**
 * A model provider's wire protocol, as spoken by a {@link FakeProvider}.
 */
public enum Protocol {

	/**
	 * OpenAI chat completions: {@code POST {base}/chat/completions} with
	 * {@code Authorization: Bearer}, JSON or {@code data:} chunks ending in
	 * {@code data: [DONE]}. Also the protocol of OpenAI-compatible servers (Ollama, vLLM,
	 * LM Studio...).
	 */
	OPENAI,

	/**
	 * Anthropic messages: {@code POST {base}/messages} with {@code x-api-key} and
	 * {@code anthropic-version}, JSON or named server-sent events from
	 * {@code message_start} to {@code message_stop}.
	 */
	ANTHROPIC,

	/**
	 * Google Gemini API: {@code POST {base}/models/{model}:generateContent} and
	 * {@code :streamGenerateContent?alt=sse} with {@code x-goog-api-key} (or
	 * {@code ?key=}), JSON or {@code data:} chunks that end with the connection.
	 */
	GEMINI

}
