package dev.project51.agent.server.chat.internal;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * What the OpenAI-compatible endpoint reports about an answer beyond its text.
 *
 * @param usage the token counts of the answering model, or {@code null} when it gave none
 * @param finishReason why the model stopped, or {@code null}
 * @param toolCalls the client tools the model asks to call (only when the request offered
 * client tools), never {@code null}
 * @since 0.1.0
 */
public record TurnOutcome(TokenUsage usage, FinishReason finishReason, List<ToolExecutionRequest> toolCalls) {

	/** Nothing known. */
	public static final TurnOutcome NONE = new TurnOutcome(null, null, List.of());

	/**
	 * Creates an outcome.
	 * @param usage the token counts, or {@code null}
	 * @param finishReason why the model stopped, or {@code null}
	 * @param toolCalls the tool calls, or {@code null} for none
	 */
	public TurnOutcome {
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
	}

}
