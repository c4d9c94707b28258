package dev.project51.k8s.manifest;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * The environment variables of a workload's container: plain values, and values read from
 * Secrets. A secret never travels as a plain value, and {@code JAVA_TOOL_OPTIONS} is
 * derived from {@link ContainerSettings#maxRamPercentage()}.
 *
 * @param env the plain variables, sorted by name
 * @param secretEnv the variables read from Secrets, sorted by name
 * @since 0.1.0
 */
public record EnvironmentSettings(SortedMap<String, String> env, SortedMap<String, SecretKeyRef> secretEnv) {

	private static final Pattern SECRET_LIKE_NAME = Pattern
		.compile(".*(SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIAL).*");

	/**
	 * Validate the variables and keep unmodifiable sorted copies.
	 * @param env the plain variables
	 * @param secretEnv the variables read from Secrets
	 */
	public EnvironmentSettings {
		SettingChecks.notNull("env", env);
		SettingChecks.notNull("secretEnv", secretEnv);
		for (Map.Entry<String, String> variable : env.entrySet()) {
			String key = variable.getKey();
			String value = variable.getValue();
			SettingChecks.envName("env", key);
			Objects.requireNonNull(value, () -> "env value of " + key);
			if (key.equals("JAVA_TOOL_OPTIONS")) {
				throw new InvalidSettingException("env", key,
						"env must not set JAVA_TOOL_OPTIONS: it is derived from maxRamPercentage; change that setting instead");
			}
			if (SECRET_LIKE_NAME.matcher(key.toUpperCase(Locale.ROOT)).matches()) {
				throw new InvalidSettingException("env", key, "env must not carry the secret-looking variable '" + key
						+ "' as plain text; pass it with secretEnv from a Secret instead");
			}
		}
		for (Map.Entry<String, SecretKeyRef> variable : secretEnv.entrySet()) {
			String key = variable.getKey();
			SettingChecks.envName("secretEnv", key);
			SettingChecks.notNull("secretEnv." + key, variable.getValue());
			if (env.containsKey(key)) {
				throw new InvalidSettingException("secretEnv", key,
						"secretEnv and env must not both define '" + key + "'; keep only one");
			}
		}
		env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
		secretEnv = Collections.unmodifiableSortedMap(new TreeMap<>(secretEnv));
	}

	/**
	 * Start without variables.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder pre-filled with these variables.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.env.putAll(this.env);
		builder.secretEnv.putAll(this.secretEnv);
		return builder;
	}

	/**
	 * Builder for {@link EnvironmentSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private final Map<String, String> env = new TreeMap<>();

		private final Map<String, SecretKeyRef> secretEnv = new TreeMap<>();

		private Builder() {
		}

		/**
		 * Add a plain environment variable (never a secret: use
		 * {@link #secretEnv(String, SecretKeyRef)}).
		 * @param name the variable name
		 * @param value the value
		 * @return this builder
		 */
		public Builder env(String name, String value) {
			this.env.put(name, value);
			return this;
		}

		/**
		 * Add an environment variable read from a Secret.
		 * @param name the variable name
		 * @param ref the Secret key
		 * @return this builder
		 */
		public Builder secretEnv(String name, SecretKeyRef ref) {
			this.secretEnv.put(name, ref);
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a variable is invalid
		 */
		public EnvironmentSettings build() {
			return new EnvironmentSettings(new TreeMap<>(this.env), new TreeMap<>(this.secretEnv));
		}

	}

}
