package dev.project51.k8s.manifest;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One test per self-healing and security claim of DESIGN.md for the pod and deployment
 * layers, on the objects {@link WorkloadManifests} builds from the defaults.
 */
class WorkloadManifestsTests {

	private final WorkloadSettings settings = WorkloadSettings.builder("frontend")
		.namespace("shop")
		.partOf("shop")
		.component("web")
		.imageRepository("docker.io/acme/shop-frontend")
		.imageTag("0123abc")
		.secretEnv("AGENT_API_TOKEN", new SecretKeyRef("agent-api-token", "AGENT_API_TOKEN"))
		.env("PROJECT51_FRONTEND_AGENT_BASE_URL", "https://shop-backend.onrender.com")
		.build();

	private final Deployment deployment = WorkloadManifests.deployment(this.settings);

	private final PodSpec pod = this.deployment.getSpec().getTemplate().getSpec();

	private final Container container = this.pod.getContainers().get(0);

	@Test
	void runsTwoReplicasSpreadOverNodes() {
		assertThat(this.deployment.getSpec().getReplicas()).isEqualTo(2);
		var preferred = this.pod.getAffinity()
			.getPodAntiAffinity()
			.getPreferredDuringSchedulingIgnoredDuringExecution();
		assertThat(preferred).singleElement().satisfies((term) -> {
			assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
			assertThat(term.getPodAffinityTerm().getLabelSelector().getMatchLabels())
				.isEqualTo(this.deployment.getSpec().getSelector().getMatchLabels());
		});
	}

