package dev.project51.infra.settings;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when settings are invalid. Carries every problem found, not only the first, so
 * that a user can fix them all in one go.
 *
 * @since 0.1.0
 */
public class InvalidSettingsException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	/**
	 * Creates an exception for the given problems.
	 * @param violations the problems, at least one
	 */
	public InvalidSettingsException(List<Violation> violations) {
		super(describe(violations));
		this.violations = List.copyOf(violations);
	}

	/**
	 * Returns the problems found, in the order they were detected.
	 * @return the violations, never empty
	 */
	public List<Violation> violations() {
		return this.violations;
	}

	private static String describe(List<Violation> violations) {
		if (violations.isEmpty()) {
			throw new IllegalArgumentException("violations must not be empty");
		}
		if (violations.size() == 1) {
			return violations.get(0).message();
		}
		return violations.size() + " invalid settings:"
				+ violations.stream().map((violation) -> "\n - " + violation.message()).collect(Collectors.joining());
	}

}
