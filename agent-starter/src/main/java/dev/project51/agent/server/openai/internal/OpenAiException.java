package dev.project51.agent.server.openai.internal;

import java.util.Map;

import dev.project51.agent.server.problem.internal.OpenAiErrors;

/**
 * A request to the OpenAI-compatible endpoint that is refused, answered in OpenAI's error
 * shape {@code {"error": {"message", "type", "param", "code"}}} with OpenAI's code names
 * where OpenAI has one.
 *
 * @since 0.1.0
 */
public class OpenAiException extends RuntimeException {

	private final int status;

	private final String param;

	private final String code;

	private final Long retryAfterSeconds;

	/**
	 * Creates the exception.
	 * @param status the HTTP status
	 * @param param the request parameter at fault, or {@code null}
	 * @param code the error code, e.g. {@code invalid_value}
	 * @param message the message for people: what is wrong, the bad value, the fix
	 */
	public OpenAiException(int status, String param, String code, String message) {
		this(status, param, code, message, null);
	}

	private OpenAiException(int status, String param, String code, String message, Long retryAfterSeconds) {
		super(message, null, false, false);
		this.status = status;
		this.param = param;
		this.code = code;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/**
	 * A 429 {@code rate_limit_exceeded} with {@code Retry-After}.
	 * @param param the parameter whose value is limited
	 * @param seconds the seconds to wait
	 * @param message the message
	 * @return the exception
	 */
	static OpenAiException rateLimited(String param, long seconds, String message) {
		return new OpenAiException(429, param, "rate_limit_exceeded", message, seconds);
	}

	/**
	 * A 400 {@code invalid_request_error}.
	 * @param param the parameter
	 * @param code the code
	 * @param message the message
	 * @return the exception
	 */
	static OpenAiException invalid(String param, String code, String message) {
		return new OpenAiException(400, param, code, message);
	}

	/**
	 * The HTTP status.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The parameter at fault.
	 * @return its name, or {@code null}
	 */
	public String param() {
		return this.param;
	}

	/**
	 * The error code.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Headers of the answer, such as {@code Retry-After}.
	 * @return the headers, none by default
	 */
	public Map<String, String> headers() {
		return (this.retryAfterSeconds != null) ? Map.of("Retry-After", Long.toString(this.retryAfterSeconds))
				: Map.of();
	}

	/**
	 * The error body.
	 * @return {@code {"error": {...}}}
	 */
	public Map<String, Object> body() {
		return OpenAiErrors.of(this.status, getMessage(), this.param, this.code);
	}

}
