package dev.project51.agent.client;

import java.util.Objects;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.MessageFeedback;

/**
 * Checks of a call's arguments before anything is sent, with messages that name the
 * argument, the bad value and what the agent accepts.
 */
final class RequestChecks {

	private RequestChecks() {
	}

	static void chat(ChatRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		if (AgentApi.isBlankMessage(request.message())) {
			throw new AgentInvalidRequestException("ChatRequest.message must not be blank, but was "
					+ ((request.message() == null) ? "null"
							: "only white space and control characters (" + request.message().length() + ")")
					+ "; send the user's text");
		}
		if (request.conversationId() != null && !AgentApi.isValidConversationId(request.conversationId())) {
			throw invalidConversationId("ChatRequest.conversationId", request.conversationId());
		}
	}

	static void title(String title) {
		if (!AgentApi.isValidTitle(title)) {
			throw new AgentInvalidRequestException("title must be 1 to " + AgentApi.MAX_TITLE_LENGTH
					+ " characters on one line, without control characters, once leading and trailing white space is"
					+ " stripped, but was " + ((title == null) ? "null" : describeInvalid(title.strip())));
		}
	}

	/**
	 * Why a stripped title the agent refuses is refused: its length, or else its
	 * characters.
	 */
	private static String describeInvalid(String stripped) {
		boolean fits = !stripped.isEmpty() && stripped.length() <= AgentApi.MAX_TITLE_LENGTH;
		return stripped.length() + " characters long" + (fits ? " with control characters" : "");
	}

	static void feedback(String messageId, String rating) {
		if (!AgentApi.isValidMessageId(messageId)) {
			throw new AgentInvalidRequestException(
					"messageId must be 1 to 100 letters, digits, '.', '-' or '_', starting "
							+ "with a letter or digit (as returned by the agent), but was "
							+ ((messageId == null) ? "null" : "'" + shorten(messageId) + "'"));
		}
		if (!MessageFeedback.isValidRating(rating)) {
			throw new AgentInvalidRequestException("rating must be 'up', 'down' or 'none', but was "
					+ ((rating == null) ? "null" : "'" + shorten(rating) + "'"));
		}
	}

	static void endUser(String endUser) {
		if (!AgentApi.isValidEndUser(endUser)) {
			throw new IllegalArgumentException("endUser must be 1 to 128 letters, digits or . _ : @ + / = -, but was "
					+ ((endUser == null) ? "null" : endUser.length() + " characters long with other characters"));
		}
	}

	static int pageSize(int limit) {
		if (limit < 1 || limit > AgentApi.MAX_PAGE_SIZE) {
			throw new AgentInvalidRequestException(
					"limit must be between 1 and " + AgentApi.MAX_PAGE_SIZE + ", but was " + limit);
		}
		return limit;
	}

	static String cursor(String name, String cursor) {
		if (!AgentApi.isValidCursor(cursor)) {
			throw new AgentInvalidRequestException(name + " must be a cursor the agent returned (1 to 100 letters,"
					+ " digits, '.', '-' or '_'), but was '"
					+ ((cursor.length() > 40) ? cursor.substring(0, 40) + "..." : cursor) + "'");
		}
		return cursor;
	}

	static String conversationPath(String conversationId) {
		if (!AgentApi.isValidConversationId(conversationId)) {
			throw invalidConversationId("conversationId", conversationId);
		}
		return AgentApi.CONVERSATIONS_PATH + conversationId;
	}

	private static AgentInvalidRequestException invalidConversationId(String name, String value) {
		String shown = (value == null) ? "null"
				: "'" + ((value.length() > 80) ? value.substring(0, 80) + "..." : value) + "'";
		return new AgentInvalidRequestException(name + " must be 1 to 64 letters, digits, '-' or '_', starting with a "
				+ "letter or digit (as returned by the agent), but was " + shown);
	}

	private static String shorten(String value) {
		return (value.length() > 80) ? value.substring(0, 80) + "..." : value;
	}

}
