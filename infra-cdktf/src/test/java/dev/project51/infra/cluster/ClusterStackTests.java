package dev.project51.infra.cluster;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import dev.project51.infra.SynthesizedStacks;
import dev.project51.infra.settings.ClusterSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterStack} and {@link ClusterConstruct}.
 */
class ClusterStackTests {

	static final ClusterSettings CUSTOM = ClusterSettings.builder()
		.name("shop")
		.nodeImage("kindest/node:v1.34.3")
		.kubeconfigPath("/etc/project51/kubeconfig")
		.hostPort(9090)
		.nodePort(31000)
		.build();

	static final String DEFAULT_JSON = SynthesizedStacks.cluster(ClusterSettings.defaults());

	static final JsonNode DEFAULTS = SynthesizedStacks.parse(DEFAULT_JSON);

	static final JsonNode CUSTOM_STACK = SynthesizedStacks.parse(SynthesizedStacks.cluster(CUSTOM));

	@Test
	void declaresTheKindProviderPinnedExactlyAndNoOtherProvider() {
		assertThat(DEFAULTS.at("/terraform/required_providers").toString())
			.isEqualTo("{\"kind\":{\"source\":\"tehcyx/kind\",\"version\":\"0.11.0\"}}");
		assertThat(DEFAULTS.at("/terraform/required_version").asText()).isEqualTo(">= 1.5.0");
		assertThat(DEFAULTS.has("provider")).isFalse();
		assertThat(DEFAULTS.at("/terraform/backend/local/path").asText())
			.isEqualTo("../../../terraform.cluster.tfstate");
	}

	@Test
	void declaresAKindClusterFromThePinnedImageThatWaitsUntilReady() {
		assertThat(Testing.toHaveResourceWithProperties(DEFAULT_JSON, "kind_cluster",
				Map.of("name", "project51", "node_image",
						"kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f",
						"wait_for_ready", true, "kubeconfig_path", "${pathexpand(\"~/.kube/config\")}")))
			.isTrue();
	}

	@Test
	void mapsNodePort30080ToHostPort8080OnAControlPlaneNode() {
		assertThat(Testing.toHaveResourceWithProperties(DEFAULT_JSON, "kind_cluster",
				Map.of("kind_config", List.of(Map.of("kind", "Cluster", "api_version", "kind.x-k8s.io/v1alpha4", "node",
						List.of(Map.of("role", "control-plane", "extra_port_mappings", List.of(Map.of("container_port",
								30080, "host_port", 8080, "listen_address", "0.0.0.0", "protocol", "TCP")))))))))
			.isTrue();
		assertThat(cluster(DEFAULTS).at("/kind_config/0/node")).hasSize(1);
	}

	@Test
	void keepsTheKubernetesApiOnLoopback() {
		assertThat(cluster(DEFAULTS).at("/kind_config/0/networking/0/api_server_address").asText())
			.isEqualTo("127.0.0.1");
		assertThat(cluster(DEFAULTS).at("/kind_config/0/networking/0").size()).isEqualTo(1);
	}

	@Test
	void outputsTheKubeconfigPathEndpointAndContext() {
		JsonNode output = DEFAULTS.path("output");
		assertThat(output.fieldNames()).toIterable()
			.containsExactlyInAnyOrder("kubeconfig_path", "endpoint", "kube_context", "cluster_name");
		assertThat(output.at("/kubeconfig_path/value").asText()).isEqualTo("${kind_cluster.cluster.kubeconfig_path}");
		assertThat(output.at("/endpoint/value").asText()).isEqualTo("${kind_cluster.cluster.endpoint}");
		assertThat(output.at("/kube_context/value").asText()).isEqualTo("kind-project51");
		assertThat(output.at("/cluster_name/value").asText()).isEqualTo("project51");
		output.forEach((value) -> assertThat(value.path("description").asText()).isNotBlank());
	}

	@Test
	void customSettingsReachTheResource() {
		JsonNode cluster = cluster(CUSTOM_STACK);
		assertThat(cluster.path("name").asText()).isEqualTo("shop");
		assertThat(cluster.path("node_image").asText()).isEqualTo("kindest/node:v1.34.3");
		assertThat(cluster.path("kubeconfig_path").asText()).as("absolute paths stay literal")
			.isEqualTo("/etc/project51/kubeconfig");
		JsonNode mapping = cluster.at("/kind_config/0/node/0/extra_port_mappings/0");
		assertThat(mapping.path("container_port").asInt()).isEqualTo(31000);
		assertThat(mapping.path("host_port").asInt()).isEqualTo(9090);
		assertThat(CUSTOM_STACK.at("/output/kube_context/value").asText()).isEqualTo("kind-shop");
	}

	@Test
	void homeRelativeKubeconfigPathsAreExpandedByTerraform() {
		assertThat(ClusterConstruct.kubeconfigExpression("~/.kube/config"))
			.isEqualTo("${pathexpand(\"~/.kube/config\")}");
		assertThat(ClusterConstruct.kubeconfigExpression("/root/kubeconfig")).isEqualTo("/root/kubeconfig");
	}

	private static JsonNode cluster(JsonNode stack) {
		return stack.at("/resource/kind_cluster/cluster");
	}

}
