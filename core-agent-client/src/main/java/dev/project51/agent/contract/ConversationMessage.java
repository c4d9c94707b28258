package dev.project51.agent.contract;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One message of a {@link Conversation}.
 *
 * @param role who wrote it
 * @param text the text (Markdown for the assistant; untrusted: render it safely)
 * @param model for assistant messages, the model that produced it; {@code null} for user
 * messages
 * @param degraded for assistant messages, whether a fallback model produced it
 * @param citations for assistant messages, the documents it is based on; never
 * {@code null}
 * @param at when the message was recorded
 * @param interrupted for assistant messages, whether the answer stopped before it was
 * complete (its text is what arrived); omitted from JSON when {@code false}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationMessage(Role role, String text, String model, boolean degraded, List<Citation> citations,
		Instant at, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean interrupted) {

	public ConversationMessage {
		citations = (citations != null) ? List.copyOf(citations) : List.of();
	}

	/**
	 * A complete (not interrupted) message.
	 * @param role who wrote it
	 * @param text the text
	 * @param model the model that produced it, or {@code null}
	 * @param degraded whether a fallback model produced it
	 * @param citations the documents it is based on
	 * @param at when the message was recorded
	 */
	public ConversationMessage(Role role, String text, String model, boolean degraded, List<Citation> citations,
			Instant at) {
		this(role, text, model, degraded, citations, at, false);
	}

}
