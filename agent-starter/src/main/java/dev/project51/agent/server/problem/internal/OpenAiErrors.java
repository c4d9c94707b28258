package dev.project51.agent.server.problem.internal;

import java.util.Map;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;

/**
 * Errors of the OpenAI-compatible endpoint ({@code /v1/**}) in OpenAI's shape:
 * {@code {"error": {"message", "type", "param", "code"}}}, with the same HTTP status as
 * the agent's own problem. {@code code} is OpenAI's name where OpenAI has one
 * ({@code invalid_api_key}, {@code rate_limit_exceeded}, {@code context_length_exceeded}
 * for a body over the size limit), else the problem kind's slug with underscores (e.g.
 * {@code models_unavailable}); {@code type} is {@code invalid_request_error} for 4xx,
 * {@code requests} for 429 and {@code server_error} for 5xx.
 *
 * @since 0.1.0
 */
public final class OpenAiErrors {

	private OpenAiErrors() {
	}

	/**
	 * The OpenAI error body of a problem.
	 * @param problem the problem
	 * @return the body, to serialize as JSON
	 */
	public static Map<String, Object> of(ProblemDetail problem) {
		ProblemType type = ProblemType.fromUri(problem.type());
		String slug = (type != null) ? type.uri().substring(ProblemType.URI_PREFIX.length()) : "error";
		String code = switch ((type != null) ? type : ProblemType.INTERNAL) {
			case UNAUTHORIZED -> "invalid_api_key";
			case RATE_LIMITED -> "rate_limit_exceeded";
			case PAYLOAD_TOO_LARGE -> "context_length_exceeded";
			default -> slug.replace('-', '_');
		};
		return of(problem.status(), problem.detail(),
				problem.errors().isEmpty() ? null : problem.errors().get(0).field(), code);
	}

	/**
	 * An OpenAI error body.
	 * @param status the HTTP status, which gives the error's {@code type}
	 * @param message what went wrong and what to do
	 * @param param the request field at fault, or {@code null}
	 * @param code the error's code, e.g. {@code invalid_value}
	 * @return the body, to serialize as JSON
	 */
	public static Map<String, Object> of(int status, String message, String param, String code) {
		String errorType = (status == 429) ? "requests" : (status >= 500) ? "server_error" : "invalid_request_error";
		Map<String, Object> error = new java.util.LinkedHashMap<>();
		error.put("message", message);
		error.put("type", errorType);
		error.put("param", param);
		error.put("code", code);
		return Map.of("error", error);
	}

}
