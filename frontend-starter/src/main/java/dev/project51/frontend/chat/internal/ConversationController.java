package dev.project51.frontend.chat.internal;

import java.util.function.Supplier;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentUnavailableException;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationRename;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.frontend.session.internal.BrowserSession;
import dev.project51.frontend.status.AgentStatusService;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser session's conversations, fetched from the agent for the session's end user,
 * so that a reloaded page shows them again: {@code GET /api/conversations} (the list,
 * newest first, paged), {@code GET /api/conversations/{id}} (a page of the history, the
 * latest unless {@code before} says otherwise), {@code PATCH} (rename), {@code DELETE},
 * and {@code PUT .../messages/{messageId}/feedback} (rate an answer). Another session's
 * conversation is answered 404, as one that does not exist.
 *
 * @since 0.1.0
 */
@RestController
public class ConversationController {

	/** Path of the history endpoint, without the id. */
	public static final String PATH = ChatPageController.API_PATH + "/conversations/";

	/** Path of the list of the session's conversations. */
	public static final String LIST_PATH = ChatPageController.API_PATH + "/conversations";

	/** Messages of a history page the page asks for. */
	static final int PAGE_SIZE = 30;

	private final AgentClient client;

	private final AgentStatusService statusService;

	/**
	 * Create a controller.
	 * @param client the agent client
	 * @param statusService told when the agent turns out to be unavailable
	 */
	public ConversationController(AgentClient client, AgentStatusService statusService) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(statusService, "'statusService' must not be null");
		this.client = client;
		this.statusService = statusService;
	}

	/**
	 * The session's conversations, the most recently active first.
	 * @param cursor the {@code next} cursor of the page before, or none
	 * @param request the request
	 * @return the page
	 */
	@GetMapping(LIST_PATH)
	public ResponseEntity<ConversationList> conversations(@RequestParam(required = false) String cursor,
			HttpServletRequest request) {
		String instance = request.getRequestURI();
		if (cursor != null && !AgentApi.isValidCursor(cursor)) {
			throw new ProblemException(ChatExceptionHandler.invalid("cursor", "The cursor is malformed.", instance));
		}
		ConversationList list = call(instance, () -> agent(request).conversations(cursor, PAGE_SIZE));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(list);
	}

	/**
	 * A page of the history of a conversation, as the agent's contract defines it.
	 * @param conversationId the conversation id
	 * @param before the {@code earlier} cursor of the page after the wanted one, or none
	 * for the latest page
	 * @param request the request
	 * @return the page; a {@code 404} problem when the agent does not know the
	 * conversation or it belongs to another browser
	 */
	@GetMapping(PATH + "{conversationId}")
	public ResponseEntity<Conversation> conversation(@PathVariable String conversationId,
			@RequestParam(required = false) String before, HttpServletRequest request) {
		String instance = validate(conversationId, request);
		if (before != null && !AgentApi.isValidCursor(before)) {
			throw new ProblemException(ChatExceptionHandler.invalid("before", "The cursor is malformed.", instance));
		}
		Conversation conversation = call(instance,
				() -> agent(request).conversation(conversationId, before, PAGE_SIZE));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(conversation);
	}

	/**
	 * Renames a conversation of the session.
	 * @param conversationId the conversation id
	 * @param rename the new title
	 * @param request the request
	 * @return the renamed conversation
	 */
	@PatchMapping(PATH + "{conversationId}")
	public ResponseEntity<ConversationSummary> rename(@PathVariable String conversationId,
			@RequestBody ConversationRename rename, HttpServletRequest request) {
		String instance = validate(conversationId, request);
		String title = (rename != null) ? rename.title() : null;
		if (!AgentApi.isValidTitle(title)) {
			throw new ProblemException(ChatExceptionHandler.invalid("title",
					"The title must be 1 to " + AgentApi.MAX_TITLE_LENGTH + " characters on one line.", instance));
		}
		ConversationSummary summary = call(instance,
				() -> agent(request).renameConversation(conversationId, title.strip()));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(summary);
	}

	/**
	 * Rates an answer of a conversation of the session (the page's feedback thumbs), or
	 * takes the rating back; idempotent. The agent stores the rating with the message and
	 * counts it.
	 * @param conversationId the conversation id
	 * @param messageId the answer's id, as the agent returned it
	 * @param feedback the rating: {@code up}, {@code down} or {@code none}
	 * @param request the request
	 * @return {@code 204}; a {@code 400} problem naming the field when the rating or the
	 * message id is malformed, a {@code 404} problem when the agent does not know the
	 * conversation or the answer, or they belong to another browser
	 */
	@PutMapping(PATH + "{conversationId}" + AgentApi.MESSAGES_SEGMENT + "{messageId}" + AgentApi.FEEDBACK_SEGMENT)
	public ResponseEntity<Void> rate(@PathVariable String conversationId, @PathVariable String messageId,
			@RequestBody MessageFeedback feedback, HttpServletRequest request) {
		String instance = validate(conversationId, request);
		if (!AgentApi.isValidMessageId(messageId)) {
			throw new ProblemException(ChatExceptionHandler.invalid("messageId",
					"The message id must be the one the agent returned with the answer.", instance));
		}
		String rating = (feedback != null) ? feedback.rating() : null;
		if (!MessageFeedback.isValidRating(rating)) {
			throw new ProblemException(ChatExceptionHandler.invalid("rating",
					"The rating must be \"up\", \"down\" or \"none\".", instance));
		}
		call(instance, () -> {
			agent(request).rateMessage(conversationId, messageId, rating);
			return null;
		});
		return ResponseEntity.noContent().build();
	}

	/**
	 * Deletes a conversation of the session; idempotent.
	 * @param conversationId the conversation id
	 * @param request the request
	 * @return {@code 204}
	 */
	@DeleteMapping(PATH + "{conversationId}")
	public ResponseEntity<Void> delete(@PathVariable String conversationId, HttpServletRequest request) {
		String instance = validate(conversationId, request);
		call(instance, () -> {
			agent(request).deleteConversation(conversationId);
			return null;
		});
		return ResponseEntity.noContent().build();
	}

	private AgentClient agent(HttpServletRequest request) {
		return this.client.forEndUser(BrowserSession.of(request).endUser());
	}

	private static String validate(String conversationId, HttpServletRequest request) {
		String instance = request.getRequestURI();
		if (!AgentApi.isValidConversationId(conversationId)) {
			throw new ProblemException(ChatExceptionHandler.invalid("conversationId",
					"The conversation id must be 1 to 64 letters, digits, '-' or '_'.", instance));
		}
		return instance;
	}

	private <T> T call(String instance, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (AgentClientException ex) {
			if (ex instanceof AgentUnavailableException) {
				this.statusService.invalidate();
			}
			throw new ProblemException(AgentProblems.from(ex, instance));
		}
	}

}
