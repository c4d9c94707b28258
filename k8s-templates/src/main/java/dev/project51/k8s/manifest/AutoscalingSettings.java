package dev.project51.k8s.manifest;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * Settings of an optional {@code autoscaling/v2} HorizontalPodAutoscaler. When it is
 * enabled the Deployment leaves {@code spec.replicas} unset, so that
 * {@code kubectl apply} never fights the autoscaler.
 *
 * @param minReplicas the lowest replica count (at least 2 for self-healing)
 * @param maxReplicas the highest replica count
 * @param targetCpuUtilization average CPU utilization (percent of the request) to aim for
 * @since 0.1.0
 */
public record AutoscalingSettings(int minReplicas, int maxReplicas, int targetCpuUtilization) {

	/**
	 * Validate the settings.
	 * @param minReplicas the lowest replica count
	 * @param maxReplicas the highest replica count
	 * @param targetCpuUtilization target CPU utilization in percent
	 */
	public AutoscalingSettings {
		SettingChecks.atLeast("autoscaling.minReplicas", minReplicas, 1);
		SettingChecks.range("autoscaling.targetCpuUtilization", targetCpuUtilization, 1, 100);
		if (maxReplicas < minReplicas) {
			throw new InvalidSettingException("autoscaling.maxReplicas", maxReplicas,
					"autoscaling.maxReplicas must be >= autoscaling.minReplicas (" + minReplicas + "), but was "
							+ maxReplicas);
		}
	}

	/**
	 * Return the defaults: 2 to 4 replicas at 70 % CPU.
	 * @return the default autoscaling settings
	 */
	public static AutoscalingSettings defaults() {
		return builder().build();
	}

	/**
	 * Start from the defaults: 2 to 4 replicas at 70 % CPU.
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
		return new Builder().minReplicas(this.minReplicas)
			.maxReplicas(this.maxReplicas)
			.targetCpuUtilization(this.targetCpuUtilization);
	}

	/**
	 * Builder for {@link AutoscalingSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private int minReplicas = 2;

		private int maxReplicas = 4;

		private int targetCpuUtilization = 70;

		private Builder() {
		}

		/**
		 * Set the lowest replica count (default 2).
		 * @param minReplicas at least 1; {@link WorkloadSettings} wants 2 unless it
		 * allows a single replica
		 * @return this builder
		 */
		public Builder minReplicas(int minReplicas) {
			this.minReplicas = minReplicas;
			return this;
		}

		/**
		 * Set the highest replica count (default 4).
		 * @param maxReplicas at least {@code minReplicas}
		 * @return this builder
		 */
		public Builder maxReplicas(int maxReplicas) {
			this.maxReplicas = maxReplicas;
			return this;
		}

		/**
		 * Set the average CPU utilization to aim for (default 70).
		 * @param targetCpuUtilization percent of the CPU request, {@code 1..100}
		 * @return this builder
		 */
		public Builder targetCpuUtilization(int targetCpuUtilization) {
			this.targetCpuUtilization = targetCpuUtilization;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public AutoscalingSettings build() {
			return new AutoscalingSettings(this.minReplicas, this.maxReplicas, this.targetCpuUtilization);
		}

	}

}
