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
	 * A conversation: {@code GET} returns a {@link Conversation}, {@code DELETE} forgets
	 * it. Append the id.
	 */
	public static final String CONVERSATIONS_PATH = "/api/v1/conversations/";

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

}
