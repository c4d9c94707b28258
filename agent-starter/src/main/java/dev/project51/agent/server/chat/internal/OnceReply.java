package dev.project51.agent.server.chat.internal;

import dev.project51.agent.contract.ChatReply;

/**
 * The answer of a stateless turn with what the OpenAI-compatible endpoint reports about
 * it.
 *
 * @param reply the answer
 * @param outcome usage, finish reason and tool calls
 * @since 0.1.0
 */
public record OnceReply(ChatReply reply, TurnOutcome outcome) {

}
