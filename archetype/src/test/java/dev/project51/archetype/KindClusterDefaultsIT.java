package dev.project51.archetype;

import dev.project51.infra.settings.PinnedVersions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated project makes its kind cluster two ways: {@code kind-config.yaml}
 * (k8s-templates), which the CI workflow creates, and the cluster stack (infra-cdktf),
 * which the EC2 host runs. At the defaults both run the same Kubernetes and publish the
 * frontend's NodePort on the same host port and address; the two modules do not depend on
 * each other, so this is where their defaults meet (the archetype module runs only
 * integration tests).
 */
class KindClusterDefaultsIT {

	private final dev.project51.k8s.delivery.ClusterSettings kindConfig = dev.project51.k8s.delivery.ClusterSettings
		.builder()
		.build();

	private final dev.project51.infra.settings.ClusterSettings clusterStack = dev.project51.infra.settings.ClusterSettings
		.builder()
		.build();

	@Test
	void bothRunTheSamePinnedKubernetes() {
		assertThat(this.kindConfig.kindNodeImage()).isEqualTo(this.clusterStack.nodeImage())
			.isEqualTo(PinnedVersions.KIND_NODE_IMAGE);
	}

	@Test
	void theHostsKubectlIsOfTheNodeImagesReleaseAsTheWorkflowsIs() {
		// The CI workflow takes kubectl's version from the node image's tag; the host
		// pins its own download of kubectl.
		String release = this.kindConfig.kindNodeImage().replaceAll("^kindest/node:(v[0-9.]+)@.*$", "$1");
		assertThat(PinnedVersions.KUBECTL).isEqualTo(release).startsWith("v1." + PinnedVersions.KUBECTL_MINOR + ".");
	}

	@Test
	void bothPublishTheFrontendOnTheSamePortsAndAddress() {
		assertThat(this.kindConfig.nodePort()).isEqualTo(this.clusterStack.nodePort());
		assertThat(this.kindConfig.hostPort()).isEqualTo(this.clusterStack.hostPort());
		assertThat(this.kindConfig.listenAddress())
			.isEqualTo(dev.project51.infra.settings.ClusterSettings.LISTEN_ADDRESS);
	}

}
