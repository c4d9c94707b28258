package dev.project51.infra.settings;

/**
 * The versions (and checksums) of every tool and image the infrastructure pins. They are
 * chosen together: the {@code tehcyx/kind} Terraform provider embeds a kind library, a
 * node image must be one published for that kind release, and kubectl must be within one
 * minor version of the node image's Kubernetes.
 *
 * @since 0.1.0
 */
public final class PinnedVersions {

	/**
	 * Version of the {@code tehcyx/kind} Terraform provider. 0.11.0 embeds
	 * {@code sigs.k8s.io/kind} v0.31.0; a node image newer than those published for that
	 * kind release fails in {@code kubeadm init}, so bump both together.
	 */
	public static final String KIND_PROVIDER = "0.11.0";

	/** Registry source of the kind Terraform provider. */
	public static final String KIND_PROVIDER_SOURCE = "tehcyx/kind";

	/**
	 * The default kind node image: the image kind v0.31.0 publishes for Kubernetes
	 * v1.35.0, pinned by digest because kindest/node tags are re-published.
	 */
	public static final String KIND_NODE_IMAGE = "kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f";

	/** The kind CLI installed on the host (same release as the provider's library). */
	public static final String KIND = "v0.31.0";

	/** SHA-256 of {@code kind-linux-amd64} for {@link #KIND}. */
	public static final String KIND_SHA256 = "eb244cbafcc157dff60cf68693c14c9a75c4e6e6fedaf9cd71c58117cb93e3fa";

	/**
	 * kubectl installed on the host, matching the Kubernetes of {@link #KIND_NODE_IMAGE}.
	 */
	public static final String KUBECTL = "v1.35.0";

	/** Minor version of {@link #KUBECTL}, used for the version-skew check. */
	public static final int KUBECTL_MINOR = 35;

	/** SHA-256 of {@code bin/linux/amd64/kubectl} for {@link #KUBECTL}. */
	public static final String KUBECTL_SHA256 = "a2e984a18a0c063279d692533031c1eff93a262afcc0afdc517375432d060989";

	/** Terraform installed on the host to apply the cluster stack. */
	public static final String TERRAFORM = "1.14.3";

	/** SHA-256 of {@code terraform_<version>_linux_amd64.zip} for {@link #TERRAFORM}. */
	public static final String TERRAFORM_SHA256 = "178b2a602251bb68b94732aceca2cc1023d87597cb83dba92cab31b6689edb4d";

	/**
	 * Fingerprint of Docker's apt repository signing key, in groups of four as
	 * {@code gpg --fingerprint} and Docker's documentation print it; the bootstrap
	 * refuses a downloaded key with any other fingerprint. Grouped, it does not look like
	 * an AWS secret access key (40 characters in a row) to the secret scanners that read
	 * user data, such as checkov's CKV_AWS_46.
	 */
	public static final String DOCKER_APT_KEY_FINGERPRINT = "9DC8 5822 9FC7 DD38 854A E2D8 8D81 803C 0EBF CD88";

	/** Minimum Terraform (or OpenTofu) version the synthesized JSON declares. */
	public static final String REQUIRED_TERRAFORM = ">= 1.5.0";

	private PinnedVersions() {
	}

}
