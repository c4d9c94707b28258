package dev.project51.k8s.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.project51.k8s.delivery.DeliveryFiles;
import dev.project51.k8s.delivery.DeliverySettings;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ManifestYaml;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ManifestChecker}: the generated manifests are clean, and every rule
 * flags a manifest broken in exactly the way it guards against.
 */
class ManifestCheckerTests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final ManifestChecker CHECKER = ManifestChecker.defaults();

	/** One broken variant of the default manifests per rule. */
	private static final Map<Rule, Broken> BROKEN = new EnumMap<>(Rule.class);

	static {
		BROKEN.put(Rule.YAML_SYNTAX, Broken.text("apiVersion: v1\nkind: [Service\n"));
		BROKEN.put(Rule.SCHEMA, Broken.text(Fixture.defaults().yaml().replace("replicas: 2", "replicas: two")));
		BROKEN.put(Rule.UNKNOWN_KIND, Broken.text(Fixture.defaults().yaml().replace("apps/v1", "apps/v2")));
		BROKEN.put(Rule.STABLE_VERSION,
				Broken.text(Fixture.defaults().yaml().replace("apiVersion: policy/v1", "apiVersion: policy/v1beta1")));
		BROKEN.put(Rule.POD_PROBES, Broken.container((container) -> container.setReadinessProbe(null)));
		BROKEN.put(Rule.POD_PROBES_IDENTICAL,
				Broken.container((container) -> container.setReadinessProbe(container.getLivenessProbe())));
		BROKEN.put(Rule.STARTUP_PROBE, Broken.container((container) -> container.setStartupProbe(null)));
		BROKEN.put(Rule.LIVENESS_DEEP_CHECK,
				Broken.container((container) -> container.getLivenessProbe().getHttpGet().setPath("/actuator/health")));
		BROKEN.put(Rule.CONTAINER_RESOURCES, Broken.container((container) -> container.getResources().setLimits(null)));
		BROKEN.put(Rule.CONTAINER_IMAGE_TAG,
				Broken.container((container) -> container.setImage("docker.io/project51/project51-frontend:latest")));
		BROKEN.put(Rule.CONTAINER_IMAGE_PULL_POLICY,
				Broken.container((container) -> container.setImagePullPolicy("Always")));
		BROKEN.put(Rule.RUN_AS_NON_ROOT, Broken.pod((pod) -> {
			pod.getSecurityContext().setRunAsNonRoot(null);
			pod.getSecurityContext().setRunAsUser(null);
			pod.getContainers().get(0).getSecurityContext().setRunAsNonRoot(null);
		}));
		BROKEN.put(Rule.USER_GROUP_ID, Broken.pod((pod) -> pod.getSecurityContext().setRunAsUser(1000L)));
		BROKEN.put(Rule.READ_ONLY_ROOT_FILESYSTEM,
				Broken.container((container) -> container.getSecurityContext().setReadOnlyRootFilesystem(false)));
		BROKEN.put(Rule.WRITABLE_TMP, Broken.container((container) -> container.setVolumeMounts(null)));
		BROKEN.put(Rule.PRIVILEGE_ESCALATION,
				Broken.container((container) -> container.getSecurityContext().setAllowPrivilegeEscalation(true)));
		BROKEN.put(Rule.DROP_ALL_CAPABILITIES, Broken.container((container) -> container.getSecurityContext()
			.setCapabilities(new Capabilities(List.of("SYS_ADMIN"), List.of("NET_RAW")))));
		BROKEN.put(Rule.SECCOMP_PROFILE, Broken.pod((pod) -> pod.getSecurityContext().setSeccompProfile(null)));
		BROKEN.put(Rule.PRIVILEGED_CONTAINER,
				Broken.container((container) -> container.getSecurityContext().setPrivileged(true)));
		BROKEN.put(Rule.HOST_NAMESPACES, Broken.pod((pod) -> pod.setHostNetwork(true)));
		BROKEN.put(Rule.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN,
				Broken.pod((pod) -> pod.setAutomountServiceAccountToken(null)));
		BROKEN.put(Rule.ENV_VAR_SECRET,
				Broken.container((container) -> container.getEnv().add(new EnvVar("DB_PASSWORD", "hunter2", null))));
		BROKEN.put(Rule.DEPLOYMENT_REPLICAS, Broken.fixture((fixture) -> fixture.deployment.getSpec().setReplicas(1)));
		BROKEN.put(Rule.DEPLOYMENT_ROLLING_UPDATE, Broken.fixture((fixture) -> {
			fixture.deployment.getSpec().getStrategy().setType("Recreate");
			fixture.deployment.getSpec().getStrategy().setRollingUpdate(null);
		}));
		BROKEN.put(Rule.DEPLOYMENT_ROLLOUT_DEADLINE,
				Broken.fixture((fixture) -> fixture.deployment.getSpec().setProgressDeadlineSeconds(60)));
		BROKEN.put(Rule.DEPLOYMENT_HAS_PDB, Broken.fixture((fixture) -> fixture.pdb = null));
		BROKEN.put(Rule.PDB_ALLOWS_DISRUPTION,
				Broken.fixture((fixture) -> fixture.pdb.getSpec().setMaxUnavailable(new IntOrString(0))));
		BROKEN.put(Rule.DEPLOYMENT_HAS_HOST_PODANTIAFFINITY, Broken.pod((pod) -> pod.setAffinity(null)));
		BROKEN.put(Rule.MISMATCHING_SELECTOR,
				Broken.fixture((fixture) -> fixture.deployment.getSpec()
					.getSelector()
					.getMatchLabels()
					.put("app.kubernetes.io/name", "front")));
		BROKEN.put(Rule.SERVICE_TARGETS_POD, Broken
			.fixture((fixture) -> fixture.service.getSpec().getSelector().put("app.kubernetes.io/name", "api")));
		BROKEN.put(Rule.SERVICE_TARGET_PORT, Broken
			.fixture((fixture) -> fixture.service.getSpec().getPorts().get(0).setTargetPort(new IntOrString("web"))));
		BROKEN.put(Rule.SERVICE_TYPE, Broken
			.fixture((fixture) -> fixture.service.getMetadata().getAnnotations().remove("kube-score/ignore")));
		BROKEN.put(Rule.HPA_HAS_TARGET,
				Broken.fixture((fixture) -> fixture.extra.add(new HorizontalPodAutoscalerBuilder().withNewMetadata()
					.withName("frontend")
					.withNamespace("project51")
					.endMetadata()
					.withNewSpec()
					.withNewScaleTargetRef()
					.withApiVersion("apps/v1")
					.withKind("Deployment")
					.withName("frontent")
					.endScaleTargetRef()
					.withMinReplicas(2)
					.withMaxReplicas(4)
					.endSpec()
					.build())));
	}

	static Stream<Arguments> brokenManifests() {
		return BROKEN.entrySet().stream().map((entry) -> Arguments.of(entry.getKey().id(), entry.getValue().yaml()));
	}

	@Test
	void everyRuleHasABrokenManifest() {
		assertThat(BROKEN.keySet()).containsExactlyInAnyOrder(Rule.values());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenManifests")
	void flagsTheRuleOnABrokenManifest(String ruleId, String yaml) {
		ManifestCheckResult result = CHECKER.checkYaml(yaml, "broken.yaml");
		Rule rule = Rule.byId(ruleId).orElseThrow();
		assertThat(result.findings(rule)).as(result.report()).isNotEmpty().allSatisfy((finding) -> {
			assertThat(finding.file()).isEqualTo("broken.yaml");
			assertThat(finding.message()).isNotBlank();
			assertThat(finding.severity()).isEqualTo(rule.severity());
		});
		assertThat(result.isClean()).isFalse();
	}

	@Test
	void defaultDeliveryManifestsAreClean() {
		CHECKER.checkYaml(Fixture.defaults().yaml(), "k8s.yaml").assertClean();
	}

	@Test
	void agentInClusterAndAutoscalingManifestsAreClean() {
		DeliverySettings settings = DeliverySettings.builder()
			.agentInCluster(true)
			.frontendAutoscaling(AutoscalingSettings.defaults())
			.build();
		String yaml = ManifestYaml.write(new ArrayList<>(DeliveryFiles.manifests(settings).values()));
		ManifestCheckResult result = CHECKER.checkYaml(yaml, "k8s.yaml");
		result.assertClean();
		assertThat(result.objectsChecked()).isEqualTo(13);
	}

	@Test
	void findingNamesRuleObjectFileLineAndAFix() {
		String yaml = Fixture.defaults().yaml();
		Fixture fixture = Fixture.defaults();
		fixture.container().setImage("nginx");
		ManifestCheckResult result = CHECKER.checkYaml(fixture.yaml(), "k8s/all.yaml");
		assertThat(result.findings()).hasSize(1);
		Finding finding = result.findings().get(0);
		assertThat(finding.ruleId()).isEqualTo("container-image-tag");
		assertThat(finding.object()).isEqualTo("Deployment/frontend");
		int deploymentLine = Arrays.asList(yaml.split("\n")).indexOf("kind: Deployment");
		assertThat(finding.location()).isEqualTo("k8s/all.yaml:" + deploymentLine);
		assertThat(finding.message()).contains("container \"frontend\"").contains("nginx").contains("git SHA");
		assertThat(finding.toString()).startsWith("ERROR container-image-tag k8s/all.yaml:");
	}

	@Test
	void checksAFolderRecursivelyAndSeesObjectsAcrossFiles(@TempDir Path dir) throws IOException {
		DeliveryFiles.render(DeliverySettings.defaults(), dir);
		Files.writeString(dir.resolve("k8s/notes.txt"), "not yaml: [");
		ManifestCheckResult result = CHECKER.check(dir.resolve("k8s"));
		result.assertClean();
		assertThat(result.filesChecked()).isEqualTo(8);
		assertThat(result.objectsChecked()).isEqualTo(8);
		Files.delete(dir.resolve("k8s/frontend-pdb.yaml"));
		assertThat(CHECKER.check(dir.resolve("k8s")).ruleIds()).containsExactly("deployment-has-poddisruptionbudget");
	}

	@Test
	void honoursKubeScoreAndKubeLinterSuppressions() {
		Fixture kubeScore = Fixture.defaults();
		kubeScore.container().setImagePullPolicy("Always");
		kubeScore.deployment.getMetadata().setAnnotations(Map.of("kube-score/ignore", "container-image-pull-policy"));
		CHECKER.checkYaml(kubeScore.yaml(), "a.yaml").assertClean();
		Fixture kubeLinter = Fixture.defaults();
		kubeLinter.container().setImagePullPolicy("Always");
		kubeLinter.deployment.getMetadata()
			.setAnnotations(Map.of("ignore-check.kube-linter.io/container-image-pull-policy", "registry mirror"));
		CHECKER.checkYaml(kubeLinter.yaml(), "a.yaml").assertClean();
	}

	@Test
	void skipsRulesByIdAndRejectsUnknownIds() {
		Fixture fixture = Fixture.defaults();
		fixture.service.getMetadata().setAnnotations(null);
		assertThat(CHECKER.checkYaml(fixture.yaml(), "a.yaml").ruleIds()).containsExactly("service-type");
		ManifestChecker.skipping("service-type").checkYaml(fixture.yaml(), "a.yaml").assertClean();
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestChecker.skipping("no-such-rule"))
			.withMessageContaining("no-such-rule")
			.withMessageContaining("service-type");
	}

	@Test
	void acceptsPlainNumbersForIntOrStringAndQuantities() {
		String yaml = Fixture.defaults()
			.yaml()
			.replace("cpu: \"1\"", "cpu: 1")
			.replace("maxSurge: 1", "maxSurge: \"25%\"");
		assertThat(yaml).contains("cpu: 1\n").contains("maxUnavailable: 1\n");
		CHECKER.checkYaml(yaml, "a.yaml").assertClean();
	}

	@Test
	void reportsSchemaErrorsWithTheirPath() {
		String yaml = Fixture.defaults()
			.yaml()
			.replace("imagePullPolicy: IfNotPresent", "imagePullPolicy: IfNotPresent\n        imagePulPolicy: Always");
		ManifestCheckResult result = CHECKER.checkYaml(yaml, "a.yaml");
		assertThat(result.findings(Rule.SCHEMA)).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("/spec/template/spec/containers/0")
				.contains("imagePulPolicy"));
	}

	@Test
	void expandsListDocuments() {
		Fixture fixture = Fixture.defaults();
		fixture.container().setImage("nginx:latest");
		Map<String, Object> list = Map.of("apiVersion", "v1", "kind", "List", "items", fixture.objects());
		ManifestCheckResult result = CHECKER.checkYaml(SERIALIZATION.asYaml(list), "list.yaml");
		assertThat(result.objectsChecked()).isEqualTo(4);
		assertThat(result.ruleIds()).containsExactly("container-image-tag");
	}

	@Test
	void assertCleanFailsWithTheReport() {
		Fixture fixture = Fixture.defaults();
		fixture.deployment.getSpec().setReplicas(1);
		ManifestCheckResult result = CHECKER.checkYaml(fixture.yaml(), "a.yaml");
		assertThat(result.hasErrors()).isTrue();
		assertThatThrownBy(result::assertClean).isInstanceOf(AssertionError.class)
			.hasMessageContaining("deployment-replicas")
			.hasMessageContaining("a.yaml:")
			.hasMessageContaining("1 error");
		assertThatThrownBy(result::assertNoErrors).isInstanceOf(AssertionError.class);
	}

	@Test
	void warningsDoNotFailAssertNoErrors() {
		Fixture fixture = Fixture.defaults();
		fixture.container().setImagePullPolicy("Always");
		ManifestCheckResult result = CHECKER.checkYaml(fixture.yaml(), "a.yaml");
		assertThat(result.warnings()).hasSize(1);
		result.assertNoErrors();
		assertThatThrownBy(result::assertClean).isInstanceOf(AssertionError.class);
	}

	@Test
	void rejectsAMissingPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> CHECKER.check(Path.of("does-not-exist")))
			.withMessageContaining("does-not-exist");
	}

	/** The default delivery objects, mutable for one test. */
	static final class Fixture {

		HasMetadata namespace;

		Deployment deployment;

		Service service;

		PodDisruptionBudget pdb;

		final List<HasMetadata> extra = new ArrayList<>();

		static Fixture defaults() {
			Map<String, HasMetadata> manifests = DeliveryFiles.manifests(DeliverySettings.defaults());
			Fixture fixture = new Fixture();
			fixture.namespace = manifests.get("00-namespace.yaml");
			fixture.deployment = (Deployment) manifests.get("frontend-deployment.yaml");
			fixture.service = (Service) manifests.get("frontend-service.yaml");
			fixture.pdb = (PodDisruptionBudget) manifests.get("frontend-pdb.yaml");
			return fixture;
		}

		Container container() {
			return this.deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		}

		List<HasMetadata> objects() {
			List<HasMetadata> objects = new ArrayList<>(
					Stream.of(this.namespace, this.deployment, this.service, this.pdb)
						.filter((o) -> o != null)
						.toList());
			objects.addAll(this.extra);
			return objects;
		}

		String yaml() {
			return ManifestYaml.write(objects());
		}

	}

	/** Produces the YAML of a broken variant. */
	interface Broken {

		String yaml();

		static Broken text(String yaml) {
			return () -> yaml;
		}

		static Broken fixture(Consumer<Fixture> change) {
			return () -> {
				Fixture fixture = Fixture.defaults();
				change.accept(fixture);
				return fixture.yaml();
			};
		}

		static Broken pod(Consumer<PodSpec> change) {
			return fixture((fixture) -> change.accept(fixture.deployment.getSpec().getTemplate().getSpec()));
		}

		static Broken container(Consumer<Container> change) {
			return fixture((fixture) -> change.accept(fixture.container()));
		}

	}

}
