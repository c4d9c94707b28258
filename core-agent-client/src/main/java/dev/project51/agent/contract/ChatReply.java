package dev.project51.agent.contract;

import java.util.List;

/**
 * The agent's answer to a {@link ChatRequest}.
 *
 * @param conversationId the conversation the exchange belongs to (assigned by the server
 * for a new conversation)
 * @param reply the answer text (Markdown; untrusted: render it safely)
 * @param model the name of the model that produced the answer
 * @param degraded whether a fallback model answered because a preferred one was failing
 * @param citations the knowledge-base documents the answer is based on, never
 * {@code null}
 * @param latencyMs server-side time to answer, in milliseconds
 * @since 0.1.0
 */
public record ChatReply(String conversationId, String reply, String model, boolean degraded, List<Citation> citations,
		long latencyMs) {

	public ChatReply {
		citations = (citations != null) ? List.copyOf(citations) : List.of();
	}

}
