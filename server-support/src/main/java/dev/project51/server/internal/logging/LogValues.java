package dev.project51.server.internal.logging;

import dev.project51.agent.contract.BidiControls;

/**
 * Makes a value taken from a request safe to log: control characters (CR and LF above
 * all, which would let a client forge log lines) and the bidirectional controls that
 * reorder what a terminal shows are replaced by their {@code \}{@code uXXXX} escapes, and
 * the value is cut to a length, with the number of characters left out. {@code null}
 * stays {@code null}.
 *
 * @since 0.1.0
 */
public final class LogValues {

	/** Longest part of a value that is logged, in characters. */
	public static final int MAX_LENGTH = 200;

	private LogValues() {
	}

	/**
	 * The value, sanitized and cut to {@link #MAX_LENGTH} characters.
	 * @param value the value from a request, may be {@code null}
	 * @return the value to log
	 */
	public static String of(Object value) {
		return of(value, MAX_LENGTH);
	}

	/**
	 * The value, sanitized and cut to a length.
	 * @param value the value from a request, may be {@code null}
	 * @param maxLength the longest part that is kept, in characters
	 * @return the value to log
	 */
	public static String of(Object value, int maxLength) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		int kept = Math.min(text.length(), maxLength);
		if (kept < text.length() && Character.isHighSurrogate(text.charAt(kept - 1))) {
			kept--;
		}
		StringBuilder result = new StringBuilder(kept + 16);
		for (int i = 0; i < kept; i++) {
			char c = text.charAt(i);
			if (isUnsafe(c)) {
				result.append(String.format("\\u%04x", (int) c));
			}
			else {
				result.append(c);
			}
		}
		if (kept < text.length()) {
			result.append("...(").append(text.length() - kept).append(" more characters)");
		}
		return result.toString();
	}

	private static boolean isUnsafe(char c) {
		// Besides the contract's bidi controls, the marks that reorder text around them.
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || BidiControls.isControl(c) || c == '\u200e'
				|| c == '\u200f' || c == '\u061c';
	}

}
