package dev.project51.agent.server.memory;

import java.time.Instant;
import java.util.Optional;

import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.MessageFeedback;

/**
 * The visible history of conversations: what {@code GET /api/v1/conversations/{id}}
 * returns, page by page, with the end user's ratings of the answers, and who owns each
 * conversation. Separate from the model memory, which may hold tool calls, a system
 * message and knowledge excerpts, and which a memory window trims.
 *
 * @since 0.1.0
 */
public interface ConversationTranscript {

	/**
	 * Starts a conversation.
	 * @param conversationId the id, issued by the server
	 * @param owner the end user that owns it, {@code ""} for the API client itself
	 * @param title its title
	 * @param at when it started
	 * @since 0.1.0
	 */
	void create(String conversationId, String owner, String title, Instant at);

	/**
	 * The owner of a conversation.
	 * @param conversationId the conversation id
	 * @return the owner ({@code ""} for the API client itself), empty if there is no such
	 * conversation
	 * @since 0.1.0
	 */
	Optional<String> owner(String conversationId);

	/**
	 * Appends a message to a conversation (created before with {@link #create}) and makes
	 * it the conversation's latest activity.
	 * @param conversationId the conversation id
	 * @param message the message (its {@link ConversationMessage#id() id} and
	 * {@link ConversationMessage#feedback() feedback} are ignored)
	 * @return the message's id in the conversation, as {@link #page} returns it
	 */
	String append(String conversationId, ConversationMessage message);

	/**
	 * Stores the end user's rating of an answer of a conversation.
	 * @param conversationId the conversation id
	 * @param messageId the answer's id, as {@link #append} returned it
	 * @param rating {@link MessageFeedback#UP}, {@link MessageFeedback#DOWN}, or
	 * {@code null} to take the rating back
	 * @return the answer as it was before (its {@link ConversationMessage#feedback()} the
	 * rating before), empty if the conversation has no assistant message of that id
	 * @since 0.1.0
	 */
	Optional<ConversationMessage> rate(String conversationId, String messageId, String rating);

	/**
	 * A page of a conversation's messages, oldest first: the latest messages before the
	 * cursor, at most {@code limit} of them and, after the first, none that would bring
	 * the page's text past {@code maxTextLength} characters.
	 * @param conversationId the conversation id
	 * @param before the {@link Conversation#earlier()} cursor of a page returned before,
	 * or {@code null} for the latest page
	 * @param limit the most messages, at least 1
	 * @param maxTextLength the most characters of message text and citation excerpts
	 * @return the page, empty if there is no such conversation; its
	 * {@link Conversation#earlier()} is {@code null} when it holds the first message
	 * @throws IllegalArgumentException if the cursor is not one this transcript issued
	 * @since 0.1.0
	 */
	Optional<Conversation> page(String conversationId, String before, int limit, int maxTextLength);

	/**
	 * A conversation with all its messages, oldest first.
	 * @param conversationId the conversation id
	 * @return the conversation, empty if there is no such conversation
	 */
	Optional<Conversation> find(String conversationId);

	/**
	 * A page of an owner's conversations, the most recently active first.
	 * @param owner the owner
	 * @param cursor the {@link ConversationList#next()} cursor of the page before, or
	 * {@code null} for the first page
	 * @param limit the most conversations, at least 1
	 * @return the page
	 * @throws IllegalArgumentException if the cursor is not one this transcript issued
	 * @since 0.1.0
	 */
	ConversationList list(String owner, String cursor, int limit);

	/**
	 * Renames a conversation.
	 * @param conversationId the conversation id
	 * @param title the new title
	 * @param at the time of the change
	 * @return the renamed conversation, empty if there is no such conversation
	 * @since 0.1.0
	 */
	Optional<ConversationSummary> rename(String conversationId, String title, Instant at);

	/**
	 * Forgets a conversation. Idempotent.
	 * @param conversationId the conversation id
	 */
	void delete(String conversationId);

	/**
	 * The cursor of the page of {@link #list} after the given conversation: opaque to
	 * clients, the latest activity in epoch milliseconds and the id.
	 * @param summary the last conversation of a page
	 * @return the cursor
	 * @since 0.1.0
	 */
	static String listCursor(ConversationSummary summary) {
		return summary.updatedAt().toEpochMilli() + "." + summary.conversationId();
	}

}
