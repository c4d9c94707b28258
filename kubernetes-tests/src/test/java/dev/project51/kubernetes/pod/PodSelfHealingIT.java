package dev.project51.kubernetes.pod;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.project51.kubernetes.Figures;
import dev.project51.kubernetes.ReferenceDeployment;
import dev.project51.kubernetes.testing.CommandResult;
import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.kubernetes.testing.ControlPlaneExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod layer on a real control plane, with the generated k8s/ as is: the Deployment
 * rolls out, its ReplicaSet replaces a deleted pod, the Service's endpoints follow
 * readiness, and the PodDisruptionBudget refuses an eviction that would leave no ready
 * pod. kwok plays the kubelet: pods become Ready without containers, and a test sets a
 * pod's Ready condition the way a failing readiness probe would.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodSelfHealingIT {

	private static final String NAMESPACE = ReferenceDeployment.NAMESPACE;

	private static final String SELECTOR = "app.kubernetes.io/name=frontend,app.kubernetes.io/part-of=project51-demo";

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static Duration initialRollout;

	@TempDir
	static Path tagged;

	@BeforeAll
	static void deployTheGeneratedManifests(ControlPlane controlPlane) {
		controlPlane.deleteNamespace(NAMESPACE, TIMEOUT);
		long started = System.nanoTime();
		controlPlane.kubectl("apply", "-f", ReferenceDeployment.file("k8s/00-namespace.yaml").toString()).orThrow();
		// Tagged with a commit SHA, as deploy.sh applies them (the admission policy
		// refuses the placeholder).
		ReferenceDeployment.manifestsTaggedWith(tagged, "1".repeat(40));
		controlPlane.kubectl("apply", "-f", tagged.toString()).orThrow();
		controlPlane.kubectl("rollout", "status", "deployment/frontend", "-n", NAMESPACE, "--timeout=120s").orThrow();
		initialRollout = Duration.ofNanos(System.nanoTime() - started);
	}

	@Test
	@Order(1)
	void deploymentRollsOutWithTwoReadyReplicas(ControlPlane controlPlane) {
		assertThat(jsonpath(controlPlane, "deployment/frontend", "{.status.readyReplicas}")).isEqualTo("2");
		assertThat(readyPods(controlPlane)).hasSize(2);
		Figures.record("first rollout of k8s/ (2 replicas, `minReadySeconds: 5`), apply to rolled out", initialRollout);
	}

	@Test
	@Order(2)
	void deletedPodIsReplacedByItsReplicaSetWithAReadyPod(ControlPlane controlPlane) {
		List<String> before = readyPods(controlPlane);
		String victim = before.get(0);
		String replicaSet = owner(controlPlane, victim);
		long started = System.nanoTime();
		controlPlane.kubectl("delete", "pod", victim, "-n", NAMESPACE, "--wait=false").orThrow();
		ControlPlane.await("a Ready replacement of " + victim, TIMEOUT, () -> {
			List<String> ready = readyPods(controlPlane);
			return ready.size() == 2 && !ready.contains(victim);
		});
		Duration replaced = Duration.ofNanos(System.nanoTime() - started);
		String replacement = readyPods(controlPlane).stream().filter((pod) -> !before.contains(pod)).findFirst().get();
		assertThat(owner(controlPlane, replacement)).isEqualTo(replicaSet);
		Figures.record("pod deleted → a Ready replacement from its ReplicaSet", replaced);
	}

	@Test
	@Order(3)
	void serviceEndpointsFollowReadiness(ControlPlane controlPlane) {
		List<String> pods = readyPods(controlPlane);
		String pod = pods.get(0);
		ControlPlane.await("both pods in the endpoints", TIMEOUT,
				() -> readyEndpoints(controlPlane).equals(Set.copyOf(pods)));
		setReady(controlPlane, pod, false);
		ControlPlane.await(pod + " out of the endpoints", TIMEOUT,
				() -> readyEndpoints(controlPlane).equals(Set.of(pods.get(1))));
		setReady(controlPlane, pod, true);
		ControlPlane.await(pod + " back in the endpoints", TIMEOUT,
				() -> readyEndpoints(controlPlane).equals(Set.copyOf(pods)));
	}

	@Test
	@Order(4)
	void evictionThatWouldBreakThePodDisruptionBudgetIsRefused(ControlPlane controlPlane) {
		List<String> pods = readyPods(controlPlane);
		String unready = pods.get(0);
		String ready = pods.get(1);
		setReady(controlPlane, unready, false);
		ControlPlane.await("the budget to allow no disruption", TIMEOUT, () -> "0"
			.equals(jsonpath(controlPlane, "poddisruptionbudget/frontend", "{.status.disruptionsAllowed}")));

		CommandResult refused = evict(controlPlane, ready);
		assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
		assertThat(refused.stderr()).contains("disruption budget");
		assertThat(readyPods(controlPlane)).contains(ready);

		// unhealthyPodEvictionPolicy AlwaysAllow: the pod that is not ready may go, and
		// is replaced.
		evict(controlPlane, unready).orThrow();
		ControlPlane.await("two ready pods again", TIMEOUT, () -> {
			List<String> now = readyPods(controlPlane);
			return now.size() == 2 && !now.contains(unready);
		});
	}

	@Test
	@Order(5)
	void newVersionRollsOutAndRollsBack(ControlPlane controlPlane) {
		String image = jsonpath(controlPlane, "deployment/frontend", "{.spec.template.spec.containers[0].image}");
		String next = image.substring(0, image.lastIndexOf(':')) + ":" + "2".repeat(40);
		long started = System.nanoTime();
		controlPlane.kubectl("set", "image", "deployment/frontend", "frontend=" + next, "-n", NAMESPACE).orThrow();
		controlPlane.kubectl("rollout", "status", "deployment/frontend", "-n", NAMESPACE, "--timeout=120s").orThrow();
		Duration rollout = Duration.ofNanos(System.nanoTime() - started);
		assertThat(podImages(controlPlane)).containsOnly(next);

		started = System.nanoTime();
		controlPlane.kubectl("rollout", "undo", "deployment/frontend", "-n", NAMESPACE).orThrow();
		controlPlane.kubectl("rollout", "status", "deployment/frontend", "-n", NAMESPACE, "--timeout=120s").orThrow();
		Duration rollback = Duration.ofNanos(System.nanoTime() - started);
		assertThat(podImages(controlPlane)).containsOnly(image);
		Figures.record("rollout of a new image (`kubectl set image` → `rollout status` done)", rollout);
		Figures.record("rollback (`kubectl rollout undo` → `rollout status` done)", rollback);
	}

	private static List<String> readyPods(ControlPlane controlPlane) {
		String out = controlPlane
			.kubectl("get", "pods", "-n", NAMESPACE, "-l", SELECTOR, "-o",
					"jsonpath={range .items[*]}{.metadata.name} {.metadata.deletionTimestamp} "
							+ "{.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}")
			.orThrow()
			.stdout();
		return out.lines()
			.map((line) -> line.trim().split("\\s+"))
			.filter((fields) -> fields.length == 2 && "True".equals(fields[1]))
			.map((fields) -> fields[0])
			.sorted()
			.toList();
	}

	private static List<String> podImages(ControlPlane controlPlane) {
		String out = controlPlane
			.kubectl("get", "pods", "-n", NAMESPACE, "-l", SELECTOR, "-o",
					"jsonpath={.items[*].spec.containers[0].image}")
			.orThrow()
			.stdout();
		return Arrays.asList(out.trim().split("\\s+"));
	}

	private static Set<String> readyEndpoints(ControlPlane controlPlane) {
		String out = controlPlane
			.kubectl("get", "endpointslices", "-n", NAMESPACE, "-l", "kubernetes.io/service-name=frontend", "-o",
					"jsonpath={range .items[*].endpoints[*]}{.targetRef.name} {.conditions.ready}{\"\\n\"}{end}")
			.orThrow()
			.stdout();
		return Set.copyOf(out.lines()
			.map((line) -> line.trim().split("\\s+"))
			.filter((fields) -> fields.length == 2 && "true".equals(fields[1]))
			.map((fields) -> fields[0])
			.toList());
	}

	private static String owner(ControlPlane controlPlane, String pod) {
		return jsonpath(controlPlane, "pod/" + pod, "{.metadata.ownerReferences[0].name}");
	}

	private static String jsonpath(ControlPlane controlPlane, String object, String path) {
		return controlPlane.kubectl("get", object, "-n", NAMESPACE, "-o", "jsonpath=" + path).orThrow().stdout().trim();
	}

	/**
	 * Sets a pod's Ready condition as the kubelet does when its readiness probe fails or
	 * passes again. kwok leaves a running pod's conditions alone.
	 */
	private static void setReady(ControlPlane controlPlane, String pod, boolean ready) {
		String status = ready ? "True" : "False";
		controlPlane
			.kubectl("patch", "pod", pod, "-n", NAMESPACE, "--subresource=status", "--type=strategic", "-p",
					"{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + status
							+ "\"},{\"type\":\"ContainersReady\",\"status\":\"" + status + "\"}]}}")
			.orThrow();
	}

	private static CommandResult evict(ControlPlane controlPlane, String pod) {
		String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod
				+ "\",\"namespace\":\"" + NAMESPACE + "\"}}";
		return controlPlane.kubectlWithInput(eviction, "create", "--raw",
				"/api/v1/namespaces/" + NAMESPACE + "/pods/" + pod + "/eviction", "-f", "-");
	}

}
