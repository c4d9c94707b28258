package dev.project51.k8s.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.manifest.ManifestYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeliveryFiles}: the file set, determinism and settings validation. The
 * whole output, byte for byte, is checked by the reference deployment
 * ({@code examples/project51}), whose committed delivery files must be what its settings
 * render.
 */
class DeliveryFilesTests {

	@Test
	void rendersTheCompleteDeliverySet(@TempDir Path dir) {
		List<Path> files = DeliveryFiles.render(DeliverySettings.defaults(), dir);
		assertThat(files).map(Path::toString)
			.containsExactly(".github/workflows/main.yml", "deploy.sh", "k8s/00-image-policy-binding.yaml",
					"k8s/00-image-policy.yaml", "k8s/00-namespace.yaml", "k8s/default-deny-networkpolicy.yaml",
					"k8s/frontend-deployment.yaml", "k8s/frontend-networkpolicy.yaml", "k8s/frontend-pdb.yaml",
					"k8s/frontend-service.yaml", "kind-config.yaml", "observability/alerts-test.yml",
					"observability/alerts.yml", "observability/grafana-dashboard.json",
					"observability/prometheus-scrape.yml", "render.yaml");
		assertThat(files).allSatisfy((file) -> assertThat(dir.resolve(file)).isRegularFile());
	}

	@Test
	void outputIsDeterministicWithLfLineEndingsAndAHeaderWithoutTimestamp() {
		DeliverySettings settings = DeliverySettings.builder().agentInCluster(true).build();
		SortedMap<String, String> first = DeliveryFiles.contents(settings);
		SortedMap<String, String> second = DeliveryFiles
			.contents(DeliverySettings.builder().agentInCluster(true).build());
		assertThat(first).isEqualTo(second);
		first.forEach((path, content) -> {
			assertThat(content).as(path).doesNotContain("\r").endsWith("\n").contains(ManifestYaml.GENERATED_BY);
			assertThat(content).as(path).doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
		});
		assertThat(first.get("deploy.sh")).startsWith("#!/usr/bin/env bash\n" + ManifestYaml.GENERATED_BY + "\n");
		assertThat(first.get("k8s/00-namespace.yaml")).startsWith(ManifestYaml.GENERATED_BY + "\n");
	}

	@Test
	void appNameAndImageRepositoryFlowIntoEveryFile() {
		SortedMap<String, String> files = DeliveryFiles
			.contents(DeliverySettings.builder().appName("shop").imageRepository("docker.io/acme").build());
		assertThat(files.get("k8s/frontend-deployment.yaml"))
			.contains("image: docker.io/acme/shop-frontend:set-by-deploy-sh")
			.contains("namespace: shop")
			.contains("value: https://shop-backend.onrender.com");
		assertThat(files.get("deploy.sh")).contains("\"frontend=docker.io/acme/shop-frontend:$IMAGE_TAG\"")
			.contains("KUBE_CONTEXT:-kind-shop}");
		assertThat(files.get(".github/workflows/main.yml"))
			.contains("docker.io/acme/shop-${{ matrix.component }}:${{ github.sha }}");
		assertThat(files.get("render.yaml")).contains("name: shop-backend");
		assertThat(files.get("kind-config.yaml")).contains("name: shop");
	}

	@Test
	void agentInClusterAddsItsManifestsAndPointsTheFrontendAtIt() {
		SortedMap<String, String> files = DeliveryFiles
			.contents(DeliverySettings.builder().agentInCluster(true).build());
		assertThat(files).containsKeys("k8s/agent-deployment.yaml", "k8s/agent-service.yaml", "k8s/agent-pdb.yaml");
		assertThat(files.get("k8s/agent-service.yaml")).contains("type: ClusterIP").doesNotContain("nodePort");
		assertThat(files.get("k8s/frontend-deployment.yaml")).contains("value: http://agent:8081");
		assertThat(files.get("k8s/agent-deployment.yaml")).contains("name: agent-provider-keys")
			.contains("optional: true")
			.as("the agent answers to the Service name the frontend calls it by")
			.contains("- name: PROJECT51_AGENT_ALLOWED_HOSTS\n          value: agent\n");
		assertThat(files.get("deploy.sh")).contains("\"agent=docker.io/project51/project51-backend:$IMAGE_TAG\"")
			.contains("agent-provider-keys");
	}

