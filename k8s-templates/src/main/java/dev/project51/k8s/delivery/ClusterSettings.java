package dev.project51.k8s.delivery;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;
import dev.project51.k8s.manifest.PortSettings;

/**
 * The kind cluster and what {@code k8s/} puts into it: the cluster's name and node image,
 * the namespace, the NodePort kind maps to a host port, and whether NetworkPolicies deny
 * all traffic the application does not need.
 *
 * @param clusterName the kind cluster name, or {@code null} for the application name
 * @param namespace the Kubernetes namespace, or {@code null} for the application name
 * @param kindNodeImage the kindest/node image pinned by digest
 * @param nodePort the NodePort of the frontend Service, {@code 30000..32767}
 * @param hostPort the host port kind maps to the NodePort
 * @param listenAddress the IPv4 address kind binds the host port to
 * @param networkPolicies whether {@code k8s/} holds NetworkPolicies
 * @since 0.1.0
 */
public record ClusterSettings(String clusterName, String namespace, String kindNodeImage, int nodePort, int hostPort,
		String listenAddress, boolean networkPolicies) {

	/**
	 * Default kind node image: Kubernetes 1.35.0, pinned by digest, the image
	 * infra-cdktf's cluster stack creates the cluster with (kind v0.31.0), so a cluster
	 * made from {@code kind-config.yaml} and one made by Terraform run the same
	 * Kubernetes.
	 */
	public static final String DEFAULT_KIND_NODE_IMAGE = "kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f";

	/**
	 * Default host port kind maps the NodePort to, the port the page is opened on; the
	 * same as infra-cdktf's cluster stack publishes.
	 */
	public static final int DEFAULT_HOST_PORT = 8080;

	/**
	 * Default address kind binds the host port to: every interface (the host's security
	 * group or firewall filters), as infra-cdktf's cluster stack does.
	 */
	public static final String DEFAULT_LISTEN_ADDRESS = "0.0.0.0";

	/**
	 * Validate the settings.
	 * @param clusterName the kind cluster name, or {@code null}
	 * @param namespace the namespace, or {@code null}
	 * @param kindNodeImage the node image
	 * @param nodePort the NodePort
	 * @param hostPort the host port
	 * @param listenAddress the listen address
	 * @param networkPolicies whether NetworkPolicies are rendered
	 */
	public ClusterSettings {
		if (namespace != null) {
			SettingChecks.dnsLabel("namespace", namespace);
		}
		if (clusterName != null) {
			SettingChecks.dnsLabel("clusterName", clusterName);
		}
		SettingChecks.range("nodePort", nodePort, 30000, 32767);
		SettingChecks.port("hostPort", hostPort);
		SettingChecks.notNull("listenAddress", listenAddress);
		if (!listenAddress.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")) {
			throw new InvalidSettingException("listenAddress", listenAddress,
					"listenAddress must be an IPv4 address such as 0.0.0.0 (all interfaces) or 127.0.0.1 (this host only), but was '"
							+ listenAddress + "'");
		}
		SettingChecks.notNull("kindNodeImage", kindNodeImage);
		if (!kindNodeImage.matches("kindest/node:v[0-9]+\\.[0-9]+\\.[0-9]+@sha256:[0-9a-f]{64}")) {
			throw new InvalidSettingException("kindNodeImage", kindNodeImage,
					"kindNodeImage must be a kindest/node image pinned by digest, e.g. kindest/node:v1.35.0@sha256:<64 hex> from the kind release notes, but was '"
							+ kindNodeImage + "'");
		}
	}

	/**
	 * Start from the defaults: NodePort 30080 on host port 8080 of all interfaces, the
	 * pinned node image, NetworkPolicies on.
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
		return new Builder().clusterName(this.clusterName)
			.namespace(this.namespace)
			.kindNodeImage(this.kindNodeImage)
			.nodePort(this.nodePort)
			.hostPort(this.hostPort)
			.listenAddress(this.listenAddress)
			.networkPolicies(this.networkPolicies);
	}

	/**
	 * Builder for {@link ClusterSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String clusterName;

		private String namespace;

		private String kindNodeImage = DEFAULT_KIND_NODE_IMAGE;

		private int nodePort = PortSettings.DEFAULT_NODE_PORT;

		private int hostPort = DEFAULT_HOST_PORT;

		private String listenAddress = DEFAULT_LISTEN_ADDRESS;

		private boolean networkPolicies = true;

		private Builder() {
		}

		/**
		 * Set the kind cluster name (default: the application name).
		 * @param clusterName the cluster name
		 * @return this builder
		 */
		public Builder clusterName(String clusterName) {
			this.clusterName = clusterName;
			return this;
		}

		/**
		 * Set the namespace (default: the application name).
		 * @param namespace the namespace
		 * @return this builder
		 */
		public Builder namespace(String namespace) {
			this.namespace = namespace;
			return this;
		}

		/**
		 * Set the kind node image, pinned by digest.
		 * @param kindNodeImage the image
		 * @return this builder
		 */
		public Builder kindNodeImage(String kindNodeImage) {
			this.kindNodeImage = kindNodeImage;
			return this;
		}

		/**
		 * Set the frontend NodePort (default 30080).
		 * @param nodePort the node port
		 * @return this builder
		 */
		public Builder nodePort(int nodePort) {
			this.nodePort = nodePort;
			return this;
		}

		/**
		 * Set the host port kind forwards to the NodePort (default 8080).
		 * @param hostPort the host port
		 * @return this builder
		 */
		public Builder hostPort(int hostPort) {
			this.hostPort = hostPort;
			return this;
		}

		/**
		 * Set the address kind binds the host port to (default {@code 0.0.0.0}, so the
		 * EC2 host serves it; use {@code 127.0.0.1} on a laptop).
		 * @param listenAddress an IPv4 address
		 * @return this builder
		 */
		public Builder listenAddress(String listenAddress) {
			this.listenAddress = listenAddress;
			return this;
		}

		/**
		 * Set whether {@code k8s/} holds NetworkPolicies (default true): deny all, then
		 * allow what the application needs.
		 * @param networkPolicies whether to render them
		 * @return this builder
		 */
		public Builder networkPolicies(boolean networkPolicies) {
			this.networkPolicies = networkPolicies;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public ClusterSettings build() {
			return new ClusterSettings(this.clusterName, this.namespace, this.kindNodeImage, this.nodePort,
					this.hostPort, this.listenAddress, this.networkPolicies);
		}

	}

}
