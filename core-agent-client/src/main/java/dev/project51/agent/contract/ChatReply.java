package dev.project51.agent.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param messageId the id of the answer in the conversation's history (see
 * {@link ConversationMessage#id()}), to rate it with a {@link MessageFeedback}; omitted
 * from JSON when {@code null} (an answer that was not recorded)
 * @since 0.1.0
 */
public record ChatReply(String conversationId, String reply, String model, boolean degraded, List<Citation> citations,
		long latencyMs, @JsonInclude(JsonInclude.Include.NON_NULL) String messageId) {

	public ChatReply {
		citations = (citations != null) ? List.copyOf(citations) : List.of();
	}

	/**
	 * An answer without a message id.
	 * @param conversationId the conversation the exchange belongs to
	 * @param reply the answer text
	 * @param model the name of the model that produced the answer
	 * @param degraded whether a fallback model answered
	 * @param citations the knowledge-base documents the answer is based on
	 * @param latencyMs server-side time to answer, in milliseconds
	 */
	public ChatReply(String conversationId, String reply, String model, boolean degraded, List<Citation> citations,
			long latencyMs) {
		this(conversationId, reply, model, degraded, citations, latencyMs, null);
	}

}
