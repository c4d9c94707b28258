package dev.project51.k8s.delivery;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.PortSettings;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * The frontend's workload in the cluster: its replicas, port, resources and optional
 * HorizontalPodAutoscaler.
 *
 * @param frontendReplicas the replica count, at least 2 unless {@code allowSingleReplica}
 * @param allowSingleReplica whether a single replica is acceptable
 * @param frontendPort the frontend's container port
 * @param frontendResources the frontend's container resources
 * @param frontendAutoscaling the autoscaling settings, or {@code null} (the default: it
 * needs metrics-server, which kind lacks)
 * @since 0.1.0
 */
public record FrontendSettings(int frontendReplicas, boolean allowSingleReplica, int frontendPort,
		ResourceSettings frontendResources, AutoscalingSettings frontendAutoscaling) {

	/**
	 * Validate the settings.
	 * @param frontendReplicas the replica count
	 * @param allowSingleReplica whether one replica is acceptable
	 * @param frontendPort the container port
	 * @param frontendResources the resources
	 * @param frontendAutoscaling the autoscaling settings, or {@code null}
	 */
	public FrontendSettings {
		int minimumReplicas = allowSingleReplica ? 1 : 2;
		if (frontendReplicas < minimumReplicas) {
			throw new InvalidSettingException("frontendReplicas", frontendReplicas, "frontendReplicas must be >= "
					+ minimumReplicas + ", but was " + frontendReplicas + (allowSingleReplica ? ""
							: "; one replica cannot survive a crash or a rollout without downtime (set allowSingleReplica to accept that)"));
		}
		SettingChecks.port("frontendPort", frontendPort);
		SettingChecks.notNull("frontendResources", frontendResources);
	}

	/**
	 * Start from the defaults: 2 replicas on port 8080 with the default resources, no
	 * autoscaling.
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
		return new Builder().frontendReplicas(this.frontendReplicas)
			.allowSingleReplica(this.allowSingleReplica)
			.frontendPort(this.frontendPort)
			.frontendResources(this.frontendResources)
			.frontendAutoscaling(this.frontendAutoscaling);
	}

	/**
	 * Builder for {@link FrontendSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private int frontendReplicas = 2;

		private boolean allowSingleReplica;

		private int frontendPort = PortSettings.DEFAULT_CONTAINER_PORT;

		private ResourceSettings frontendResources = ResourceSettings.defaults();

		private AutoscalingSettings frontendAutoscaling;

		private Builder() {
		}

		/**
		 * Set the frontend replicas (default 2).
		 * @param replicas the replicas
		 * @return this builder
		 */
		public Builder frontendReplicas(int replicas) {
			this.frontendReplicas = replicas;
			return this;
		}

		/**
		 * Set whether a single replica is acceptable (default false).
		 * @param allowSingleReplica whether one replica is allowed
		 * @return this builder
		 */
		public Builder allowSingleReplica(boolean allowSingleReplica) {
			this.allowSingleReplica = allowSingleReplica;
			return this;
		}

		/**
		 * Set the frontend container port (default 8080).
		 * @param port the port
		 * @return this builder
		 */
		public Builder frontendPort(int port) {
			this.frontendPort = port;
			return this;
		}

		/**
		 * Set the frontend resources.
		 * @param resources the resources
		 * @return this builder
		 */
		public Builder frontendResources(ResourceSettings resources) {
			this.frontendResources = resources;
			return this;
		}

		/**
		 * Enable a HorizontalPodAutoscaler for the frontend ({@code null} disables it,
		 * the default; it needs metrics-server, which kind lacks).
		 * @param autoscaling the autoscaling settings
		 * @return this builder
		 */
		public Builder frontendAutoscaling(AutoscalingSettings autoscaling) {
			this.frontendAutoscaling = autoscaling;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public FrontendSettings build() {
			return new FrontendSettings(this.frontendReplicas, this.allowSingleReplica, this.frontendPort,
					this.frontendResources, this.frontendAutoscaling);
		}

	}

}
