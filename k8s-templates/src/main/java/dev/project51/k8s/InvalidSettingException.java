package dev.project51.k8s;

/**
 * Thrown when a manifest or delivery setting is invalid. The message names the setting,
 * the rejected value and how to fix it, e.g. {@code replicas must be >= 2 (or set
 * allowSingleReplica), but was 1}.
 *
 * @since 0.1.0
 */
public class InvalidSettingException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String setting;

	private final transient Object value;

	/**
	 * Create a new exception.
	 * @param setting the name of the setting, as used by the builder and the command line
	 * @param value the rejected value (may be {@code null})
	 * @param message the complete, actionable message
	 */
	public InvalidSettingException(String setting, Object value, String message) {
		super(message);
		this.setting = setting;
		this.value = value;
	}

	/**
	 * Return the name of the rejected setting.
	 * @return the setting name
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * Return the rejected value.
	 * @return the value, or {@code null}
	 */
	public Object getValue() {
		return this.value;
	}

}
