package dev.project51.testsupport.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link FakeAgent}'s model answers to a message, as the tokens it streams (a
 * complete chat reply is their concatenation).
 */
@FunctionalInterface
public interface Answer {

	/**
	 * The tokens of the answer.
	 * @param message the user's message
	 * @return the tokens, in order
	 */
	List<String> tokens(String message);

	/**
	 * Repeats the message: {@code "Echo: " + message}, in two tokens.
	 * @return the answer
	 */
	static Answer echo() {
		return (message) -> List.of("Echo: ", message);
	}

	/**
	 * The same tokens whatever the message.
	 * @param tokens the tokens
	 * @return the answer
	 */
	static Answer fixed(String... tokens) {
		List<String> list = List.of(tokens);
		return (message) -> list;
	}

	/**
	 * {@code count} numbered tokens: {@code "t0 "}, {@code "t1 "}, and so on.
	 * @param count the number of tokens
	 * @return the answer
	 */
	static Answer counted(int count) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tokens.add("t" + i + " ");
		}
		List<String> list = List.copyOf(tokens);
		return (message) -> list;
	}

}
