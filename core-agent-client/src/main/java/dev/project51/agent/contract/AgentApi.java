package dev.project51.agent.contract;

import java.util.regex.Pattern;

/**
 * Paths, media types, limits and formats of the agent API (v1).
 *
 * @since 0.1.0
 */
public final class AgentApi {

	/** Classpath location of the OpenAPI document that specifies the contract. */
	public static final String OPENAPI_RESOURCE = "dev/project51/agent/contract/agent-api-v1.yaml";

	/** Blocking chat: {@code POST} a {@link ChatRequest}, receive a {@link ChatReply}. */
	public static final String CHAT_PATH = "/api/v1/chat";

	/**
	 * Streaming chat: {@code POST} a {@link ChatRequest}, receive
	 * {@code text/event-stream} of {@link StreamEvent}s.
	 */
	public static final String CHAT_STREAM_PATH = "/api/v1/chat/stream";

	/**
	 * A conversation: {@code GET} returns a page of its {@link Conversation} (query
	 * parameters {@value #BEFORE_PARAMETER} and {@value #LIMIT_PARAMETER}), {@code PATCH}
	 * renames it ({@link ConversationRename}), {@code DELETE} forgets it. Append the id.
	 * Without the id, {@code GET} lists the caller's conversations
	 * ({@link ConversationList}; query parameters {@value #CURSOR_PARAMETER} and
	 * {@value #LIMIT_PARAMETER}).
	 */
	public static final String CONVERSATIONS_PATH = "/api/v1/conversations/";

	/**
	 * The caller's conversations, newest activity first: {@code GET} returns a
	 * {@link ConversationList}.
	 * @since 0.1.0
	 */
	public static final String CONVERSATION_LIST_PATH = "/api/v1/conversations";

	/**
	 * Request header naming the end user a request is made for: an opaque id chosen by
	 * the caller (the chat frontend sends one per browser session). The agent honours it
	 * only from a caller that sent the agent's bearer token (or from anyone when the
	 * agent has no token): conversations belong to the end user that created them, and
	 * such requests are rate limited per end user instead of per address. Format:
	 * {@link #END_USER}.
	 * @since 0.1.0
	 */
	public static final String END_USER_HEADER = "Project51-End-User";

	/**
	 * Format of an end user id ({@link #END_USER_HEADER}): 1 to 128 letters, digits or
	 * {@code . _ : @ + / = -}.
	 * @since 0.1.0
	 */
	public static final Pattern END_USER = Pattern.compile("[A-Za-z0-9._:@+/=-]{1,128}");

	/**
	 * Query parameter of a conversation's page: the {@link Conversation#earlier()} cursor
	 * of the page after it; absent for the latest page.
	 * @since 0.1.0
	 */
	public static final String BEFORE_PARAMETER = "before";

	/**
	 * Query parameter of the conversation list: the {@link ConversationList#next()}
	 * cursor of the page before it; absent for the first page.
	 * @since 0.1.0
	 */
	public static final String CURSOR_PARAMETER = "cursor";

	/**
	 * Query parameter of both pages: the most messages (or conversations) per page, 1 to
	 * {@link #MAX_PAGE_SIZE}; {@link #DEFAULT_PAGE_SIZE} when absent.
	 * @since 0.1.0
	 */
	public static final String LIMIT_PARAMETER = "limit";

	/** Messages or conversations per page when the request does not say. */
	public static final int DEFAULT_PAGE_SIZE = 50;

	/** The most messages or conversations a page may be asked for. */
	public static final int MAX_PAGE_SIZE = 200;

	/**
	 * The most characters of message text (citation excerpts included) a page of a
	 * conversation holds: a page ends before a message that would pass it, but holds at
	 * least one message. With {@link #DEFAULT_MAX_ANSWER_LENGTH}, a page's JSON stays
	 * below the client's default {@code maxResponseBytes} (1 MiB) even if every character
	 * had to be escaped.
	 */
	public static final int MAX_PAGE_TEXT_LENGTH = 96_000;

	/**
	 * The default maximum length of one answer, in characters: a longer answer is cut
	 * there and ends with {@link #ANSWER_CUT_MARKER}. Servers may configure a lower one.
	 */
	public static final int DEFAULT_MAX_ANSWER_LENGTH = 32_000;

	/**
	 * What ends an answer that was cut at the maximum answer length, so that readers see
	 * it is incomplete.
	 */
	public static final String ANSWER_CUT_MARKER = "\n\n[… answer cut: it was longer than the agent allows]";

	/** The longest title of a conversation, in characters. */
	public static final int MAX_TITLE_LENGTH = 100;

	/**
	 * Format of a page cursor ({@link #BEFORE_PARAMETER}, {@link #CURSOR_PARAMETER}):
	 * opaque to clients, 1 to 100 letters, digits, {@code .}, {@code -} or {@code _}.
	 */
	public static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	/**
	 * Format of a message id ({@link ConversationMessage#id()}): opaque to clients, 1 to
	 * 100 letters, digits, {@code .}, {@code -} or {@code _}, starting with a letter or
	 * digit (it is a path segment: never {@code .} or {@code ..}).
	 * @since 0.1.0
	 */
	public static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	/**
	 * The rest of the path of a message's feedback, after the conversation's path
	 * ({@link #CONVERSATIONS_PATH} and the id): {@code /messages/{messageId}/feedback}.
	 * {@code PUT} a {@link MessageFeedback}; see {@link #feedbackPath}.
	 * @since 0.1.0
	 */
	public static final String MESSAGES_SEGMENT = "/messages/";

