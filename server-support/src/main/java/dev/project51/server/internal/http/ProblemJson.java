package dev.project51.server.internal.http;

import dev.project51.agent.contract.ProblemDetail;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a problem ({@code application/problem+json}) for what writes before or
 * outside the application's message converters: the error report valve and the servlet
 * filters. The body is what the controllers' Jackson writes (the contract's fields in its
 * order, empty ones left out), with {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * escaped, so that no browser can take a reflected value for markup or script.
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
