package dev.project51.infra.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the kind cluster that runs on the host. Immutable; create one with
 * {@link #builder()}, which applies the defaults below. The constructor validates every
 * value and throws {@link InvalidSettingsException} listing each problem.
 *
 * @param name the kind cluster name; kubectl's context is {@code kind-<name>} (default
 * {@value #DEFAULT_NAME})
 * @param nodeImage the kind node image, with a tag or digest but never {@code latest}
 * (default {@link PinnedVersions#KIND_NODE_IMAGE})
 * @param kubeconfigPath where the provider writes the kubeconfig on the host; a leading
 * {@code ~/} is the home directory of the user running {@code terraform apply} (default
 * {@value #DEFAULT_KUBECONFIG_PATH})
 * @param hostPort the host port that forwards to {@code nodePort}; must equal the host's
 * application port (default {@value #DEFAULT_HOST_PORT})
 * @param nodePort the Kubernetes NodePort of the frontend Service (default
 * {@value #DEFAULT_NODE_PORT})
 * @since 0.1.0
 */
public record ClusterSettings(String name, String nodeImage, String kubeconfigPath, int hostPort, int nodePort) {

	/** Default {@link #name()}. */
	public static final String DEFAULT_NAME = "project51";

	/** Default {@link #kubeconfigPath()}. */
	public static final String DEFAULT_KUBECONFIG_PATH = "~/.kube/config";

	/** Default {@link #hostPort()}. */
	public static final int DEFAULT_HOST_PORT = 8080;

	/** Default {@link #nodePort()}. */
	public static final int DEFAULT_NODE_PORT = 30080;

	/**
	 * Address the port mapping listens on: every interface, the security group filters.
	 */
	public static final String LISTEN_ADDRESS = "0.0.0.0";

	/**
	 * Address of the Kubernetes API server. Fixed to loopback: the API is never reachable
	 * from outside the host, whatever the security group says.
	 */
	public static final String API_SERVER_ADDRESS = "127.0.0.1";

	private static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$");

	private static final Pattern IMAGE = Pattern.compile("^(?:[a-z0-9.-]+(?::\\d{1,5})?/)?[a-z0-9]+(?:[._/-][a-z0-9]+)*"
			+ "(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(@sha256:[0-9a-f]{64})?$");

	private static final Pattern KUBERNETES_TAG = Pattern.compile("^v1\\.(\\d+)\\.\\d+.*$");

	private static final Pattern KUBECONFIG = Pattern.compile("^(?:~|)/[A-Za-z0-9._/-]+$");

	/**
	 * Validates and creates the settings; prefer {@link #builder()}, which applies the
	 * defaults.
	 * @param name the kind cluster name
	 * @param nodeImage the node image
	 * @param kubeconfigPath the kubeconfig path
	 * @param hostPort the host port
	 * @param nodePort the NodePort
	 * @throws InvalidSettingsException listing every problem
	 */
	public ClusterSettings {
		Checks checks = new Checks();
		checks.matches("clusterName", name, NAME,
				"1-40 lowercase letters, digits and hyphens, starting and ending with a letter or digit");
		validateImage(checks, nodeImage);
		checks.matches("kubeconfigPath", kubeconfigPath, KUBECONFIG,
				"an absolute path or one starting with ~/, such as " + DEFAULT_KUBECONFIG_PATH);
		if (kubeconfigPath != null && kubeconfigPath.contains("..")) {
			checks.fail("kubeconfigPath", "kubeconfigPath must not contain '..', but was '" + kubeconfigPath + "'");
		}
		checks.between("hostPort", hostPort, 1, 65535, "");
		checks.between("nodePort", nodePort, 30000, 32767,
				" (Kubernetes allocates NodePorts from 30000-32767 by default)");
		checks.throwIfAny();
	}

	/**
	 * Returns a builder with every default applied.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the default settings.
	 * @return the defaults
	 */
	public static ClusterSettings defaults() {
		return builder().build();
	}

	/**
	 * Returns a builder initialised with these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().name(this.name)
			.nodeImage(this.nodeImage)
			.kubeconfigPath(this.kubeconfigPath)
			.hostPort(this.hostPort)
			.nodePort(this.nodePort);
	}

	/**
	 * Returns the kubectl context kind creates for this cluster.
	 * @return {@code kind-<name>}
	 */
	public String kubeContext() {
		return "kind-" + this.name;
	}

	/**
	 * Returns the Kubernetes minor version of the node image when its tag says so (for
	 * example 35 for {@code kindest/node:v1.35.0}).
	 * @return the minor version, or -1 when the tag does not follow
	 * {@code v1.<minor>.<patch>}
	 */
	public int kubernetesMinorVersion() {
		Matcher matcher = IMAGE.matcher(this.nodeImage);
		if (matcher.matches() && matcher.group(1) != null) {
			Matcher tag = KUBERNETES_TAG.matcher(matcher.group(1));
			if (tag.matches()) {
				return Integer.parseInt(tag.group(1));
			}
		}
		return -1;
	}

	private static void validateImage(Checks checks, String nodeImage) {
		checks.matches("nodeImage", nodeImage, IMAGE,
				"a container image reference such as " + PinnedVersions.KIND_NODE_IMAGE);
		if (nodeImage == null) {
			return;
		}
		Matcher matcher = IMAGE.matcher(nodeImage);
		if (matcher.matches()) {
			String tag = matcher.group(1);
			String digest = matcher.group(2);
			if (tag == null && digest == null) {
				checks.fail("nodeImage", "nodeImage '" + nodeImage + "' has neither a tag nor a digest; pin it, for "
						+ "example " + PinnedVersions.KIND_NODE_IMAGE);
			}
			else if ("latest".equals(tag) && digest == null) {
				checks.fail("nodeImage", "nodeImage '" + nodeImage + "' uses the moving tag 'latest'; pin a version "
						+ "and digest, for example " + PinnedVersions.KIND_NODE_IMAGE);
			}
		}
	}

	/**
	 * Builds {@link ClusterSettings}. {@link #build()} validates every value and reports
	 * every problem at once.
	 */
	public static final class Builder {

		private String name = DEFAULT_NAME;

		private String nodeImage = PinnedVersions.KIND_NODE_IMAGE;

		private String kubeconfigPath = DEFAULT_KUBECONFIG_PATH;

		private int hostPort = DEFAULT_HOST_PORT;

		private int nodePort = DEFAULT_NODE_PORT;

		private Builder() {
		}

		/**
		 * Sets the cluster name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the node image.
		 * @param nodeImage the image reference
		 * @return this builder
		 */
		public Builder nodeImage(String nodeImage) {
			this.nodeImage = nodeImage;
			return this;
		}

		/**
		 * Sets the kubeconfig path.
		 * @param kubeconfigPath the path
		 * @return this builder
		 */
		public Builder kubeconfigPath(String kubeconfigPath) {
			this.kubeconfigPath = kubeconfigPath;
			return this;
		}

		/**
		 * Sets the host port.
		 * @param hostPort the port
		 * @return this builder
		 */
		public Builder hostPort(int hostPort) {
			this.hostPort = hostPort;
			return this;
		}

		/**
		 * Sets the NodePort.
		 * @param nodePort the port
		 * @return this builder
		 */
		public Builder nodePort(int nodePort) {
			this.nodePort = nodePort;
			return this;
		}

		/**
		 * Validates the values and builds the settings.
		 * @return the settings
		 * @throws InvalidSettingsException listing every invalid value
		 */
		public ClusterSettings build() {
			return new ClusterSettings(this.name, this.nodeImage, this.kubeconfigPath, this.hostPort, this.nodePort);
		}

	}

}
