package dev.project51.kubernetes.kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.TestingAppConfig;
import dev.project51.infra.cluster.ClusterStack;
import dev.project51.infra.settings.ClusterSettings;
import dev.project51.kubernetes.ReferenceDeployment;
import dev.project51.kubernetes.testing.CommandResult;
import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.kubernetes.testing.ControlPlaneExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kind cluster configurations are loaded by kind's own config types:
 * kind-config-check (built by control-plane/build.sh against {@code sigs.k8s.io/kind})
 * decodes them strictly into {@code v1alpha4.Cluster}, applies kind's defaults and runs
 * the checks {@code kind create cluster} runs. Both the reference deployment's
 * kind-config.yaml and the cluster infra-cdktf synthesizes for it load, describe the same
 * cluster, and map the Service's NodePort to host port 8080.
 */
@ExtendWith(ControlPlaneExtension.class)
class KindConfigIT {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	@TempDir
	Path temp;

	@Test
	void referenceKindConfigLoadsAndMapsTheServicesNodePortToPort8080(ControlPlane controlPlane) throws IOException {
		JsonNode cluster = load(controlPlane, ReferenceDeployment.file("kind-config.yaml"));
		assertThat(cluster.path("name").asText()).isEqualTo("project51-demo");
		List<JsonNode> nodes = list(cluster.path("nodes"));
		assertThat(nodes).singleElement().satisfies((node) -> {
			assertThat(node.path("role").asText()).isEqualTo("control-plane");
			assertThat(node.path("image").asText()).startsWith("kindest/node:v1.35.");
		});
		JsonNode mapping = nodes.get(0).path("extraPortMappings").get(0);
		assertThat(mapping.path("containerPort").asInt()).isEqualTo(serviceNodePort(controlPlane));
		assertThat(mapping.path("hostPort").asInt()).isEqualTo(8080);
		assertThat(mapping.path("protocol").asText()).isEqualTo("TCP");
		assertThat(cluster.path("networking").path("apiServerAddress").asText()).isEqualTo("127.0.0.1");
	}

	@Test
	void clusterSynthesizedByInfraCdktfLoadsAsTheSameCluster(ControlPlane controlPlane) throws IOException {
		ClusterSettings settings = ClusterSettings.builder().name("project51-demo").build();
		App app = Testing.app(TestingAppConfig.builder().outdir(this.temp.resolve("cdktf").toString()).build());
		JsonNode synthesized = MAPPER.readTree(Testing.synth(new ClusterStack(app, "cluster", settings)));
		JsonNode resource = synthesized.path("resource").path("kind_cluster").path(ClusterStack.CLUSTER_ID);
		assertThat(resource.isObject()).as("kind_cluster.%s in %s", ClusterStack.CLUSTER_ID, synthesized).isTrue();
		Path config = this.temp.resolve("synthesized-kind-config.json");
		Files.writeString(config, MAPPER.writeValueAsString(asKindConfig(resource)));

		JsonNode fromInfra = load(controlPlane, config);
		JsonNode fromExample = load(controlPlane, ReferenceDeployment.file("kind-config.yaml"));
		assertThat(fromInfra).isEqualTo(fromExample);
		assertThat(fromInfra.path("nodes").get(0).path("extraPortMappings").get(0).path("containerPort").asInt())
			.isEqualTo(serviceNodePort(controlPlane));
	}

	@Test
	void unknownFieldIsRefusedAsKindRefusesIt(ControlPlane controlPlane) throws IOException {
		Path config = this.temp.resolve("typo.yaml");
		Files.writeString(config, Files.readString(ReferenceDeployment.file("kind-config.yaml"))
			.replace("extraPortMappings:", "extraPortMapping:"));
		CommandResult result = check(controlPlane, config);
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("field extraPortMapping not found in type v1alpha4.Node");
	}

	@Test
	void duplicatePortMappingIsRefusedAsKindCreateRefusesIt(ControlPlane controlPlane) throws IOException {
		String original = Files.readString(ReferenceDeployment.file("kind-config.yaml"));
		int start = original.indexOf("      - containerPort:");
		String mapping = original.substring(start);
		Path config = this.temp.resolve("duplicate.yaml");
		Files.writeString(config, original + mapping.replace("containerPort: 30080", "containerPort: 30081"));
		CommandResult result = check(controlPlane, config);
		assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
		assertThat(result.stderr()).contains("port mapping with same listen address, port and protocol");
	}

	/**
	 * The {@code kind_config} block of the tehcyx/kind provider as the kind config it
	 * stands for: the provider's snake_case attribute names are kind's v1alpha4 fields,
	 * the cluster's name is the resource's {@code name}, and {@code node_image} is the
	 * image of every node.
	 */
	private static Map<String, Object> asKindConfig(JsonNode resource) {
		JsonNode block = resource.path("kind_config").get(0);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("kind", block.path("kind").asText());
		config.put("apiVersion", block.path("api_version").asText());
		config.put("name", resource.path("name").asText());
		JsonNode networking = block.path("networking").get(0);
		config.put("networking", Map.of("apiServerAddress", networking.path("api_server_address").asText()));
		List<Map<String, Object>> nodes = new ArrayList<>();
		for (JsonNode node : block.path("node")) {
			Map<String, Object> converted = new LinkedHashMap<>();
			converted.put("role", node.path("role").asText());
			converted.put("image", resource.path("node_image").asText());
			List<Map<String, Object>> mappings = new ArrayList<>();
			for (JsonNode mapping : node.path("extra_port_mappings")) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("containerPort", mapping.path("container_port").asInt());
				m.put("hostPort", mapping.path("host_port").asInt());
				m.put("listenAddress", mapping.path("listen_address").asText());
				m.put("protocol", mapping.path("protocol").asText());
				mappings.add(m);
			}
			converted.put("extraPortMappings", mappings);
			nodes.add(converted);
		}
		config.put("nodes", nodes);
		return config;
	}

	private static int serviceNodePort(ControlPlane controlPlane) {
		String port = controlPlane
			.kubectl("create", "--dry-run=client", "-f",
					ReferenceDeployment.file("k8s/frontend-service.yaml").toString(), "-o",
					"jsonpath={.spec.ports[?(@.name==\"http\")].nodePort}")
			.orThrow()
			.stdout()
			.trim();
		return Integer.parseInt(port);
	}

	private static JsonNode load(ControlPlane controlPlane, Path config) throws IOException {
		CommandResult result = check(controlPlane, config).orThrow();
		return MAPPER.readTree(result.stdout());
	}

	private static CommandResult check(ControlPlane controlPlane, Path config) {
		return ControlPlane.run(
				List.of(controlPlane.binDirectory().resolve("kind-config-check").toString(), config.toString()),
				Map.of(), null, Duration.ofMinutes(1));
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

}
