package dev.project51.frontend.problem.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * Writes the frontend's problems ({@code application/problem+json}, the agent contract's
 * {@link ProblemDetail}) for the filters that refuse a request before it reaches a
 * controller, and the body of the error valve. The body has the contract's fields in the
 * contract's order, leaving out empty ones (as the controllers' Jackson does), with
 * {@code <}, {@code >} and {@code &} escaped so that no browser can take it for markup.
 * {@code Retry-After} is sent when the problem has {@code retryAfterSeconds}.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/**
	 * A problem of a contract type.
	 * @param type the type, whose URI and title the problem gets
	 * @param status the status, usually {@code type.status()}
	 * @param detail what went wrong and what to do
	 * @param instance the request URI, may be {@code null}
	 * @param traceId the trace id of the request, may be {@code null}
	 * @return the problem
	 */
	public static ProblemDetail problem(ProblemType type, int status, String detail, String instance, String traceId) {
		return new ProblemDetail(type.uri(), type.title(), status, detail, instance, null, null, traceId);
	}

	/**
	 * Writes a problem as the whole answer and flushes it.
	 * @param response the response, not committed
	 * @param problem the problem
	 * @throws IOException if the answer cannot be written
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.status());
		if (problem.retryAfterSeconds() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
		}
		response.setContentType(AgentApi.PROBLEM_JSON);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String body = body(problem);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setContentLength(bytes.length);
		try {
			response.getOutputStream().write(bytes);
		}
		catch (IllegalStateException ex) {
			// the writer is in use already
			response.getWriter().write(body);
		}
		response.flushBuffer();
	}

	/**
	 * The JSON body of a problem.
	 * @param problem the problem
	 * @return the body
	 */
	public static String body(ProblemDetail problem) {
		StringBuilder body = new StringBuilder(256).append('{');
		field(body, "type", problem.type());
		field(body, "title", problem.title());
		separate(body).append("\"status\":").append(problem.status());
		field(body, "detail", problem.detail());
		field(body, "instance", problem.instance());
		if (problem.retryAfterSeconds() != null) {
			separate(body).append("\"retryAfterSeconds\":").append(problem.retryAfterSeconds());
		}
		List<ProblemDetail.FieldError> errors = problem.errors();
		if (!errors.isEmpty()) {
			separate(body).append("\"errors\":[");
			for (int i = 0; i < errors.size(); i++) {
				ProblemDetail.FieldError error = errors.get(i);
				body.append((i > 0) ? ",{" : "{");
				field(body, "field", error.field());
				field(body, "reason", error.reason());
				body.append('}');
			}
			body.append(']');
		}
		field(body, "traceId", problem.traceId());
		return body.append('}').toString();
	}

	private static void field(StringBuilder body, String name, String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		separate(body).append('"').append(name).append("\":").append(json(value));
	}

	private static StringBuilder separate(StringBuilder body) {
		char last = body.charAt(body.length() - 1);
		if (last != '{' && last != '[') {
			body.append(',');
		}
		return body;
	}

	/**
	 * A JSON string literal.
	 * @param value the string
	 * @return the quoted, escaped string
	 */
	public static String json(String value) {
		StringBuilder result = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> result.append("\\\"");
				case '\\' -> result.append("\\\\");
				case '\n' -> result.append("\\n");
				case '\r' -> result.append("\\r");
				case '\t' -> result.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
						result.append(String.format("\\u%04x", (int) c));
					}
					else {
						result.append(c);
					}
				}
			}
		}
		return result.append('"').toString();
	}

}
