package dev.project51.k8s.manifest;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * The health probes of a workload: Spring Boot's liveness and readiness groups, and a
 * startup probe that gives the application time to start before liveness counts.
 *
 * @param livenessPath the liveness probe path
 * @param readinessPath the readiness probe path; must differ from the liveness path
 * @param startupPath the startup probe path, or {@code null} for the liveness path (see
 * {@link #startupProbePath()})
 * @param startupPeriodSeconds seconds between startup probes, {@code 1..60}
 * @param startupFailureThreshold failed startup probes before the container is restarted,
 * {@code 1..1000}
 * @since 0.1.0
 */
public record ProbeSettings(String livenessPath, String readinessPath, String startupPath, int startupPeriodSeconds,
		int startupFailureThreshold) {

	/** Spring Boot's liveness health group. */
	public static final String DEFAULT_LIVENESS_PATH = "/actuator/health/liveness";

	/** Spring Boot's readiness health group. */
	public static final String DEFAULT_READINESS_PATH = "/actuator/health/readiness";

	/** Default startup probe period in seconds. */
	public static final int DEFAULT_STARTUP_PERIOD_SECONDS = 5;

	/** Default startup probe failure threshold: 36 x 5 s = 3 minutes to start. */
	public static final int DEFAULT_STARTUP_FAILURE_THRESHOLD = 36;

	/**
	 * Validate the settings.
	 * @param livenessPath the liveness probe path
	 * @param readinessPath the readiness probe path
	 * @param startupPath the startup probe path, or {@code null}
	 * @param startupPeriodSeconds seconds between startup probes
	 * @param startupFailureThreshold failed startup probes before a restart
	 */
	public ProbeSettings {
		SettingChecks.httpPath("livenessPath", livenessPath);
		SettingChecks.httpPath("readinessPath", readinessPath);
		if (startupPath != null) {
			SettingChecks.httpPath("startupPath", startupPath);
		}
		if (livenessPath.equals(readinessPath)) {
			throw new InvalidSettingException("livenessPath", livenessPath,
					"livenessPath must differ from readinessPath (both were '" + livenessPath
							+ "'): a failing dependency would then restart every pod instead of only taking it out of the Service");
		}
		SettingChecks.range("startupPeriodSeconds", startupPeriodSeconds, 1, 60);
		SettingChecks.range("startupFailureThreshold", startupFailureThreshold, 1, 1000);
	}

	/**
	 * Start from the defaults: Spring Boot's health groups, 3 minutes to start.
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
		return new Builder().livenessPath(this.livenessPath)
			.readinessPath(this.readinessPath)
			.startupPath(this.startupPath)
			.startupPeriodSeconds(this.startupPeriodSeconds)
			.startupFailureThreshold(this.startupFailureThreshold);
	}

	/**
	 * Return the path the startup probe checks: {@link #startupPath()}, or the liveness
	 * path when that is unset.
	 * @return the path
	 */
	public String startupProbePath() {
		return (this.startupPath != null) ? this.startupPath : this.livenessPath;
	}

	/**
	 * Return the time a pod may take to start before the startup probe restarts it.
	 * @return startup budget in seconds
	 */
	public int startupBudgetSeconds() {
		return this.startupPeriodSeconds * this.startupFailureThreshold;
	}

	/**
	 * Builder for {@link ProbeSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String livenessPath = DEFAULT_LIVENESS_PATH;

		private String readinessPath = DEFAULT_READINESS_PATH;

		private String startupPath;

		private int startupPeriodSeconds = DEFAULT_STARTUP_PERIOD_SECONDS;

		private int startupFailureThreshold = DEFAULT_STARTUP_FAILURE_THRESHOLD;

		private Builder() {
		}

		/**
		 * Set the liveness probe path (default {@code /actuator/health/liveness}).
		 * @param livenessPath the path
		 * @return this builder
		 */
		public Builder livenessPath(String livenessPath) {
			this.livenessPath = livenessPath;
			return this;
		}

		/**
		 * Set the readiness probe path (default {@code /actuator/health/readiness}).
		 * @param readinessPath the path
		 * @return this builder
		 */
		public Builder readinessPath(String readinessPath) {
			this.readinessPath = readinessPath;
			return this;
		}

		/**
		 * Set the startup probe path (defaults to the liveness path).
		 * @param startupPath the path
		 * @return this builder
		 */
		public Builder startupPath(String startupPath) {
			this.startupPath = startupPath;
			return this;
		}

		/**
		 * Set the startup probe period (default 5).
		 * @param startupPeriodSeconds seconds between startup probes
		 * @return this builder
		 */
		public Builder startupPeriodSeconds(int startupPeriodSeconds) {
			this.startupPeriodSeconds = startupPeriodSeconds;
			return this;
		}

		/**
		 * Set the startup probe failure threshold (default 36).
		 * @param startupFailureThreshold failed probes before a restart
		 * @return this builder
		 */
		public Builder startupFailureThreshold(int startupFailureThreshold) {
			this.startupFailureThreshold = startupFailureThreshold;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public ProbeSettings build() {
			return new ProbeSettings(this.livenessPath, this.readinessPath, this.startupPath, this.startupPeriodSeconds,
					this.startupFailureThreshold);
		}

	}

}