	@Test
	void rollsOutWithoutEverDroppingBelowTheDesiredCount() {
		assertThat(this.deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
		assertThat(this.deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
			.isEqualTo(new IntOrString(0));
		assertThat(this.deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge())
			.isEqualTo(new IntOrString(1));
		assertThat(this.deployment.getSpec().getMinReadySeconds()).isEqualTo(5);
		assertThat(this.deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(5);
		assertThat(this.deployment.getSpec().getProgressDeadlineSeconds())
			.isGreaterThan(this.settings.startupBudgetSeconds() + 5);
	}

	@Test
	void probesTheActuatorHealthGroups() {
		assertThat(this.container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(this.container.getStartupProbe().getFailureThreshold()
				* this.container.getStartupProbe().getPeriodSeconds())
			.isEqualTo(180);
		assertThat(this.container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
		assertThat(this.container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(this.container.getLivenessProbe()).isNotEqualTo(this.container.getReadinessProbe());
		assertThat(List.of(this.container.getStartupProbe(), this.container.getReadinessProbe(),
				this.container.getLivenessProbe()))
			.allSatisfy((probe) -> assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http")));
	}

	@Test
	void setsRequestsAndLimitsAndSizesTheJvmFromTheLimit() {
		assertThat(this.container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"))
			.containsEntry("memory", new Quantity("768Mi"));
		assertThat(this.container.getResources().getLimits()).containsEntry("cpu", new Quantity("1"))
			.containsEntry("memory", new Quantity("768Mi"));
		assertThat(this.container.getEnv()).contains(new EnvVar("JAVA_TOOL_OPTIONS",
				"-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=2000", null));
	}

	@Test
	void runsLockedDownWithAWritableTmp() {
		assertThat(this.pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(this.pod.getSecurityContext().getRunAsUser()).isGreaterThan(10000L);
		assertThat(this.pod.getSecurityContext().getRunAsGroup()).isGreaterThan(10000L);
		assertThat(this.pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(this.pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(this.container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(this.container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(this.container.getSecurityContext().getPrivileged()).isFalse();
		assertThat(this.container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(this.container.getVolumeMounts()).singleElement()
			.satisfies((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
		assertThat(this.pod.getVolumes()).singleElement()
			.satisfies((volume) -> assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("256Mi")));
	}

	@Test
	void pullsAnImmutableTagIfNotPresentAndReadsSecretsFromASecret() {
		assertThat(this.container.getImage()).isEqualTo("docker.io/acme/shop-frontend:0123abc");
		assertThat(this.container.getImagePullPolicy()).isEqualTo("IfNotPresent");
		EnvVar token = this.container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals("AGENT_API_TOKEN"))
			.findFirst()
			.orElseThrow();
		assertThat(token.getValue()).isNull();
		assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("agent-api-token");
		assertThat(this.container.getEnv()).extracting(EnvVar::getName)
			.containsExactly("AGENT_API_TOKEN", "JAVA_TOOL_OPTIONS", "PROJECT51_FRONTEND_AGENT_BASE_URL");
	}

	@Test
	void exposesNodePort30080WithTheReasonForKubeScore() {
		Service service = WorkloadManifests.service(this.settings);
		assertThat(service.getSpec().getType()).isEqualTo("NodePort");
		assertThat(service.getSpec().getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getNodePort()).isEqualTo(30080);
			assertThat(port.getPort()).isEqualTo(8080);
			assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
		});
		assertThat(service.getMetadata().getAnnotations()).containsEntry("kube-score/ignore", "service-type")
			.containsKey("project51.dev/service-type-reason");
		assertThat(service.getSpec().getSelector()).isEqualTo(this.deployment.getSpec().getSelector().getMatchLabels());
	}

	@Test
	void budgetsDisruptionsWithPolicyV1() {
		PodDisruptionBudget pdb = WorkloadManifests.podDisruptionBudget(this.settings);
		assertThat(pdb.getApiVersion()).isEqualTo("policy/v1");
		assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
		assertThat(pdb.getSpec().getSelector()).isEqualTo(this.deployment.getSpec().getSelector());
		assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
	}

	@Test
	void autoscalesWithAutoscalingV2AndLeavesReplicasToTheAutoscaler() {
		WorkloadSettings scaled = this.settings.toBuilder().autoscaling(new AutoscalingSettings(3, 6, 60)).build();
		HorizontalPodAutoscaler hpa = WorkloadManifests.horizontalPodAutoscaler(scaled);
		assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
		assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(60);
		assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("frontend");
		assertThat(WorkloadManifests.deployment(scaled).getSpec().getReplicas()).isNull();
		assertThat(WorkloadManifests.all(scaled)).hasSize(4);
		assertThat(WorkloadManifests.all(this.settings)).hasSize(3);
		assertThatIllegalStateException().isThrownBy(() -> WorkloadManifests.horizontalPodAutoscaler(this.settings))
			.withMessageContaining("autoscaling");
	}

	@Test
	void namespaceEnforcesTheRestrictedPodSecurityStandard() {
		assertThat(WorkloadManifests.namespace("shop", "shop").getMetadata().getLabels())
			.containsEntry("pod-security.kubernetes.io/enforce", "restricted")
			.containsEntry("app.kubernetes.io/part-of", "shop");
	}

	@Test
	void writesStableYamlWithKubernetesKeysFirst() {
		String yaml = ManifestYaml.write(List.of(this.deployment, WorkloadManifests.service(this.settings)));
		assertThat(yaml).startsWith(ManifestYaml.GENERATED_BY + "\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
				+ "  name: frontend\n  namespace: shop\n  labels:\n");
		assertThat(yaml).contains("\n---\napiVersion: v1\nkind: Service\n")
			.contains("      - name: frontend\n")
			.contains("cpu: \"1\"")
			.doesNotContain("\r");
		assertThat(ManifestYaml
			.write(List.of(WorkloadManifests.deployment(this.settings), WorkloadManifests.service(this.settings))))
			.isEqualTo(yaml);
		Map<String, String> labels = this.deployment.getMetadata().getLabels();
		assertThat(labels).containsOnlyKeys("app.kubernetes.io/component", "app.kubernetes.io/name",
				"app.kubernetes.io/part-of");
	}

}
