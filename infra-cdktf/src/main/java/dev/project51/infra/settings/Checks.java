package dev.project51.infra.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects validation problems so that a builder reports all of them at once.
 */
final class Checks {

	private final List<Violation> violations = new ArrayList<>();

	/**
	 * Records a problem.
	 * @param setting the setting name
	 * @param message the message, naming the setting and value and saying how to fix it
	 */
	void fail(String setting, String message) {
		this.violations.add(new Violation(setting, message));
	}

	/**
	 * Checks that a required text value is present and matches a pattern.
	 * @param setting the setting name
	 * @param value the value
	 * @param pattern the pattern the whole value must match
	 * @param expectation what a valid value looks like, e.g. "lowercase letters and
	 * digits"
	 */
	void matches(String setting, String value, Pattern pattern, String expectation) {
		if (value == null || value.isBlank()) {
			fail(setting, setting + " must not be empty; it must be " + expectation);
		}
		else if (!pattern.matcher(value).matches()) {
			fail(setting, setting + " must be " + expectation + ", but was '" + printable(value) + "'");
		}
	}

	/**
	 * Checks an optional text value: {@code null} passes, anything else must match.
	 * @param setting the setting name
	 * @param value the value or {@code null}
	 * @param pattern the pattern
	 * @param expectation what a valid value looks like
	 */
	void matchesIfPresent(String setting, String value, Pattern pattern, String expectation) {
		if (value != null) {
			matches(setting, value, pattern, expectation);
		}
	}

	/**
	 * Checks that a number lies in a closed range.
	 * @param setting the setting name
	 * @param value the value
	 * @param min the smallest valid value
	 * @param max the largest valid value
	 * @param hint why the range is what it is, or an empty string
	 */
	void between(String setting, int value, int min, int max, String hint) {
		if (value < min || value > max) {
			fail(setting, setting + " must be between " + min + " and " + max + ", but was " + value + hint);
		}
	}

	/**
	 * Throws when any problem was recorded.
	 * @throws InvalidSettingsException with every recorded problem
	 */
	void throwIfAny() {
		if (!this.violations.isEmpty()) {
			throw new InvalidSettingsException(this.violations);
		}
	}

	/**
	 * Returns the problems recorded so far.
	 * @return the violations
	 */
	List<Violation> violations() {
		return this.violations;
	}

	/**
	 * Makes a value safe to echo in a message: control characters are escaped.
	 * @param value the value
	 * @return the printable form
	 */
	static String printable(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
