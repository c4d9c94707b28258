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
		return new AutoscalingSettings(2, 4, 70);
	}

}
