package dev.project51.agent.contract;

/**
 * The error kinds of the agent API, each with a stable type URI, a title and its HTTP
 * status.
 *
 * @since 0.1.0
 */
public enum ProblemType {

	/** The body, a field or a path variable is malformed or out of bounds. */
	INVALID_REQUEST("invalid-request", "Invalid request", 400),

	/** The bearer token is missing or wrong. */
	UNAUTHORIZED("unauthorized", "Unauthorized", 401),

	/** The conversation (or other resource) does not exist. */
	NOT_FOUND("not-found", "Not found", 404),

	/** The request body is larger than the server accepts. */
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),

	/** The request body is not JSON. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),

	/** The client sent too many requests; see {@code Retry-After}. */
	RATE_LIMITED("rate-limited", "Too many requests", 429),

	/** Another turn of the same conversation is still running. */
	CONVERSATION_BUSY("conversation-busy", "Conversation busy", 409),

	/** No model of the failover chain could answer. */
	MODELS_UNAVAILABLE("models-unavailable", "No model available", 503),

	/** The answer took longer than the server allows. */
	TIMEOUT("timeout", "Answer timed out", 504),

	/**
	 * A streamed answer stopped after it had begun: the model or the agent went silent or
	 * the connection broke. The text already sent is kept and marked as interrupted;
	 * sending the message again gets a complete answer.
	 */
	ANSWER_INTERRUPTED("answer-interrupted", "Answer interrupted", 502),

	/** An unexpected server error; the server log has the details. */
	INTERNAL("internal", "Internal error", 500);

	/** Common prefix of every problem type URI. */
	public static final String URI_PREFIX = "https://project51.dev/problems/";

	private final String slug;

	private final String title;

	private final int status;

	ProblemType(String slug, String title, int status) {
		this.slug = slug;
		this.title = title;
		this.status = status;
	}

	/**
	 * The stable type URI.
	 * @return the URI, e.g. {@code https://project51.dev/problems/rate-limited}
	 */
	public String uri() {
		return URI_PREFIX + this.slug;
	}

	/**
	 * The short summary of this kind.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The HTTP status answered with this kind.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The kind of an error status that nothing more specific explained, as the servers
	 * answer it: {@code 401} unauthorized, {@code 404} not-found, {@code 413}
	 * payload-too-large, {@code 415} unsupported-media-type, {@code 429} rate-limited,
	 * any {@code 5xx} internal, and any other status invalid-request.
	 * @param status an HTTP error status
	 * @return the kind
	 */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 401 -> UNAUTHORIZED;
			case 404 -> NOT_FOUND;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> RATE_LIMITED;
			default -> (status >= 500) ? INTERNAL : INVALID_REQUEST;
		};
	}

	/**
	 * The kind with the given type URI.
	 * @param uri a problem type URI
	 * @return the kind, or {@code null} if the URI is not one of ours
	 */
	public static ProblemType fromUri(String uri) {
		for (ProblemType type : values()) {
			if (type.uri().equals(uri)) {
				return type;
			}
		}
		return null;
	}

}
