package dev.project51.server.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemDetail;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * Writes a problem ({@code application/problem+json}) where the application's message
 * converters do not: the error report valve, the servlet filters and the servers'
 * exception handlers. The body is what Jackson writes for the contract's
 * {@link ProblemDetail} (its fields in its order, empty ones left out), with {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 escaped, so that no browser can take a
 * reflected value for markup or script.
 */
public final class ProblemJson {

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder().characterEscapes(new MarkupSafeEscapes()).build())
		.build();

	private ProblemJson() {
	}

	/**
	 * The JSON body of a problem.
	 * @param problem the problem
	 * @return the body
	 */
	public static String body(ProblemDetail problem) {
		return MAPPER.writeValueAsString(problem);
	}

	/**
	 * Writes a problem as the whole answer ({@link #send send}).
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException if the answer cannot be written
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		send(response, problem, AgentApi.PROBLEM_JSON, body(problem).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a problem's answer with a body of the server's choice (the agent's OpenAI
	 * error shape, say): the problem's status, its {@code Retry-After} when it has one,
	 * and the body, in place of whatever was buffered. Nothing is sent once the response
	 * is committed: the client has a status already.
	 * @param response the response
	 * @param problem the problem
	 * @param contentType the body's media type
	 * @param body the body, UTF-8
	 * @throws IOException if the answer cannot be written
	 */
	public static void send(HttpServletResponse response, ProblemDetail problem, String contentType, byte[] body)
			throws IOException {
		send(response, problem.status(),
				(problem.retryAfterSeconds() != null)
						? Map.of(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds())) : Map.of(),
				contentType, body);
	}

	/**
	 * Sends an error answer of the server's own shape (OpenAI's, say): the status, the
	 * headers and the body, in place of whatever was buffered. Nothing is sent once the
	 * response is committed: the client has a status already.
	 * @param response the response
	 * @param status the status
	 * @param headers headers to set, such as {@code Retry-After}
	 * @param contentType the body's media type
	 * @param body the body, UTF-8
	 * @throws IOException if the answer cannot be written
	 */
	public static void send(HttpServletResponse response, int status, Map<String, String> headers, String contentType,
			byte[] body) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		headers.forEach(response::setHeader);
		response.setContentType(contentType);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(body.length);
		try {
			response.getOutputStream().write(body);
		}
		catch (IllegalStateException ex) {
			// the writer is in use already
			response.getWriter().write(new String(body, StandardCharsets.UTF_8));
		}
		response.flushBuffer();
	}

	private static final class MarkupSafeEscapes extends CharacterEscapes {

		private static final int[] ASCII = standardAsciiEscapesForJSON();

		static {
			ASCII['<'] = ESCAPE_STANDARD;
			ASCII['>'] = ESCAPE_STANDARD;
			ASCII['&'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return ASCII;
		}

		@Override
		public SerializableString getEscapeSequence(int ch) {
			return (ch == '\u2028' || ch == '\u2029') ? new SerializedString(String.format("\\u%04x", ch)) : null;
		}

	}

}
