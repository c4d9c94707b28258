package dev.project51.examples.terminalchat;

import dev.project51.agent.contract.BidiControls;

/**
 * Makes model output safe to print on a terminal. Answers are untrusted: an escape
 * sequence in a model's answer could move the cursor, rewrite what is already on screen,
 * change the window title or, on some terminals, feed input back. Only printable text,
 * line feeds and tabs are kept; carriage returns are dropped (a lone one would let later
 * text overwrite the line); every other control character becomes {@code U+FFFD}, so that
 * something visibly went missing.
 */
final class TerminalText {

	private static final char REPLACEMENT = '\uFFFD';

	private TerminalText() {
	}

	/**
	 * The text with its control characters replaced.
	 * @param text untrusted text, may be {@code null}
	 * @return printable text; empty for {@code null}
	 */
	static String printable(String text) {
		if (text == null) {
			return "";
		}
		int first = 0;
		while (first < text.length() && !isUnsafe(text.charAt(first))) {
			first++;
		}
		if (first == text.length()) {
			return text;
		}
		StringBuilder printable = new StringBuilder(text.length()).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!isUnsafe(c)) {
				printable.append(c);
			}
			else if (c != '\r') {
				printable.append(REPLACEMENT);
			}
		}
		return printable.toString();
	}

	private static boolean isUnsafe(char c) {
		if (c == '\n' || c == '\t') {
			return false;
		}
		// C0 controls and DEL, C1 controls (0x9B is a one-byte CSI on some terminals),
		// and the bidirectional overrides and isolates that make text display
		// differently from what it is.
		return c < 0x20 || (c >= 0x7F && c <= 0x9F) || BidiControls.isControl(c);
	}

}
