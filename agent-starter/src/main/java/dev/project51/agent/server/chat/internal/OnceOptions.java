package dev.project51.agent.server.chat.internal;

import dev.langchain4j.model.chat.request.ChatRequestParameters;

/**
 * Per-request choices of a stateless turn (the OpenAI-compatible endpoint).
 *
 * @param firstModel the chain model to start at, or {@code null} for the head of the
 * chain
 * @param parameters request parameters merged into every model request (see
 * {@code FailoverTurn#begin(String, ChatRequestParameters)}), or {@code null}
 * @param systemText the client's system instructions, appended to the agent's system
 * prompt, or {@code null}
 * @since 0.1.0
 */
public record OnceOptions(String firstModel, ChatRequestParameters parameters, String systemText) {

	/** No choices: the whole chain, the agent's system prompt alone. */
	public static final OnceOptions NONE = new OnceOptions(null, null, null);

}
