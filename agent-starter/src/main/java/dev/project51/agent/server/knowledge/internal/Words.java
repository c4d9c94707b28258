package dev.project51.agent.server.knowledge.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word handling for lexical matching: normalized content-word sets and camel/snake-case
 * splitting of identifiers.
 *
 * @since 0.1.0
 */
public final class Words {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[_\\-\\s]+");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "is", "are", "was", "be", "to", "of", "in",
			"on", "for", "and", "or", "it", "its", "me", "my", "i", "you", "your", "what", "which", "who", "how", "do",
			"does", "can", "could", "would", "please", "tell", "about", "with", "this", "that", "there", "get", "fetch",
			"list", "show", "find", "lookup", "read", "query", "tool", "returns", "return", "when", "where", "why",
			"happen", "happens", "did");

	private Words() {
	}

	/**
	 * The normalized content words of a text (lower case, stop words removed, simple
	 * plural and -ing stemming).
	 * @param text the text
	 * @return the words, in order of first appearance
	 */
	public static Set<String> of(String text) {
		Set<String> words = new LinkedHashSet<>();
		Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String word = matcher.group();
			if (!STOP_WORDS.contains(word)) {
				words.add(stem(word));
			}
		}
		return words;
	}

	/**
	 * The normalized content words of an identifier such as {@code currentTime} or
	 * {@code system_status}.
	 * @param identifier the identifier
	 * @return the words
	 */
	public static Set<String> ofIdentifier(String identifier) {
		return of(humanize(identifier));
	}

	/**
	 * An identifier as words: {@code currentTime} becomes {@code current time}.
	 * @param identifier the identifier
	 * @return the words, lower case, separated by spaces
	 */
	public static String humanize(String identifier) {
		return String.join(" ", CAMEL.split(identifier)).toLowerCase(Locale.ROOT).trim();
	}

	private static String stem(String word) {
		if (word.length() > 5 && word.endsWith("ing")) {
			return word.substring(0, word.length() - 3);
		}
		if (word.length() > 4 && word.endsWith("ies")) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

}
