package dev.project51.infra.settings;

import java.util.Objects;

/**
 * Settings of both stacks together. The constructor checks that they agree (the
 * application port, the kubectl version skew) and throws {@link InvalidSettingsException}
 * otherwise.
 *
 * @param host the host settings
 * @param cluster the cluster settings
 * @since 0.1.0
 */
public record InfraSettings(HostSettings host, ClusterSettings cluster) {

	/**
	 * Creates the settings after checking that the host and the cluster agree.
	 * @param host the host settings
	 * @param cluster the cluster settings
	 * @throws InvalidSettingsException listing every problem
	 */
	public InfraSettings {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(cluster, "cluster");
		Checks checks = new Checks();
		if (host.appPort() != cluster.hostPort()) {
			checks.fail("hostPort",
					"the host's appPort (" + host.appPort() + ") and the cluster's hostPort (" + cluster.hostPort()
							+ ") must be equal: the security group opens the port kind publishes the "
							+ "application on; set both to the same port");
		}
		int minor = cluster.kubernetesMinorVersion();
		if (minor >= 0 && Math.abs(minor - PinnedVersions.KUBECTL_MINOR) > 1) {
			checks.fail("nodeImage",
					"nodeImage '" + cluster.nodeImage() + "' runs Kubernetes 1." + minor + ", but the host installs "
							+ "kubectl " + PinnedVersions.KUBECTL + ", which supports only 1."
							+ (PinnedVersions.KUBECTL_MINOR - 1) + " to 1." + (PinnedVersions.KUBECTL_MINOR + 1)
							+ "; choose a node image in that range");
		}
		checks.throwIfAny();
	}

	/**
	 * Returns the default settings of both stacks.
	 * @return the defaults
	 */
	public static InfraSettings defaults() {
		return new InfraSettings(HostSettings.defaults(), ClusterSettings.defaults());
	}

}
