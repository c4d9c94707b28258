package dev.project51.agent.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of the visible history of a conversation, oldest message first. The agent
 * answers the latest page unless asked for the one before a cursor; a long conversation
 * is read backwards, page by page, following {@link #earlier()}.
 *
 * @param conversationId the conversation id
 * @param messages the messages of this page, never {@code null}
 * @param title the conversation's title (its first message, cut, unless renamed), or
 * {@code null} when the server does not say
 * @param earlier the cursor of the page before this one (send it as
 * {@link AgentApi#BEFORE_PARAMETER}), {@code null} when this page starts with the
 * conversation's first message
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conversation(String conversationId, List<ConversationMessage> messages, String title, String earlier) {

	public Conversation {
		messages = (messages != null) ? List.copyOf(messages) : List.of();
	}

	/**
	 * A whole conversation in one page, without title.
	 * @param conversationId the conversation id
	 * @param messages the messages
	 */
	public Conversation(String conversationId, List<ConversationMessage> messages) {
		this(conversationId, messages, null, null);
	}

}
