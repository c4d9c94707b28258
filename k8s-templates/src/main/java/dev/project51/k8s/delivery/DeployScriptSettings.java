package dev.project51.k8s.delivery;

import java.util.List;
import java.util.regex.Pattern;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * What {@code deploy.sh} does after it applies {@code k8s/}: how long it waits for a
 * rollout before it rolls back, which paths it smoke-checks through the NodePort, and
 * where its cron and systemd examples expect the checkout.
 *
 * @param rolloutTimeout how long deploy.sh waits for a rollout, e.g. {@code 600s} or
 * {@code 10m}
 * @param smokePaths the absolute paths deploy.sh smoke-checks, at least one
 * @param installDir the checkout on the host, or {@code null} for {@code /opt/<appName>}
 * (see {@link DeliverySettings#installDir()})
 * @since 0.1.0
 */
public record DeployScriptSettings(String rolloutTimeout, List<String> smokePaths, String installDir) {

	private static final Pattern DURATION = Pattern.compile("[1-9][0-9]*(s|m)");

	/**
	 * Validate the settings.
	 * @param rolloutTimeout the rollout timeout
	 * @param smokePaths the smoke check paths
	 * @param installDir the checkout on the host, or {@code null}
	 */
	public DeployScriptSettings {
		SettingChecks.notNull("rolloutTimeout", rolloutTimeout);
		if (!DURATION.matcher(rolloutTimeout).matches()) {
			throw new InvalidSettingException("rolloutTimeout", rolloutTimeout,
					"rolloutTimeout must be a kubectl duration in seconds or minutes such as 600s or 10m, but was '"
							+ rolloutTimeout + "'");
		}
		SettingChecks.notNull("smokePaths", smokePaths);
		if (smokePaths.isEmpty()) {
			throw new InvalidSettingException("smokePaths", smokePaths,
					"smokePaths must name at least one path, e.g. /actuator/health/readiness");
		}
		smokePaths.forEach((path) -> SettingChecks.httpPath("smokePaths", path));
		smokePaths = List.copyOf(smokePaths);
		if (installDir != null && !installDir.matches("/[A-Za-z0-9._/-]*")) {
			throw new InvalidSettingException("installDir", installDir,
					"installDir must be an absolute path without spaces, e.g. /opt/project51, but was '" + installDir
							+ "'");
		}
	}

	/**
	 * Start from the defaults: a 600 s rollout timeout, smoke checks of the readiness
	 * group and {@code /}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder pre-filled with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder().rolloutTimeout(this.rolloutTimeout)
			.smokePaths(this.smokePaths)
			.installDir(this.installDir);
	}

	/**
	 * Builder for {@link DeployScriptSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String rolloutTimeout = "600s";

		private List<String> smokePaths = List.of("/actuator/health/readiness", "/");

		private String installDir;

		private Builder() {
		}

		/**
		 * Set deploy.sh's rollout timeout (default {@code 600s}).
		 * @param rolloutTimeout seconds or minutes, e.g. {@code 600s} or {@code 10m}
		 * @return this builder
		 */
		public Builder rolloutTimeout(String rolloutTimeout) {
			this.rolloutTimeout = rolloutTimeout;
			return this;
		}

		/**
		 * Set the paths deploy.sh smoke-checks (default readiness and {@code /}).
		 * @param smokePaths absolute paths
		 * @return this builder
		 */
		public Builder smokePaths(List<String> smokePaths) {
			this.smokePaths = smokePaths;
			return this;
		}

		/**
		 * Set where the checkout lives on the host, for the cron and systemd examples
		 * (default {@code /opt/<appName>}).
		 * @param installDir an absolute path
		 * @return this builder
		 */
		public Builder installDir(String installDir) {
			this.installDir = installDir;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public DeployScriptSettings build() {
			return new DeployScriptSettings(this.rolloutTimeout, this.smokePaths, this.installDir);
		}

	}

}
