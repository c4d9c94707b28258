package dev.project51.k8s.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;

/**
 * The per-object rules: API versions, pod specs, containers, probes, resources, images
 * and rollouts. {@link CrossObjectRules} holds the rules that need every checked object.
 */
final class ManifestRules {

	/** Receives a finding for an object; decides about suppression. */
	interface Sink {

		void report(ManifestObject object, Rule rule, String message);

	}

	private static final Pattern SECRET_LIKE_NAME = Pattern
		.compile(".*(SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIAL).*");

	private static final Map<String, String> REMOVED_API_VERSIONS = Map.of("extensions/v1beta1",
			"apps/v1 (Deployment, DaemonSet, ReplicaSet) or networking.k8s.io/v1 (Ingress, NetworkPolicy); removed in 1.16/1.22",
			"apps/v1beta1", "apps/v1; removed in 1.16", "apps/v1beta2", "apps/v1; removed in 1.16", "policy/v1beta1",
			"policy/v1; removed in 1.25", "autoscaling/v2beta1", "autoscaling/v2; removed in 1.25",
			"autoscaling/v2beta2", "autoscaling/v2; removed in 1.26", "batch/v1beta1", "batch/v1; removed in 1.25",
			"networking.k8s.io/v1beta1", "networking.k8s.io/v1; removed in 1.22", "rbac.authorization.k8s.io/v1beta1",
			"rbac.authorization.k8s.io/v1; removed in 1.22");

	private static final Set<String> DEEP_LIVENESS_PATHS = Set.of("/actuator/health", "/actuator/health/", "/health/",
			"/actuator");

	private ManifestRules() {
	}

