package dev.project51.agent.contract;

/**
 * The Unicode controls that override or isolate the direction of text (U+202A to U+202E,
 * U+2066 to U+2069): in a title they let one string show its characters in another order
 * than they are stored ("Trojan Source"), so a title can pass for another. Where text
 * becomes a title (a citation's document title, a page title), they are removed; the
 * implicit direction of right-to-left scripts needs none of them.
 *
 * @since 0.1.0
 */
public final class BidiControls {

	private BidiControls() {
	}

	/**
	 * Whether a character is a directional embedding, override or isolate control.
	 * @param c the character
	 * @return whether it is one
	 */
	public static boolean isControl(char c) {
		return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
	}

	/**
	 * The text without directional embedding, override and isolate controls.
	 * @param text the text, may be {@code null}
	 * @return the text without them, {@code null} for {@code null}
	 */
	public static String strip(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder result = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isControl(c)) {
				if (result == null) {
					result = new StringBuilder(text.length()).append(text, 0, i);
				}
			}
			else if (result != null) {
				result.append(c);
			}
		}
		return (result != null) ? result.toString() : text;
	}

}
