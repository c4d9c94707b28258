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
 * @param id the message's id in its conversation, opaque to clients (format
 * {@link AgentApi#MESSAGE_ID}): what a {@link MessageFeedback} names; {@code null} for a
 * message not read from a transcript
 * @param feedback for assistant messages, the end user's rating
 * ({@link MessageFeedback#UP} or {@link MessageFeedback#DOWN}); {@code null} (omitted
 * from JSON) when not rated
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationMessage(Role role, String text, String model, boolean degraded, List<Citation> citations,
		Instant at, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean interrupted, String id, String feedback) {

	public ConversationMessage {
		citations = (citations != null) ? List.copyOf(citations) : List.of();
	}

	/**
	 * A message without id or feedback.
	 * @param role who wrote it
	 * @param text the text
	 * @param model the model that produced it, or {@code null}
	 * @param degraded whether a fallback model produced it
	 * @param citations the documents it is based on
	 * @param at when the message was recorded
	 * @param interrupted whether the answer stopped before it was complete
	 */
	public ConversationMessage(Role role, String text, String model, boolean degraded, List<Citation> citations,
			Instant at, boolean interrupted) {
		this(role, text, model, degraded, citations, at, interrupted, null, null);
	}

	/**
	 * This message with an id and a rating.
	 * @param id the message's id
	 * @param feedback the rating, or {@code null}
	 * @return the message
	 */
	public ConversationMessage withId(String id, String feedback) {
		return new ConversationMessage(this.role, this.text, this.model, this.degraded, this.citations, this.at,
				this.interrupted, id, feedback);
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