	/**
	 * The last segment of a message's feedback path.
	 * @since 0.1.0
	 */
	public static final String FEEDBACK_SEGMENT = "/feedback";

	/** The failover chain: {@code GET} returns a list of {@link ModelStatus}. */
	public static final String MODELS_PATH = "/api/v1/models";

	/** Liveness probe (Spring Boot actuator health group). */
	public static final String LIVENESS_PATH = "/actuator/health/liveness";

	/** Readiness probe: up while at least one model of the chain can serve. */
	public static final String READINESS_PATH = "/actuator/health/readiness";

	/** Media type of every error body (RFC 9457). */
	public static final String PROBLEM_JSON = "application/problem+json";

	/** Media type of the streaming endpoint. */
	public static final String EVENT_STREAM = "text/event-stream";

	/**
	 * Format of a conversation id: 1 to 64 letters, digits, {@code -} or {@code _},
	 * starting with a letter or digit.
	 */
	public static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	/**
	 * Default upper bound of a message, in characters; servers may configure another
	 * value.
	 */
	public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4000;

	/**
	 * The longest an agent's event stream stays silent: while the model thinks or a tool
	 * runs, the agent sends a keep-alive comment ({@code :} line) at least this often. A
	 * stream silent for longer (no event, no comment) has a dead agent or connection
	 * behind it. Clients must wait longer than this before they give up on a silent
	 * stream.
	 */
	public static final java.time.Duration MAX_KEEP_ALIVE_INTERVAL = java.time.Duration.ofSeconds(5);

	/**
	 * The agent's default time limit of a streamed answer
	 * ({@code project51.agent.chat.stream-timeout}): it then ends the stream with an
	 * {@code error} event. A client's own limit of a stream should be longer, so that the
	 * agent, not the client, ends an answer that takes too long.
	 * @since 0.1.0
	 */
	public static final java.time.Duration DEFAULT_STREAM_TIMEOUT = java.time.Duration.ofMinutes(5);

	private AgentApi() {
	}

	/**
	 * Whether the given value is a well-formed conversation id.
	 * @param conversationId the candidate, may be {@code null}
	 * @return {@code true} if it matches {@link #CONVERSATION_ID}
	 */
	public static boolean isValidConversationId(String conversationId) {
		return conversationId != null && CONVERSATION_ID.matcher(conversationId).matches();
	}

	/**
	 * Whether a chat message has no text: it is {@code null} or only white space and
	 * control characters. The agent refuses such a message with 400, as the frontend
	 * does; LangChain4j, too, takes every character up to U+0020 for blank.
	 * @param message the message, may be {@code null}
	 * @return {@code true} if the agent would refuse it as blank
	 * @since 0.1.0
	 */
	public static boolean isBlankMessage(String message) {
		return message == null || message.chars().allMatch((c) -> c <= ' ' || Character.isWhitespace(c));
	}

	/**
	 * Whether a conversation title is one the agent stores: once leading and trailing
	 * white space is stripped, 1 to {@link #MAX_TITLE_LENGTH} characters on one line,
	 * without control characters. The agent stores it stripped.
	 * @param title the candidate, may be {@code null}
	 * @return {@code true} if the agent accepts it
	 * @since 0.1.0
	 */
	public static boolean isValidTitle(String title) {
		if (title == null) {
			return false;
		}
		String stripped = title.strip();
		return !stripped.isEmpty() && stripped.length() <= MAX_TITLE_LENGTH
				&& stripped.chars().noneMatch((c) -> c < ' ' || c == 0x7f);
	}

	/**
	 * Whether the given value is a well-formed end user id.
	 * @param endUser the candidate, may be {@code null}
	 * @return {@code true} if it matches {@link #END_USER}
	 * @since 0.1.0
	 */
	public static boolean isValidEndUser(String endUser) {
		return endUser != null && END_USER.matcher(endUser).matches();
	}

	/**
	 * Whether the given value is a well-formed page cursor.
	 * @param cursor the candidate, may be {@code null}
	 * @return {@code true} if it matches {@link #CURSOR}
	 * @since 0.1.0
	 */
	public static boolean isValidCursor(String cursor) {
		return cursor != null && CURSOR.matcher(cursor).matches();
	}

	/**
	 * Whether the given value is a well-formed message id.
	 * @param messageId the candidate, may be {@code null}
	 * @return {@code true} if it matches {@link #MESSAGE_ID}
	 * @since 0.1.0
	 */
	public static boolean isValidMessageId(String messageId) {
		return messageId != null && MESSAGE_ID.matcher(messageId).matches();
	}

	/**
	 * The path of a message's feedback:
	 * {@code /api/v1/conversations/{conversationId}/messages/{messageId}/feedback}.
	 * @param conversationId a well-formed conversation id
	 * @param messageId a well-formed message id
	 * @return the path
	 * @throws IllegalArgumentException if an id is malformed
	 * @since 0.1.0
	 */
	public static String feedbackPath(String conversationId, String messageId) {
		if (!isValidConversationId(conversationId) || !isValidMessageId(messageId)) {
			throw new IllegalArgumentException("malformed conversation or message id");
		}
		return CONVERSATIONS_PATH + conversationId + MESSAGES_SEGMENT + messageId + FEEDBACK_SEGMENT;
	}

}
