package dev.project51.infra.settings;

import java.util.Objects;

/**
 * One problem found while validating settings.
 *
 * @param setting the name of the offending setting as used by the builders (for example
 * {@code sshCidrs}); {@link SettingsLoader} maps it to its environment variable and
 * command-line option
 * @param message what is wrong, naming the setting and the bad value, and how to fix it
 * @since 0.1.0
 */
public record Violation(String setting, String message) {

	/**
	 * Creates a violation.
	 * @param setting the setting name, not {@code null}
	 * @param message the message, not {@code null}
	 */
	public Violation {
		Objects.requireNonNull(setting, "setting");
		Objects.requireNonNull(message, "message");
	}

	@Override
	public String toString() {
		return this.message;
	}

}
