package dev.project51.agent.client;

import java.time.Duration;

/**
 * Argument checks with messages that name the parameter, the bad value and the fix.
 */
final class Validation {

	private Validation() {
	}

	static <T> T notNull(String name, T value) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		return value;
	}

	static Duration atLeastOneMilli(String name, Duration value, String hint) {
		notNull(name, value);
		if (value.compareTo(Duration.ofMillis(1)) < 0) {
			throw new IllegalArgumentException(name + " must be at least 1 ms, but was " + value + "; " + hint);
		}
		return value;
	}

	static Duration timeout(String name, Duration value, Duration max, String hint) {
		atLeastOneMilli(name, value, hint);
		if (value.compareTo(max) > 0) {
			throw new IllegalArgumentException(name + " must be at most " + max + ", but was " + value + "; " + hint);
		}
		return value;
	}

}
