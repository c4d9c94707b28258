package dev.project51.agent.server.chat.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ConversationRename;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The stored conversations of the API client and its end users: pages of their history,
 * the list of a user's conversations, rename, feedback on answers and delete. Someone
 * else's conversation is answered exactly like one that does not exist. Turns are
 * {@link ChatService}'s; a delete waits for the conversation's running turn.
 *
 * @since 0.1.0
 */
public class ConversationService {

	private final ChatService turns;

	private final ConversationTranscript transcript;

	private final AgentChatMemoryProvider memories;

	private final Clock clock;

	private final MeterRegistry meters;

	/**
	 * Creates the service.
	 * @param turns the turns of the same conversations (their settings and locks)
	 * @param transcript the visible history
	 * @param memories the chat memories of the assistant
	 * @param clock the clock of renames
	 * @param meters where feedback is counted, may be {@code null}
	 */
	public ConversationService(ChatService turns, ConversationTranscript transcript, AgentChatMemoryProvider memories,
			Clock clock, MeterRegistry meters) {
		this.turns = turns;
		this.transcript = transcript;
		this.memories = memories;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The latest page of the visible history of a conversation of the API client itself.
	 * @param conversationId the id
	 * @return the conversation's latest page
	 * @throws AgentProblemException if the id is malformed or the conversation unknown
	 */
	public Conversation conversation(String conversationId) {
		return conversation(conversationId, ChatService.ANONYMOUS, null, AgentApi.DEFAULT_PAGE_SIZE);
	}

	/**
	 * A page of the visible history of an end user's conversation.
	 * @param conversationId the id
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param before the cursor of the page after the wanted one, or {@code null} for the
	 * latest page
	 * @param limit the most messages
	 * @return the page
	 * @throws AgentProblemException if an argument is malformed (400), or the
	 * conversation is unknown or someone else's (404)
	 */
	public Conversation conversation(String conversationId, String owner, String before, int limit) {
		ChatRules.validateConversationId(conversationId);
		ChatRules.validatePage(before, AgentApi.BEFORE_PARAMETER, limit);
		ChatRules.requireOwned(this.transcript, conversationId, owner);
		Conversation page;
		try {
			page = this.transcript.page(conversationId, before, limit, AgentApi.MAX_PAGE_TEXT_LENGTH)
				.orElseThrow(() -> ChatRules.notFound(conversationId));
		}
		catch (IllegalArgumentException ex) {
			throw ChatRules.invalidCursor(AgentApi.BEFORE_PARAMETER);
		}
		List<ConversationMessage> messages = page.messages()
			.stream()
			.map((message) -> (message.text() != null
					&& message.text().length() > this.turns.settings().maxAnswerLength())
							? new ConversationMessage(message.role(),
									ChatRules.cut(message.text(), this.turns.settings().maxAnswerLength()),
									message.model(), message.degraded(), message.citations(), message.at(),
									message.interrupted(), message.id(), message.feedback())
							: message)
			.toList();
		return new Conversation(page.conversationId(), messages, page.title(), page.earlier());
	}

	/**
	 * A page of an end user's conversations, the most recently active first.
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param cursor the cursor of the page before, or {@code null} for the first page
	 * @param limit the most conversations
	 * @return the page
	 * @throws AgentProblemException if an argument is malformed (400)
	 */
	public ConversationList conversations(String owner, String cursor, int limit) {
		ChatRules.validatePage(cursor, AgentApi.CURSOR_PARAMETER, limit);
		try {
			return this.transcript.list(owner, cursor, limit);
		}
		catch (IllegalArgumentException ex) {
			throw ChatRules.invalidCursor(AgentApi.CURSOR_PARAMETER);
		}
	}

	/**
	 * Renames an end user's conversation.
	 * @param conversationId the id
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param rename the new title
	 * @return the renamed conversation
	 * @throws AgentProblemException if the title is invalid (400), or the conversation is
	 * unknown or someone else's (404)
	 */
	public ConversationSummary renameConversation(String conversationId, String owner, ConversationRename rename) {
		ChatRules.validateConversationId(conversationId);
		String title = (rename != null) ? rename.title() : null;
		if (!AgentApi.isValidTitle(title)) {
			throw ChatRules.invalid("title",
					"must be 1 to " + AgentApi.MAX_TITLE_LENGTH + " characters without control characters",
					"The title must be 1 to " + AgentApi.MAX_TITLE_LENGTH
							+ " characters on one line; send {\"title\": \"...\"}.");
		}
		ChatRules.requireOwned(this.transcript, conversationId, owner);
		return this.transcript.rename(conversationId, title.strip(), Instant.now(this.clock))
			.orElseThrow(() -> ChatRules.notFound(conversationId));
	}

	/**
	 * Stores an end user's rating of an answer of their conversation, and counts a change
	 * of rating in {@value #FEEDBACK_METER} (tags {@code rating} and {@code model}):
	 * setting the same rating again changes and counts nothing.
	 * @param conversationId the id
	 * @param messageId the answer's id
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param feedback the rating
	 * @throws AgentProblemException if an argument is malformed (400), or the
	 * conversation is unknown or someone else's, or has no such answer (404)
	 */
	public void rateMessage(String conversationId, String messageId, String owner, MessageFeedback feedback) {
		ChatRules.validateConversationId(conversationId);
		if (!AgentApi.isValidMessageId(messageId)) {
			throw ChatRules.invalid("messageId", "must match " + AgentApi.MESSAGE_ID.pattern(),
					"The message id is malformed: send back the id the agent returned with the answer.");
		}
		String rating = (feedback != null) ? feedback.rating() : null;
		if (!MessageFeedback.isValidRating(rating)) {
			throw ChatRules.invalid("rating", "must be one of up, down, none",
					"The rating must be \"up\", \"down\" or \"none\"; send {\"rating\": \"up\"}.");
		}
		ChatRules.requireOwned(this.transcript, conversationId, owner);
		ConversationMessage before = this.transcript
			.rate(conversationId, messageId, MessageFeedback.NONE.equals(rating) ? null : rating)
			.orElseThrow(() -> new AgentProblemException(ProblemType.NOT_FOUND, "The conversation '" + conversationId
					+ "' has no answer '" + messageId + "' to rate; rate an answer the agent returned."));
		String previous = (before.feedback() != null) ? before.feedback() : MessageFeedback.NONE;
		if (!previous.equals(rating) && this.meters != null) {
			this.meters
				.counter(FEEDBACK_METER, "rating", rating, "model",
						(before.model() != null) ? before.model() : "unknown")
				.increment();
		}
	}

	/**
	 * Forgets a conversation of the API client itself: its history and its model memory.
	 * Idempotent.
	 * @param conversationId the id
	 */
	public void deleteConversation(String conversationId) {
		deleteConversation(conversationId, ChatService.ANONYMOUS);
	}

	/**
	 * Forgets an end user's conversation: its history and its model memory. Idempotent; a
	 * conversation of someone else stays as it is.
	 * @param conversationId the id
	 * @param owner the end user, {@code ""} for the API client itself
	 */
	public void deleteConversation(String conversationId, String owner) {
		ChatRules.validateConversationId(conversationId);
		if (!owner.equals(this.transcript.owner(conversationId).orElse(null))) {
			return;
		}
		ConversationLocks.Lease lease;
		try {
			lease = this.turns.acquire(conversationId);
		}
		catch (AgentProblemException ex) {
			if (ex.type() == ProblemType.NOT_FOUND) {
				return;
			}
			throw ex;
		}
		try {
			this.transcript.delete(conversationId);
			this.memories.delete(conversationId);
		}
		finally {
			lease.release();
		}
	}

	/** The counter of ratings of answers. */
	/** The counter of ratings of answers. */
	static final String FEEDBACK_METER = "project51.agent.chat.feedback";

}