	static void checkObject(ManifestObject object, Sink sink) {
		String replacement = REMOVED_API_VERSIONS.get(object.apiVersion());
		if (replacement != null) {
			sink.report(object, Rule.STABLE_VERSION,
					"apiVersion " + object.apiVersion() + " is no longer served; use " + replacement);
		}
		Workload workload = Workload.of(object);
		if (workload != null) {
			checkPodSpec(workload, sink);
			if (workload.selector() != null && !Workload.matches(workload.selector(), workload.podLabels())) {
				sink.report(object, Rule.MISMATCHING_SELECTOR,
						"spec.selector " + workload.selector().getMatchLabels()
								+ " does not match the pod template labels " + workload.podLabels()
								+ "; make every selector label also a label of spec.template.metadata.labels");
			}
		}
		if (object.resource() instanceof Deployment deployment && deployment.getSpec() != null) {
			checkRollout(object, deployment, sink);
		}
		if (object.resource() instanceof Service service && service.getSpec() != null) {
			String type = service.getSpec().getType();
			if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
				sink.report(object, Rule.SERVICE_TYPE, "type " + type
						+ " exposes the Service outside the cluster; use ClusterIP behind an Ingress, or record why it is needed with the annotations kube-score/ignore: service-type and a reason");
			}
		}
	}

	private static void checkPodSpec(Workload workload, Sink sink) {
		ManifestObject object = workload.object();
		PodSpec spec = workload.podSpec();
		if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
				|| Boolean.TRUE.equals(spec.getHostIPC())) {
			sink.report(object, Rule.HOST_NAMESPACES,
					"the pod shares a host namespace (hostNetwork/hostPID/hostIPC is true); remove it, or a compromised container sees the node's network traffic or processes");
		}
		if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
			sink.report(object, Rule.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN,
					"automountServiceAccountToken is not false, so every pod carries an API token it does not need; set it to false in the pod spec");
		}
		for (Container container : list(spec.getContainers())) {
			checkContainer(workload, spec.getSecurityContext(), container, true, sink);
		}
		for (Container container : list(spec.getInitContainers())) {
			checkContainer(workload, spec.getSecurityContext(), container, false, sink);
		}
	}

	private static void checkContainer(Workload workload, PodSecurityContext pod, Container container,
			boolean mainContainer, Sink sink) {
		ManifestObject object = workload.object();
		String prefix = "container \"" + container.getName() + "\": ";
		if (mainContainer && workload.longRunning()) {
			checkProbes(workload, container, prefix, sink);
		}
		checkResources(object, container.getResources(), prefix, sink);
		checkImage(object, container, prefix, sink);
		SecurityContext context = container.getSecurityContext();
		Boolean runAsNonRoot = firstNonNull((context != null) ? context.getRunAsNonRoot() : null,
				(pod != null) ? pod.getRunAsNonRoot() : null);
		Long runAsUser = firstNonNull((context != null) ? context.getRunAsUser() : null,
				(pod != null) ? pod.getRunAsUser() : null);
		Long runAsGroup = firstNonNull((context != null) ? context.getRunAsGroup() : null,
				(pod != null) ? pod.getRunAsGroup() : null);
		if (!Boolean.TRUE.equals(runAsNonRoot) && (runAsUser == null || runAsUser == 0)) {
			sink.report(object, Rule.RUN_AS_NON_ROOT, prefix
					+ "may run as root; set securityContext.runAsNonRoot: true (and a non-root runAsUser) on the pod or container");
		}
		if (runAsUser == null || runAsUser <= 10000 || runAsGroup == null || runAsGroup <= 10000) {
			sink.report(object, Rule.USER_GROUP_ID, prefix + "runAsUser is " + runAsUser + " and runAsGroup is "
					+ runAsGroup
					+ "; set both above 10000 (e.g. 10001) so the container cannot share an id with a user of the node");
		}
		if (context == null || !Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
			sink.report(object, Rule.READ_ONLY_ROOT_FILESYSTEM, prefix
					+ "the root filesystem is writable; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes (/tmp)");
		}
		else if (list(container.getVolumeMounts()).stream()
			.map(VolumeMount::getMountPath)
			.noneMatch((path) -> "/tmp".equals(path) || "/tmp/".equals(path))) {
			sink.report(object, Rule.WRITABLE_TMP, prefix
					+ "the root filesystem is read-only but nothing is mounted at /tmp; the JVM and Tomcat write there, so mount an emptyDir volume at /tmp");
		}
		if (context == null || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
			sink.report(object, Rule.PRIVILEGE_ESCALATION, prefix
					+ "allowPrivilegeEscalation is not false; set securityContext.allowPrivilegeEscalation: false");
		}
		Capabilities capabilities = (context != null) ? context.getCapabilities() : null;
		List<String> dropped = (capabilities != null) ? list(capabilities.getDrop()) : List.of();
		List<String> added = (capabilities != null) ? list(capabilities.getAdd()) : List.of();
		if (!dropped.contains("ALL")) {
			sink.report(object, Rule.DROP_ALL_CAPABILITIES,
					prefix + "capabilities are not dropped; set securityContext.capabilities.drop: [ALL]");
		}
		List<String> extra = added.stream().filter((capability) -> !capability.equals("NET_BIND_SERVICE")).toList();
		if (!extra.isEmpty()) {
			sink.report(object, Rule.DROP_ALL_CAPABILITIES,
					prefix + "adds capabilities " + extra + "; remove them (only NET_BIND_SERVICE is acceptable)");
		}
		SeccompProfile seccomp = firstNonNull((context != null) ? context.getSeccompProfile() : null,
				(pod != null) ? pod.getSeccompProfile() : null);
		String seccompType = (seccomp != null) ? seccomp.getType() : null;
		if (!"RuntimeDefault".equals(seccompType) && !"Localhost".equals(seccompType)) {
			sink.report(object, Rule.SECCOMP_PROFILE, prefix + "seccomp profile is " + seccompType
					+ "; set securityContext.seccompProfile.type: RuntimeDefault on the pod");
		}
		if (context != null && Boolean.TRUE.equals(context.getPrivileged())) {
			sink.report(object, Rule.PRIVILEGED_CONTAINER,
					prefix + "is privileged (full access to the node); remove securityContext.privileged: true");
		}
		for (EnvVar env : list(container.getEnv())) {
			if (env.getValue() != null && !env.getValue().isEmpty()
					&& SECRET_LIKE_NAME.matcher(env.getName().toUpperCase(Locale.ROOT)).matches()) {
				sink.report(object, Rule.ENV_VAR_SECRET, prefix + "environment variable " + env.getName()
						+ " carries a literal value that looks like a secret; store it in a Secret and use valueFrom.secretKeyRef");
			}
		}
	}

	private static void checkProbes(Workload workload, Container container, String prefix, Sink sink) {
		ManifestObject object = workload.object();
		Probe readiness = container.getReadinessProbe();
		Probe liveness = container.getLivenessProbe();
		if (readiness == null) {
			sink.report(object, Rule.POD_PROBES, prefix
					+ "has no readinessProbe, so the Service sends traffic to pods that are starting or broken; add an httpGet readinessProbe (Spring Boot: /actuator/health/readiness)");
		}
		if (liveness == null) {
			sink.report(object, Rule.POD_PROBES, prefix
					+ "has no livenessProbe, so a hung process is never restarted; add an httpGet livenessProbe (Spring Boot: /actuator/health/liveness)");
		}
		if (readiness != null && liveness != null && Objects.equals(readiness, liveness)) {
			sink.report(object, Rule.POD_PROBES_IDENTICAL, prefix
					+ "readiness and liveness probes are identical, so a failing dependency restarts pods instead of only removing them from the Service; point liveness at a liveness-only check");
		}
		if (liveness != null && liveness.getHttpGet() != null && liveness.getHttpGet().getPath() != null) {
			String path = liveness.getHttpGet().getPath();
			String readinessPath = (readiness != null && readiness.getHttpGet() != null)
					? readiness.getHttpGet().getPath() : null;
			String lower = path.toLowerCase(Locale.ROOT);
			if (DEEP_LIVENESS_PATHS.contains(lower) || lower.contains("readiness") || path.equals(readinessPath)) {
				sink.report(object, Rule.LIVENESS_DEEP_CHECK, prefix + "the livenessProbe calls " + path
						+ ", a check that also fails when a dependency is down, which restarts healthy pods in a loop; use a liveness-only endpoint such as /actuator/health/liveness");
			}
		}
		if (container.getStartupProbe() == null && workload.scalable()) {
			sink.report(object, Rule.STARTUP_PROBE, prefix
					+ "has no startupProbe, so the livenessProbe may kill a slow JVM start; add a startupProbe (e.g. /actuator/health/liveness with failureThreshold x periodSeconds covering the worst start)");
		}
	}

	private static void checkResources(ManifestObject object, ResourceRequirements resources, String prefix,
			Sink sink) {
		Map<String, Quantity> requests = (resources != null && resources.getRequests() != null)
				? resources.getRequests() : Map.of();
		Map<String, Quantity> limits = (resources != null && resources.getLimits() != null) ? resources.getLimits()
				: Map.of();
		List<String> missing = new ArrayList<>();
		for (String resource : List.of("cpu", "memory")) {
			if (!requests.containsKey(resource)) {
				missing.add("requests." + resource);
			}
			if (!limits.containsKey(resource)) {
				missing.add("limits." + resource);
			}
		}
		if (!missing.isEmpty()) {
			sink.report(object, Rule.CONTAINER_RESOURCES, prefix + "resources " + String.join(", ", missing)
					+ " not set; without requests the scheduler overcommits the node, without limits one pod can starve the others (e.g. requests cpu 250m, memory 768Mi; limits cpu 1, memory 768Mi)");
		}
		for (String resource : List.of("cpu", "memory")) {
			Quantity request = requests.get(resource);
			Quantity limit = limits.get(resource);
			if (request != null && limit != null) {
				try {
					if (Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
						sink.report(object, Rule.CONTAINER_RESOURCES,
								prefix + "requests." + resource + " " + request + " exceeds limits." + resource + " "
										+ limit + "; lower the request or raise the limit");
					}
				}
				catch (RuntimeException ex) {
					sink.report(object, Rule.CONTAINER_RESOURCES, prefix + resource
							+ " request or limit is not a valid quantity; use values such as 250m, 1, 512Mi");
				}
			}
		}
	}

	private static void checkImage(ManifestObject object, Container container, String prefix, Sink sink) {
		String image = container.getImage();
		if (image == null) {
			return;
		}
		boolean digest = image.contains("@sha256:");
		String lastPart = image.substring(image.lastIndexOf('/') + 1);
		int colon = lastPart.indexOf(':');
		String tag = (colon >= 0) ? lastPart.substring(colon + 1) : null;
		if (!digest && (tag == null || tag.equals("latest"))) {
			sink.report(object, Rule.CONTAINER_IMAGE_TAG, prefix + "image " + image
					+ " has no fixed tag; a moving tag cannot be rolled back or reproduced, so use an immutable tag such as the git SHA (or a digest)");
		}
		if ("Always".equals(container.getImagePullPolicy())) {
			sink.report(object, Rule.CONTAINER_IMAGE_PULL_POLICY, prefix
					+ "imagePullPolicy Always makes every pod start depend on the registry and breaks images loaded with 'kind load'; use IfNotPresent with an immutable tag");
		}
	}

	private static void checkRollout(ManifestObject object, Deployment deployment, Sink sink) {
		DeploymentStrategy strategy = deployment.getSpec().getStrategy();
		String type = (strategy != null && strategy.getType() != null) ? strategy.getType() : "RollingUpdate";
		if (!"RollingUpdate".equals(type)) {
			sink.report(object, Rule.DEPLOYMENT_ROLLING_UPDATE, "strategy " + type
					+ " stops every old pod before starting new ones (downtime on each deploy); use RollingUpdate with maxUnavailable: 0 and maxSurge: 1");
		}
		else {
			IntOrString maxUnavailable = (strategy != null && strategy.getRollingUpdate() != null)
					? strategy.getRollingUpdate().getMaxUnavailable() : null;
			IntOrString maxSurge = (strategy != null && strategy.getRollingUpdate() != null)
					? strategy.getRollingUpdate().getMaxSurge() : null;
			if (!isZero(maxUnavailable)) {
				sink.report(object, Rule.DEPLOYMENT_ROLLING_UPDATE, "rollingUpdate.maxUnavailable is "
						+ describe(maxUnavailable, "25% (default)")
						+ ", so a rollout may take serving pods down before replacements are ready; set maxUnavailable: 0");
			}
			if (maxSurge != null && isZero(maxSurge)) {
				sink.report(object, Rule.DEPLOYMENT_ROLLING_UPDATE,
						"rollingUpdate.maxSurge is 0, so with maxUnavailable 0 a rollout cannot start a new pod; set maxSurge: 1");
			}
		}
		int deadline = (deployment.getSpec().getProgressDeadlineSeconds() != null)
				? deployment.getSpec().getProgressDeadlineSeconds() : 600;
		int minReady = (deployment.getSpec().getMinReadySeconds() != null) ? deployment.getSpec().getMinReadySeconds()
				: 0;
		int budget = 0;
		PodSpec podSpec = (deployment.getSpec().getTemplate() != null) ? deployment.getSpec().getTemplate().getSpec()
				: null;
		for (Container container : (podSpec != null) ? list(podSpec.getContainers()) : List.<Container>of()) {
			Probe startup = container.getStartupProbe();
			if (startup != null) {
				int window = valueOr(startup.getInitialDelaySeconds(), 0)
						+ valueOr(startup.getPeriodSeconds(), 10) * valueOr(startup.getFailureThreshold(), 3);
				budget = Math.max(budget, window);
			}
		}
		if (deadline <= budget + minReady) {
			sink.report(object, Rule.DEPLOYMENT_ROLLOUT_DEADLINE, "progressDeadlineSeconds " + deadline
					+ " does not exceed the startup budget (" + budget + " s) plus minReadySeconds (" + minReady
					+ " s), so a rollout is declared failed while its pods may still start; raise progressDeadlineSeconds");
		}
		Integer history = deployment.getSpec().getRevisionHistoryLimit();
		if (history != null && history < 1) {
			sink.report(object, Rule.DEPLOYMENT_ROLLOUT_DEADLINE, "revisionHistoryLimit is " + history
					+ ", so 'kubectl rollout undo' has nothing to return to; keep at least 1 (e.g. 5)");
		}
	}

	static boolean isZero(IntOrString value) {
		if (value == null) {
			return false;
		}
		if (value.getIntVal() != null) {
			return value.getIntVal() == 0;
		}
		return "0".equals(value.getStrVal()) || "0%".equals(value.getStrVal());
	}

	static String describe(IntOrString value, String fallback) {
		if (value == null) {
			return fallback;
		}
		return (value.getIntVal() != null) ? String.valueOf(value.getIntVal()) : value.getStrVal();
	}

	static int valueOr(Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

	private static <T> T firstNonNull(T first, T second) {
		return (first != null) ? first : second;
	}

	static <T> List<T> list(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
