package dev.project51.k8s.manifest;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * How a workload is reached: the port the application listens on and the Service in front
 * of it, a NodePort Service (the default: kind maps port 30080 to the host) or a
 * ClusterIP one.
 *
 * @param containerPort the port the application listens on
 * @param serviceType {@code NodePort} or {@code ClusterIP}
 * @param servicePort the Service port
 * @param nodePort the node port in {@code 30000..32767} of a NodePort Service,
 * {@code null} for a ClusterIP one
 * @since 0.1.0
 */
public record PortSettings(int containerPort, String serviceType, int servicePort, Integer nodePort) {

	/** Default container port: the frontend's Spring Boot port. */
	public static final int DEFAULT_CONTAINER_PORT = 8080;

	/**
	 * Default NodePort; kind maps it to host port 8080 through {@code extraPortMappings}.
	 */
	public static final int DEFAULT_NODE_PORT = 30080;

	/**
	 * Validate the settings.
	 * @param containerPort the port the application listens on
	 * @param serviceType the Service type
	 * @param servicePort the Service port
	 * @param nodePort the node port, or {@code null}
	 */
	public PortSettings {
		SettingChecks.port("containerPort", containerPort);
		SettingChecks.port("servicePort", servicePort);
		if ("NodePort".equals(serviceType)) {
			SettingChecks.notNull("nodePort", nodePort);
			SettingChecks.range("nodePort", nodePort, 30000, 32767);
		}
		else if ("ClusterIP".equals(serviceType)) {
			if (nodePort != null) {
				throw new InvalidSettingException("nodePort", nodePort,
						"nodePort must be unset for a ClusterIP Service, but was " + nodePort
								+ "; use a NodePort Service to expose the workload on the nodes");
			}
		}
		else {
			throw new InvalidSettingException("serviceType", serviceType,
					"serviceType must be NodePort or ClusterIP, but was '" + serviceType + "'");
		}
	}

	/**
	 * Start from the defaults: port 8080 behind a NodePort Service on 30080.
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
		Builder builder = new Builder().containerPort(this.containerPort).servicePort(this.servicePort);
		return (this.nodePort != null) ? builder.nodePort(this.nodePort) : builder.clusterIp();
	}

	/**
	 * Builder for {@link PortSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private int containerPort = DEFAULT_CONTAINER_PORT;

		private String serviceType = "NodePort";

		private Integer servicePort;

		private Integer nodePort = DEFAULT_NODE_PORT;

		private Builder() {
		}

		/**
		 * Set the port the application listens on (default 8080).
		 * @param containerPort the port
		 * @return this builder
		 */
		public Builder containerPort(int containerPort) {
			this.containerPort = containerPort;
			return this;
		}

		/**
		 * Expose the workload through a NodePort Service (the default, port 30080).
		 * @param nodePort the node port in {@code 30000..32767}
		 * @return this builder
		 */
		public Builder nodePort(int nodePort) {
			this.serviceType = "NodePort";
			this.nodePort = nodePort;
			return this;
		}

		/**
		 * Expose the workload only inside the cluster through a ClusterIP Service.
		 * @return this builder
		 */
		public Builder clusterIp() {
			this.serviceType = "ClusterIP";
			this.nodePort = null;
			return this;
		}

		/**
		 * Set the Service port (defaults to the container port).
		 * @param servicePort the port
		 * @return this builder
		 */
		public Builder servicePort(int servicePort) {
			this.servicePort = servicePort;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public PortSettings build() {
			int port = (this.servicePort != null) ? this.servicePort : this.containerPort;
			return new PortSettings(this.containerPort, this.serviceType, port, this.nodePort);
		}

	}

}
