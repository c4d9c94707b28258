package dev.project51.testsupport.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link FakeProvider} answers one request. Faults are protocol-neutral: each
 * provider renders them in its own wire shapes (see the module's README for the table).
 * "Blocking" means a request without streaming, "stream" the protocol's streaming
 * request. A fault that counts tokens sends at most the answer's tokens: past them it
 * behaves as if the count had been reached at the answer's last token.
 */
public final class Fault {

	enum Kind {

		NONE, DELAY, STATUS, RATE_LIMITED, OVERLOADED, UNAUTHORIZED, RESET, MALFORMED_BODY, EMPTY_BODY,
		HANG_BEFORE_HEADERS, HANG_AFTER_HEADERS, STALL_BEFORE_FIRST_TOKEN, STALL_AFTER, DROP_AFTER, SLOW_STREAM,
		ERROR_MID_STREAM

	}

	private static final Fault NONE = new Fault(Kind.NONE, 0, 0, null, null, Duration.ZERO, Duration.ZERO);

	private final Kind kind;

	private final int status;

	private final int tokens;

	private final Duration retryAfter;

	private final Instant retryAt;

	private final Duration firstTokenDelay;

	private final Duration betweenTokens;

	private Fault(Kind kind, int status, int tokens, Duration retryAfter, Instant retryAt, Duration firstTokenDelay,
			Duration betweenTokens) {
		this.kind = kind;
		this.status = status;
		this.tokens = tokens;
		this.retryAfter = retryAfter;
		this.retryAt = retryAt;
		this.firstTokenDelay = firstTokenDelay;
		this.betweenTokens = betweenTokens;
	}

	private static Fault of(Kind kind) {
		return new Fault(kind, 0, 0, null, null, Duration.ZERO, Duration.ZERO);
	}

	private static Fault withTokens(Kind kind, int tokens) {
		if (tokens < 0) {
			throw new IllegalArgumentException("tokens must be 0 or more, was " + tokens);
		}
		return new Fault(kind, 0, tokens, null, null, Duration.ZERO, Duration.ZERO);
	}

	/**
	 * The normal answer: blocking, the completion as JSON; stream, the answer word by
	 * word with the protocol's finish reason and token usage.
	 * @return the fault that is none
	 */
	public static Fault none() {
		return NONE;
	}

	/**
	 * The normal answer after a delay in which nothing is sent, not even the headers: a
	 * slow provider.
	 * @param delay how long to wait
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		return new Fault(Kind.DELAY, 0, 0, null, null, delay, Duration.ZERO);
	}

	/**
	 * An HTTP error with the protocol's error body (its error type or status chosen from
	 * the code, e.g. Anthropic {@code overloaded_error} for 529, Gemini
	 * {@code RESOURCE_EXHAUSTED} for 429), sent before any stream starts. No
	 * {@code Retry-After}: see {@link #rateLimited(Duration)}.
	 * @param status the HTTP status, 400 to 599
	 * @return the fault
	 */
	public static Fault status(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be an HTTP error status (400-599), was " + status);
		}
		return new Fault(Kind.STATUS, status, 0, null, null, Duration.ZERO, Duration.ZERO);
	}

	/**
	 * A 429 with {@code Retry-After: <seconds>} (rounded up) and the protocol's
	 * rate-limit body and headers.
	 * @param retryAfter how long the client should wait, zero or more
	 * @return the fault
	 */
	public static Fault rateLimited(Duration retryAfter) {
		Objects.requireNonNull(retryAfter, "retryAfter must not be null");
		if (retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		return new Fault(Kind.RATE_LIMITED, 429, 0, retryAfter, null, Duration.ZERO, Duration.ZERO);
	}

	/**
	 * A 429 like {@link #rateLimited(Duration)} whose {@code Retry-After} is an HTTP date
	 * (RFC 9110 IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}).
	 * @param retryAt when the client may try again
	 * @return the fault
	 */
	public static Fault rateLimitedUntil(Instant retryAt) {
		Objects.requireNonNull(retryAt, "retryAt must not be null");
		return new Fault(Kind.RATE_LIMITED, 429, 0, null, retryAt, Duration.ZERO, Duration.ZERO);
	}

	/**
	 * The provider is overloaded: Anthropic 529 {@code overloaded_error}, OpenAI 503,
	 * Gemini 503 {@code UNAVAILABLE}.
	 * @return the fault
	 */
	public static Fault overloaded() {
		return of(Kind.OVERLOADED);
	}

	/**
	 * A 401 in the protocol's shape (OpenAI {@code invalid_api_key}, Anthropic
	 * {@code authentication_error}, Gemini {@code UNAUTHENTICATED}).
	 * @return the fault
	 */
	public static Fault unauthorized() {
		return of(Kind.UNAUTHORIZED);
	}

	/**
	 * Reads the request, then resets the connection (TCP RST) without any response.
	 * @return the fault
	 */
	public static Fault reset() {
		return of(Kind.RESET);
	}

	/**
	 * A 200 whose body is not valid JSON. Stream: the protocol's preamble, one event
	 * whose data is broken JSON where the first token belongs, then the protocol's normal
	 * end of stream, so a client that skips the broken event sees a "successful" empty
	 * answer.
	 * @return the fault
	 */
	public static Fault malformedBody() {
		return of(Kind.MALFORMED_BODY);
	}

	/**
	 * A 200 with an empty body ({@code Content-Length: 0}). Stream: a 200 event stream
	 * that ends with no event at all.
	 * @return the fault
	 */
	public static Fault emptyBody() {
		return of(Kind.EMPTY_BODY);
	}

	/**
	 * Reads the request and never answers, until the client closes the connection or the
	 * fake is closed.
	 * @return the fault
	 */
	public static Fault hangBeforeHeaders() {
		return of(Kind.HANG_BEFORE_HEADERS);
	}

	/**
	 * Sends 200 headers, then nothing (blocking: with the {@code Content-Length} of the
	 * answer; stream: an event-stream content type).
	 * @return the fault
	 */
	public static Fault hangAfterHeaders() {
		return of(Kind.HANG_AFTER_HEADERS);
	}

	/**
	 * Stream: headers and whatever the protocol sends before any text (OpenAI the role
	 * chunk with empty content; Anthropic {@code message_start},
	 * {@code content_block_start} and {@code ping}; Gemini nothing), then silence.
	 * Blocking: like {@link #hangAfterHeaders()}.
	 * @return the fault
	 */
	public static Fault stallBeforeFirstToken() {
		return of(Kind.STALL_BEFORE_FIRST_TOKEN);
	}

	/**
	 * Stream: that many text tokens, then silence until the client leaves or the fake
	 * closes. Blocking: headers and the first half of the JSON body, then silence.
	 * @param tokens the tokens sent before the stall, 0 or more
	 * @return the fault
	 */
	public static Fault stallAfter(int tokens) {
		return withTokens(Kind.STALL_AFTER, tokens);
	}

	/**
	 * Stream: that many text tokens (0 = before the first), then, a quarter of a second
	 * later (time for the client to read them), the connection is closed in the middle of
	 * the chunked body. Blocking: headers and the first half of the JSON body, then the
	 * same.
	 * @param tokens the tokens sent before the drop, 0 or more
	 * @return the fault
	 */
	public static Fault dropAfter(int tokens) {
		return withTokens(Kind.DROP_AFTER, tokens);
	}

	/**
	 * A slow but healthy answer. Stream: the preamble, then the first token after
	 * {@code firstTokenDelay} and each next one after {@code betweenTokens}. Blocking:
	 * the answer after {@code firstTokenDelay + betweenTokens * (tokens - 1)}.
	 * @param firstTokenDelay the wait before the first token
	 * @param betweenTokens the wait between two tokens
	 * @return the fault
	 */
	public static Fault slowStream(Duration firstTokenDelay, Duration betweenTokens) {
		Objects.requireNonNull(firstTokenDelay, "firstTokenDelay must not be null");
		Objects.requireNonNull(betweenTokens, "betweenTokens must not be null");
		if (firstTokenDelay.isNegative()) {
			throw new IllegalArgumentException("firstTokenDelay must not be negative, was " + firstTokenDelay);
		}
		if (betweenTokens.isNegative()) {
			throw new IllegalArgumentException("betweenTokens must not be negative, was " + betweenTokens);
		}
		return new Fault(Kind.SLOW_STREAM, 0, 0, null, null, firstTokenDelay, betweenTokens);
	}

	/**
	 * Stream: that many tokens, then the protocol's in-stream error on the 200 stream
	 * (OpenAI a {@code data: {"error":...}} chunk; Anthropic {@code event: error} with
	 * {@code overloaded_error}; Gemini a {@code data: {"error":...}} chunk with
	 * {@code UNAVAILABLE}), then the end of the stream. Blocking: like
	 * {@link #overloaded()}.
	 * @param tokens the tokens sent before the error, 0 or more
	 * @return the fault
	 */
	public static Fault errorMidStream(int tokens) {
		return withTokens(Kind.ERROR_MID_STREAM, tokens);
	}

	Kind kind() {
		return this.kind;
	}

	int status() {
		return this.status;
	}

	int tokens() {
		return this.tokens;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	Instant retryAt() {
		return this.retryAt;
	}

	Duration firstTokenDelay() {
		return this.firstTokenDelay;
	}

	Duration betweenTokens() {
		return this.betweenTokens;
	}

	/**
	 * The factory call that made this fault, for test output.
	 * @return e.g. {@code stallAfter(2)}
	 */
	@Override
	public String toString() {
		return switch (this.kind) {
			case NONE -> "none()";
			case DELAY -> "delay(" + this.firstTokenDelay + ")";
			case STATUS -> "status(" + this.status + ")";
			case RATE_LIMITED -> (this.retryAt != null) ? "rateLimitedUntil(" + this.retryAt + ")"
					: "rateLimited(" + this.retryAfter + ")";
			case OVERLOADED -> "overloaded()";
			case UNAUTHORIZED -> "unauthorized()";
			case RESET -> "reset()";
			case MALFORMED_BODY -> "malformedBody()";
			case EMPTY_BODY -> "emptyBody()";
			case HANG_BEFORE_HEADERS -> "hangBeforeHeaders()";
			case HANG_AFTER_HEADERS -> "hangAfterHeaders()";
			case STALL_BEFORE_FIRST_TOKEN -> "stallBeforeFirstToken()";
			case STALL_AFTER -> "stallAfter(" + this.tokens + ")";
			case DROP_AFTER -> "dropAfter(" + this.tokens + ")";
			case SLOW_STREAM -> "slowStream(" + this.firstTokenDelay + ", " + this.betweenTokens + ")";
			case ERROR_MID_STREAM -> "errorMidStream(" + this.tokens + ")";
		};
	}

}
