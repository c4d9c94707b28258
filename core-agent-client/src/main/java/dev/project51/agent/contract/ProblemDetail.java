package dev.project51.agent.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error body ({@code application/problem+json}, RFC 9457). The {@link #type()} is
 * stable per error kind (see {@link ProblemType}); {@link #detail()} says what went wrong
 * and how to fix it. It never contains a stack trace or a secret.
 *
 * @param type URI identifying the error kind
 * @param title short summary of the error kind
 * @param status the HTTP status code
 * @param detail explanation specific to this occurrence
 * @param instance the request path, may be {@code null}
 * @param retryAfterSeconds for rate-limited or unavailable answers, seconds to wait
 * before retrying; may be {@code null}
 * @param errors for invalid requests, the offending fields; never {@code null}
 * @param traceId the W3C trace id of the request that failed (32 hex digits), the same as
 * its {@code X-Request-Id} response header and in the server's log lines; {@code null}
 * where the server traces nothing
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(String type, String title, int status, String detail, String instance,
		Long retryAfterSeconds, List<FieldError> errors, String traceId) {

	public ProblemDetail {
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

	/**
	 * A problem without a trace id.
	 * @param type URI identifying the error kind
	 * @param title short summary of the error kind
	 * @param status the HTTP status code
	 * @param detail explanation specific to this occurrence
	 * @param instance the request path, may be {@code null}
	 * @param retryAfterSeconds seconds to wait before retrying; may be {@code null}
	 * @param errors the offending fields, may be {@code null}
	 */
	public ProblemDetail(String type, String title, int status, String detail, String instance, Long retryAfterSeconds,
			List<FieldError> errors) {
		this(type, title, status, detail, instance, retryAfterSeconds, errors, null);
	}

	/**
	 * A problem of the given kind with no field errors and no retry hint.
	 * @param type the error kind
	 * @param detail what went wrong and how to fix it
	 * @param instance the request path, may be {@code null}
	 * @return the problem
	 */
	public static ProblemDetail of(ProblemType type, String detail, String instance) {
		return new ProblemDetail(type.uri(), type.title(), type.status(), detail, instance, null, List.of());
	}

	/**
	 * The problem that ends a stream interrupted after its first token. Every layer that
	 * notices the interruption (the agent when its model goes silent, a relay when the
	 * agent does) reports it with this same problem, so that the user reads one message
	 * whichever layer noticed first.
	 * @param instance the request path, may be {@code null}
	 * @return the problem
	 */
	public static ProblemDetail answerInterrupted(String instance) {
		return of(ProblemType.ANSWER_INTERRUPTED,
				"The answer stopped before it was complete. The text so far is kept; send the message again for a"
						+ " complete answer.",
				instance);
	}

	/**
	 * A copy of this problem carrying a retry hint.
	 * @param seconds seconds to wait before retrying
	 * @return the new problem
	 */
	public ProblemDetail withRetryAfterSeconds(long seconds) {
		return new ProblemDetail(this.type, this.title, this.status, this.detail, this.instance, seconds, this.errors,
				this.traceId);
	}

	/**
	 * A copy of this problem carrying field errors.
	 * @param errors the offending fields
	 * @return the new problem
	 */
	public ProblemDetail withErrors(List<FieldError> errors) {
		return new ProblemDetail(this.type, this.title, this.status, this.detail, this.instance, this.retryAfterSeconds,
				errors, this.traceId);
	}

	/**
	 * A copy of this problem carrying the trace id of the request.
	 * @param traceId the trace id, may be {@code null}
	 * @return the new problem
	 */
	public ProblemDetail withTraceId(String traceId) {
		return new ProblemDetail(this.type, this.title, this.status, this.detail, this.instance, this.retryAfterSeconds,
				this.errors, traceId);
	}

	/**
	 * One invalid field of a request.
	 *
	 * @param field the field name as it appears in the JSON body, e.g. {@code message}
	 * @param reason what is wrong with it and what is expected
	 */
	public record FieldError(String field, String reason) {

	}

}