	@Test
	void networkPoliciesDenyEverythingButWhatTheApplicationNeeds() throws IOException {
		SortedMap<String, String> files = DeliveryFiles.contents(DeliverySettings.defaults());
		JsonNode deny = new YAMLMapper().readTree(files.get("k8s/default-deny-networkpolicy.yaml"));
		assertThat(deny.at("/spec/podSelector").isEmpty()).as("every pod of the namespace").isTrue();
		assertThat(deny.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress", "Egress");
		assertThat(deny.at("/spec").has("ingress") || deny.at("/spec").has("egress")).isFalse();
		JsonNode frontend = new YAMLMapper().readTree(files.get("k8s/frontend-networkpolicy.yaml"));
		assertThat(frontend.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("frontend");
		assertThat(frontend.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
		assertThat(frontend.at("/spec/ingress/0").has("from")).as("the NodePort serves the public site").isFalse();
		assertThat(frontend.at("/spec/egress/0/ports").findValuesAsText("protocol")).containsExactly("UDP", "TCP");
		assertThat(frontend.at("/spec/egress/0/to/0/podSelector/matchLabels/k8s-app").asText()).isEqualTo("kube-dns");
		assertThat(frontend.at("/spec/egress/1/ports/0/port").asInt()).as("the agent on Render, over HTTPS")
			.isEqualTo(443);

		SortedMap<String, String> inCluster = DeliveryFiles
			.contents(DeliverySettings.builder().agentInCluster(true).build());
		JsonNode toAgent = new YAMLMapper().readTree(inCluster.get("k8s/frontend-networkpolicy.yaml"))
			.at("/spec/egress/1");
		assertThat(toAgent.at("/to/0/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("agent");
		assertThat(toAgent.at("/ports/0/port").asInt()).isEqualTo(8081);
		assertThat(inCluster).containsKey("k8s/agent-networkpolicy.yaml");
		assertThat(DeliveryFiles.contents(DeliverySettings.builder().networkPolicies(false).build()))
			.doesNotContainKeys("k8s/default-deny-networkpolicy.yaml", "k8s/frontend-networkpolicy.yaml");
		assertThat(new YAMLMapper()
			.readTree(DeliveryFiles
				.contents(DeliverySettings.builder().agentBaseUrl("http://agent.example.com:8081").build())
				.get("k8s/frontend-networkpolicy.yaml"))
			.at("/spec/egress/1/ports/0/port")
			.asInt()).isEqualTo(8081);
	}

	@Test
	void admissionPolicyRefusesPlaceholderTagsInTheNamespaceOnly() throws IOException {
		SortedMap<String, String> files = DeliveryFiles.contents(DeliverySettings.builder().appName("shop").build());
		JsonNode policy = new YAMLMapper().readTree(files.get("k8s/00-image-policy.yaml"));
		assertThat(policy.at("/metadata/name").asText()).isEqualTo("shop-commit-images");
		assertThat(policy.at("/metadata").has("namespace")).as("cluster-scoped").isFalse();
		assertThat(policy.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
		assertThat(policy.at("/spec/matchConstraints/resourceRules/0/resources/0").asText()).isEqualTo("deployments");
		assertThat(policy.at("/spec/validations/0/expression").asText()).contains("[0-9a-f]{40}$")
			.contains("initContainers");
		JsonNode binding = new YAMLMapper().readTree(files.get("k8s/00-image-policy-binding.yaml"));
		assertThat(binding.at("/spec/policyName").asText()).isEqualTo("shop-commit-images");
		assertThat(binding.at("/spec/validationActions/0").asText()).isEqualTo("Deny");
		assertThat(
				binding.at("/spec/matchResources/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
			.isEqualTo("shop");
		assertThat(files.get("deploy.sh")).contains(
				"kc apply -f k8s/00-namespace.yaml -f k8s/00-image-policy.yaml -f k8s/00-image-policy-binding.yaml");
	}

	@Test
	void staleIgnoresActionPinsThatDependabotMovedAndRenderKeepsThem(@TempDir Path dir) throws IOException {
		DeliverySettings settings = DeliverySettings.defaults();
		DeliveryFiles.render(settings, dir);
		assertThat(DeliveryFiles.stale(settings, dir)).isEmpty();
		Path workflow = dir.resolve(DeliveryFiles.WORKFLOW);
		String bumped = Files.readString(workflow)
			.replace("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
					"actions/checkout@" + "a".repeat(40) + " # v4.3.0");
		Files.writeString(workflow, bumped);
		assertThat(DeliveryFiles.stale(settings, dir)).isEmpty();
		DeliveryFiles.render(settings, dir);
		assertThat(Files.readString(workflow)).isEqualTo(bumped);
		Files.writeString(workflow, bumped.replace("timeout-minutes: 30", "timeout-minutes: 31"));
		Files.delete(dir.resolve("render.yaml"));
		assertThat(DeliveryFiles.stale(settings, dir)).containsExactly(DeliveryFiles.WORKFLOW, "render.yaml");
	}

	@Test
	void kindConfigMapsTheNodePortToTheHostPortWithAPinnedImage() throws IOException {
		JsonNode kind = new YAMLMapper()
			.readTree(DeliveryFiles.contents(DeliverySettings.defaults()).get(DeliveryFiles.KIND_CONFIG));
		assertThat(kind.get("kind").asText()).isEqualTo("Cluster");
		assertThat(kind.get("apiVersion").asText()).isEqualTo("kind.x-k8s.io/v1alpha4");
		assertThat(kind.at("/networking/apiServerAddress").asText()).isEqualTo("127.0.0.1");
		JsonNode node = kind.at("/nodes/0");
		assertThat(node.get("role").asText()).isEqualTo("control-plane");
		assertThat(node.get("image").asText()).matches("kindest/node:v1\\.\\d+\\.\\d+@sha256:[0-9a-f]{64}");
		JsonNode mapping = node.at("/extraPortMappings/0");
		assertThat(mapping.get("containerPort").asInt()).isEqualTo(30080);
		assertThat(mapping.get("hostPort").asInt()).isEqualTo(8080);
		assertThat(mapping.get("listenAddress").asText()).isEqualTo("0.0.0.0");
		assertThat(mapping.get("protocol").asText()).isEqualTo("TCP");
		String local = DeliveryFiles.contents(DeliverySettings.builder().listenAddress("127.0.0.1").build())
			.get(DeliveryFiles.KIND_CONFIG);
		assertThat(local).contains("listenAddress: \"127.0.0.1\"").contains("serves this host only");
	}

	@Test
	void rejectsInvalidSettingsNamingTheSettingAndTheValue() {
		assertInvalid(DeliverySettings.builder().appName("My_App"), "appName", "'My_App'");
		assertInvalid(DeliverySettings.builder().appName("a".repeat(41)), "appName", "at most 40");
		assertInvalid(DeliverySettings.builder().imageRepository("Docker.io/ACME/x:1"), "imageRepository", "Docker.io");
		assertInvalid(DeliverySettings.builder().imageTag("latest"), "imageTag", "must not be 'latest'");
		assertInvalid(DeliverySettings.builder().frontendReplicas(1), "frontendReplicas", "allowSingleReplica");
		assertInvalid(DeliverySettings.builder().nodePort(8080), "nodePort", "between 30000 and 32767, but was 8080");
		assertInvalid(DeliverySettings.builder().hostPort(70000), "hostPort", "between 1 and 65535");
		assertInvalid(DeliverySettings.builder().listenAddress("localhost"), "listenAddress", "IPv4");
		assertInvalid(DeliverySettings.builder().kindNodeImage("kindest/node:v1.35.0"), "kindNodeImage", "digest");
		assertInvalid(DeliverySettings.builder().agentBaseUrl("ftp://agent"), "agentBaseUrl", "http(s) URL");
		assertInvalid(DeliverySettings.builder().renderRegion("mars"), "renderRegion", "one of");
		assertInvalid(DeliverySettings.builder().renderAutoDeployTrigger("always"), "renderAutoDeployTrigger",
				"checksPass");
		assertInvalid(DeliverySettings.builder().rolloutTimeout("10 minutes"), "rolloutTimeout", "600s");
		assertInvalid(DeliverySettings.builder().backendDockerfile("../Dockerfile"), "backendDockerfile", "'..'");
		assertInvalid(DeliverySettings.builder().imageTag("0123456789abcdef0123456789abcdef01234567"), "imageTag",
				"does not look like a commit SHA");
		assertInvalid(DeliverySettings.builder().shutdownTimeoutSeconds(0), "shutdownTimeoutSeconds", "between 1");
		assertInvalid(DeliverySettings.builder().renderBuildFilterPaths(List.of("/etc/**")), "renderBuildFilterPaths",
				"/etc/**");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> DeliverySettings.builder().aiProvider("mistral"))
			.withMessageContaining("aiProvider must be one of openai, anthropic, gemini, openai-compatible, local")
			.withMessageContaining("'mistral'");
		assertThat(DeliverySettings.builder().frontendReplicas(1).allowSingleReplica(true).build().frontendReplicas())
			.isEqualTo(1);
	}

	private static void assertInvalid(DeliverySettings.Builder builder, String setting, String fragment) {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo(setting))
			.withMessageContaining(setting)
			.withMessageContaining(fragment);
	}

}
