package dev.project51.infra.settings;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link ClusterSettings}.
 */
class ClusterSettingsTests {

	@Test
	void defaultsPinTheNodeImageAndMapNodePort30080ToHostPort8080() {
		ClusterSettings settings = ClusterSettings.defaults();
		assertThat(settings.name()).isEqualTo("project51");
		assertThat(settings.nodeImage())
			.isEqualTo("kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f");
		assertThat(settings.kubeconfigPath()).isEqualTo("~/.kube/config");
		assertThat(settings.hostPort()).isEqualTo(8080);
		assertThat(settings.nodePort()).isEqualTo(30080);
		assertThat(settings.kubeContext()).isEqualTo("kind-project51");
	}

	@Test
	void kubernetesMinorVersionIsReadFromTheImageTag() {
		assertThat(ClusterSettings.defaults().kubernetesMinorVersion()).isEqualTo(35);
		assertThat(ClusterSettings.builder().nodeImage("kindest/node:v1.34.3").build().kubernetesMinorVersion())
			.isEqualTo(34);
		assertThat(ClusterSettings.builder()
			.nodeImage("registry.example.com:5000/kind/node@sha256:" + "a".repeat(64))
			.build()
			.kubernetesMinorVersion()).isEqualTo(-1);
	}

	@Test
	void toBuilderKeepsEveryValue() {
		ClusterSettings settings = ClusterSettings.builder()
			.name("shop")
			.nodeImage("kindest/node:v1.34.3")
			.kubeconfigPath("/etc/kind/kubeconfig")
			.hostPort(9090)
			.nodePort(31000)
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
	}

	@ParameterizedTest(name = "{0}: {2}")
	@MethodSource("invalidSettings")
	void invalidValueIsRefusedWithAMessageNamingSettingValueAndFix(String setting,
			UnaryOperator<ClusterSettings.Builder> change, String expectedMessage) {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> change.apply(ClusterSettings.builder()).build())
			.satisfies((ex) -> assertThat(ex.violations()).singleElement().satisfies((violation) -> {
				assertThat(violation.setting()).isEqualTo(setting);
				assertThat(violation.message()).isEqualTo(expectedMessage);
			}));
	}

	static Stream<Arguments> invalidSettings() {
		String pinned = "kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f";
		return Stream.of(arguments("clusterName", op((b) -> b.name("My_Cluster")),
				"clusterName must be 1-40 lowercase letters, digits and hyphens, starting and ending with a letter or "
						+ "digit, but was 'My_Cluster'"),
				arguments("nodeImage", op((b) -> b.nodeImage("kindest/node")),
						"nodeImage 'kindest/node' has neither a tag nor a digest; pin it, for example " + pinned),
				arguments("nodeImage", op((b) -> b.nodeImage("kindest/node:latest")),
						"nodeImage 'kindest/node:latest' uses the moving tag 'latest'; pin a version and digest, for "
								+ "example " + pinned),
				arguments("nodeImage", op((b) -> b.nodeImage("kindest/node:v1.35.0 && reboot")),
						"nodeImage must be a container image reference such as " + pinned
								+ ", but was 'kindest/node:v1.35.0 && reboot'"),
				arguments("kubeconfigPath", op((b) -> b.kubeconfigPath("kubeconfig")),
						"kubeconfigPath must be an absolute path or one starting with ~/, such as ~/.kube/config, but "
								+ "was 'kubeconfig'"),
				arguments("kubeconfigPath", op((b) -> b.kubeconfigPath("~/\")}${file(\"/etc/shadow")),
						"kubeconfigPath must be an absolute path or one starting with ~/, such as ~/.kube/config, but "
								+ "was '~/\")}${file(\"/etc/shadow'"),
				arguments("kubeconfigPath", op((b) -> b.kubeconfigPath("/home/ubuntu/../../etc/kubeconfig")),
						"kubeconfigPath must not contain '..', but was '/home/ubuntu/../../etc/kubeconfig'"),
				arguments("hostPort", op((b) -> b.hostPort(65536)),
						"hostPort must be between 1 and 65535, but was 65536"),
				arguments("nodePort", op((b) -> b.nodePort(8080)),
						"nodePort must be between 30000 and 32767, but was 8080 (Kubernetes allocates NodePorts from "
								+ "30000-32767 by default)"));
	}

	private static UnaryOperator<ClusterSettings.Builder> op(UnaryOperator<ClusterSettings.Builder> change) {
		return change;
	}

}
