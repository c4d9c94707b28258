package dev.project51.k8s.manifest;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * How a pod stops without dropping requests: a {@code preStop} pause while the endpoints
 * stop sending new connections, then the application's graceful shutdown, all within the
 * termination grace period.
 *
 * @param preStopSleepSeconds the {@code preStop} pause before SIGTERM, {@code 0..60} (0
 * removes the hook)
 * @param shutdownTimeoutSeconds how long the application's graceful shutdown may take
 * (its {@code spring.lifecycle.timeout-per-shutdown-phase}), {@code 1..3600}
 * @param terminationGracePeriodSeconds the grace period, {@code 1..3600}; must exceed the
 * two others together
 * @since 0.1.0
 */
public record ShutdownSettings(int preStopSleepSeconds, int shutdownTimeoutSeconds, int terminationGracePeriodSeconds) {

	/**
	 * Default time the application's graceful shutdown may take: Spring Boot's
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} default.
	 */
	public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

	/**
	 * Default pause of the {@code preStop} hook: the time the endpoints controllers and
	 * kube-proxy take to stop sending new connections to a terminating pod.
	 */
	public static final int DEFAULT_PRE_STOP_SLEEP_SECONDS = 5;

	/**
	 * Default grace period: the {@code preStop} pause, then the graceful shutdown, then 5
	 * s for the JVM to exit.
	 */
	public static final int DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = DEFAULT_PRE_STOP_SLEEP_SECONDS
			+ DEFAULT_SHUTDOWN_TIMEOUT_SECONDS + 5;

	/**
	 * Validate the settings.
	 * @param preStopSleepSeconds the {@code preStop} pause
	 * @param shutdownTimeoutSeconds the graceful shutdown's time
	 * @param terminationGracePeriodSeconds the grace period
	 */
	public ShutdownSettings {
		SettingChecks.range("preStopSleepSeconds", preStopSleepSeconds, 0, 60);
		SettingChecks.range("shutdownTimeoutSeconds", shutdownTimeoutSeconds, 1, 3600);
		SettingChecks.range("terminationGracePeriodSeconds", terminationGracePeriodSeconds, 1, 3600);
		if (terminationGracePeriodSeconds <= preStopSleepSeconds + shutdownTimeoutSeconds) {
			throw new InvalidSettingException("terminationGracePeriodSeconds", terminationGracePeriodSeconds,
					"terminationGracePeriodSeconds must exceed preStopSleepSeconds plus shutdownTimeoutSeconds ("
							+ (preStopSleepSeconds + shutdownTimeoutSeconds) + " s), but was "
							+ terminationGracePeriodSeconds
							+ "; otherwise the kubelet kills the container in the middle of its graceful shutdown");
		}
	}

	/**
	 * Start from the defaults: a 5 s pause, 30 s of graceful shutdown, 40 s of grace.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder pre-filled with these settings, the grace period included.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder().preStopSleepSeconds(this.preStopSleepSeconds)
			.shutdownTimeoutSeconds(this.shutdownTimeoutSeconds)
			.terminationGracePeriodSeconds(this.terminationGracePeriodSeconds);
	}

	/**
	 * Builder for {@link ShutdownSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private int preStopSleepSeconds = DEFAULT_PRE_STOP_SLEEP_SECONDS;

		private int shutdownTimeoutSeconds = DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;

		private Integer terminationGracePeriodSeconds;

		private Builder() {
		}

		/**
		 * Set how long the {@code preStop} hook pauses before SIGTERM (default 5 s; 0
		 * removes the hook).
		 * @param preStopSleepSeconds the seconds
		 * @return this builder
		 */
		public Builder preStopSleepSeconds(int preStopSleepSeconds) {
			this.preStopSleepSeconds = preStopSleepSeconds;
			return this;
		}

		/**
		 * Set how long the application's graceful shutdown may take: its
		 * {@code spring.lifecycle.timeout-per-shutdown-phase} (default 30 s, Spring
		 * Boot's default).
		 * @param shutdownTimeoutSeconds the seconds
		 * @return this builder
		 */
		public Builder shutdownTimeoutSeconds(int shutdownTimeoutSeconds) {
			this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
			return this;
		}

		/**
		 * Set the termination grace period (default: {@code preStopSleepSeconds} plus
		 * {@code shutdownTimeoutSeconds} plus 5 s); it must exceed the first two, or the
		 * kubelet kills the container in the middle of its graceful shutdown.
		 * @param terminationGracePeriodSeconds the seconds
		 * @return this builder
		 */
		public Builder terminationGracePeriodSeconds(int terminationGracePeriodSeconds) {
			this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public ShutdownSettings build() {
			int gracePeriod = (this.terminationGracePeriodSeconds != null) ? this.terminationGracePeriodSeconds
					: this.preStopSleepSeconds + this.shutdownTimeoutSeconds + 5;
			return new ShutdownSettings(this.preStopSleepSeconds, this.shutdownTimeoutSeconds, gracePeriod);
		}

	}

}
