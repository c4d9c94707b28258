package dev.project51.infra.settings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InfraSettings}.
 */
class InfraSettingsTests {

	@Test
	void defaultsAreConsistent() {
		InfraSettings settings = InfraSettings.defaults();
		assertThat(settings.host().appPort()).isEqualTo(settings.cluster().hostPort());
		assertThat(settings.cluster().kubernetesMinorVersion()).isEqualTo(PinnedVersions.KUBECTL_MINOR);
	}

	@Test
	void applicationPortAndKindHostPortMustAgree() {
		HostSettings host = HostSettings.builder().appPort(9090).build();
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> new InfraSettings(host, ClusterSettings.defaults()))
			.withMessage("the host's appPort (9090) and the cluster's hostPort (8080) must be equal: the security "
					+ "group opens the port kind publishes the application on; set both to the same port");
	}

	@Test
	void nodeImageOutsideTheKubectlVersionSkewIsRefused() {
		ClusterSettings cluster = ClusterSettings.builder().nodeImage("kindest/node:v1.31.4").build();
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> new InfraSettings(HostSettings.defaults(), cluster))
			.withMessage("nodeImage 'kindest/node:v1.31.4' runs Kubernetes 1.31, but the host installs kubectl "
					+ "v1.35.0, which supports only 1.34 to 1.36; choose a node image in that range");
	}

	@Test
	void nodeImageWithinOneMinorVersionIsAccepted() {
		ClusterSettings cluster = ClusterSettings.builder().nodeImage("kindest/node:v1.34.3").build();
		assertThat(new InfraSettings(HostSettings.defaults(), cluster).cluster()).isSameAs(cluster);
	}

}
