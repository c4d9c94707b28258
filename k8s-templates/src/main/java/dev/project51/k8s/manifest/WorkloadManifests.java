package dev.project51.k8s.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * Builds the Kubernetes objects of one workload from {@link WorkloadSettings} with
 * fabric8 builders: a Deployment that heals itself and runs locked down, its Service, a
 * PodDisruptionBudget and an optional HorizontalPodAutoscaler. Each method returns a
 * fresh object that callers may change further with fabric8's
 * {@code new DeploymentBuilder(deployment).edit…} builders.
 *
 * @since 0.1.0
 */
public final class WorkloadManifests {

	/** Label holding the workload name. */
	public static final String NAME_LABEL = "app.kubernetes.io/name";

	/** Label holding the application a workload belongs to. */
	public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

	/** Label holding the component (e.g. {@code web}). */
	public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

	/** The kube-score annotation that suppresses checks on an object. */
	public static final String KUBE_SCORE_IGNORE = "kube-score/ignore";

	/** Annotation that records why the Service is a NodePort. */
	public static final String SERVICE_TYPE_REASON = "project51.dev/service-type-reason";

	/** Name of the port on container and Service. */
	public static final String PORT_NAME = "http";

	private static final String TMP_VOLUME = "tmp";

	private WorkloadManifests() {
	}

	/**
	 * Build every object of the workload in apply order: Deployment, Service,
	 * PodDisruptionBudget and, when enabled, HorizontalPodAutoscaler.
	 * @param settings the workload settings
	 * @return the objects
	 */
	public static List<HasMetadata> all(WorkloadSettings settings) {
		List<HasMetadata> objects = new ArrayList<>();
		objects.add(deployment(settings));
		objects.add(service(settings));
		objects.add(podDisruptionBudget(settings));
		if (settings.autoscaling() != null) {
			objects.add(horizontalPodAutoscaler(settings));
		}
		return objects;
	}

	/**
	 * Build a Namespace that enforces the Pod Security Standards {@code restricted}
	 * profile, so the API server itself rejects a pod that is not locked down.
	 * @param name the namespace name
	 * @param partOf the {@code app.kubernetes.io/part-of} label value, or {@code null}
	 * @return the namespace
	 */
	public static Namespace namespace(String name, String partOf) {
		NamespaceBuilder builder = new NamespaceBuilder().withNewMetadata()
			.withName(name)
			.addToLabels("pod-security.kubernetes.io/enforce", "restricted")
			.addToLabels("pod-security.kubernetes.io/audit", "restricted")
			.addToLabels("pod-security.kubernetes.io/warn", "restricted")
			.endMetadata();
		if (partOf != null) {
			builder.editMetadata().addToLabels(PART_OF_LABEL, partOf).endMetadata();
		}
		return builder.build();
	}

	/**
	 * Return the labels that select the workload's pods.
	 * @param settings the workload settings
	 * @return the selector labels
	 */
	public static Map<String, String> selectorLabels(WorkloadSettings settings) {
		Map<String, String> labels = new TreeMap<>();
		labels.put(NAME_LABEL, settings.name());
		if (settings.partOf() != null) {
			labels.put(PART_OF_LABEL, settings.partOf());
		}
		return labels;
	}

	/**
	 * Return the labels of every object and pod of the workload.
	 * @param settings the workload settings
	 * @return the labels
	 */
	public static Map<String, String> labels(WorkloadSettings settings) {
		Map<String, String> labels = new TreeMap<>(selectorLabels(settings));
		if (settings.component() != null) {
			labels.put(COMPONENT_LABEL, settings.component());
		}
		return labels;
	}

	/**
	 * Build the Deployment: at least two replicas spread over nodes, a rolling update
	 * that never drops below the desired count, startup/readiness/liveness probes on the
	 * actuator health groups, requests and limits with the JVM sized by
	 * {@code MaxRAMPercentage}, and a restricted security context with a writable
	 * {@code /tmp}.
	 * @param settings the workload settings
	 * @return the deployment
	 */
	public static Deployment deployment(WorkloadSettings settings) {
		Map<String, String> selector = selectorLabels(settings);
		DeploymentBuilder builder = new DeploymentBuilder().withMetadata(metadata(settings, settings.name()))
			.withNewSpec()
			.withMinReadySeconds(settings.minReadySeconds())
			.withProgressDeadlineSeconds(settings.progressDeadlineSeconds())
			.withRevisionHistoryLimit(settings.revisionHistoryLimit())
			.withNewSelector()
			.withMatchLabels(selector)
			.endSelector()
			.withNewStrategy()
			.withType("RollingUpdate")
			.withNewRollingUpdate()
			.withMaxSurge(new IntOrString(1))
			.withMaxUnavailable(new IntOrString(0))
			.endRollingUpdate()
			.endStrategy()
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(labels(settings))
			.endMetadata()
			.withNewSpec()
			.withAutomountServiceAccountToken(false)
			.withEnableServiceLinks(false)
			.withTerminationGracePeriodSeconds((long) settings.terminationGracePeriodSeconds())
			.withNewSecurityContext()
			.withRunAsNonRoot(true)
			.withRunAsUser(settings.runAsUser())
			.withRunAsGroup(settings.runAsGroup())
			.withNewSeccompProfile()
			.withType("RuntimeDefault")
			.endSeccompProfile()
			.endSecurityContext()
			.withNewAffinity()
			.withNewPodAntiAffinity()
			.addNewPreferredDuringSchedulingIgnoredDuringExecution()
			.withWeight(100)
			.withNewPodAffinityTerm()
			.withTopologyKey("kubernetes.io/hostname")
			.withNewLabelSelector()
			.withMatchLabels(selector)
			.endLabelSelector()
			.endPodAffinityTerm()
			.endPreferredDuringSchedulingIgnoredDuringExecution()
			.endPodAntiAffinity()
			.endAffinity()
			.withContainers(container(settings))
			.addNewVolume()
			.withName(TMP_VOLUME)
			.withNewEmptyDir()
			.withSizeLimit(new Quantity(settings.tmpSizeLimit()))
			.endEmptyDir()
			.endVolume()
			.endSpec()
			.endTemplate()
			.endSpec();
		if (settings.autoscaling() == null) {
			builder.editSpec().withReplicas(settings.replicas()).endSpec();
		}
		return builder.build();
	}

	private static Container container(WorkloadSettings settings) {
		ResourceSettings resources = settings.resources();
		ContainerBuilder container = new ContainerBuilder().withName(settings.name())
			.withImage(settings.image())
			.withImagePullPolicy(settings.imagePullPolicy())
			.addNewPort()
			.withName(PORT_NAME)
			.withContainerPort(settings.containerPort())
			.withProtocol("TCP")
			.endPort()
			.withEnv(env(settings))
			.withNewResources()
			.addToRequests("cpu", new Quantity(resources.cpuRequest()))
			.addToRequests("memory", new Quantity(resources.memoryRequest()))
			.addToLimits("cpu", new Quantity(resources.cpuLimit()))
			.addToLimits("memory", new Quantity(resources.memoryLimit()))
			.endResources()
			.withStartupProbe(
					probe(settings.startupPath(), settings.startupPeriodSeconds(), settings.startupFailureThreshold()))
			.withReadinessProbe(probe(settings.readinessPath(), 5, 3))
			.withLivenessProbe(probe(settings.livenessPath(), 10, 3))
			.withNewSecurityContext()
			.withAllowPrivilegeEscalation(false)
			.withPrivileged(false)
			.withReadOnlyRootFilesystem(true)
			.withRunAsNonRoot(true)
			.withNewCapabilities()
			.withDrop("ALL")
			.endCapabilities()
			.endSecurityContext()
			.addNewVolumeMount()
			.withName(TMP_VOLUME)
			.withMountPath("/tmp")
			.endVolumeMount();
		if (settings.preStopSleepSeconds() > 0) {
			// The kubelet's own sleep, no shell needed in the image: the pod leaves the
			// Service's endpoints before the application stops accepting connections.
			container.withNewLifecycle()
				.withNewPreStop()
				.withNewSleep()
				.withSeconds((long) settings.preStopSleepSeconds())
				.endSleep()
				.endPreStop()
				.endLifecycle();
		}
		return container.build();
	}

	private static List<EnvVar> env(WorkloadSettings settings) {
		Map<String, EnvVar> env = new TreeMap<>();
		env.put("JAVA_TOOL_OPTIONS",
				new EnvVarBuilder().withName("JAVA_TOOL_OPTIONS").withValue(settings.javaToolOptions()).build());
		settings.env()
			.forEach((name, value) -> env.put(name, new EnvVarBuilder().withName(name).withValue(value).build()));
		settings.secretEnv()
			.forEach((name, ref) -> env.put(name,
					new EnvVarBuilder().withName(name)
						.withNewValueFrom()
						.withNewSecretKeyRef()
						.withName(ref.secretName())
						.withKey(ref.key())
						.withOptional(ref.optional())
						.endSecretKeyRef()
						.endValueFrom()
						.build()));
		return new ArrayList<>(env.values());
	}

	private static Probe probe(String path, int periodSeconds, int failureThreshold) {
		return new ProbeBuilder().withNewHttpGet()
			.withPath(path)
			.withPort(new IntOrString(PORT_NAME))
			.endHttpGet()
			.withPeriodSeconds(periodSeconds)
			.withFailureThreshold(failureThreshold)
			.withTimeoutSeconds(2)
			.build();
	}

	/**
	 * Build the Service. A NodePort Service carries
	 * {@code kube-score/ignore: service-type} and the reason: kind has no cloud load
	 * balancer, and its {@code extraPortMappings} forward the host port to this NodePort.
	 * @param settings the workload settings
	 * @return the service
	 */
	public static Service service(WorkloadSettings settings) {
		ServicePortBuilder port = new ServicePortBuilder().withName(PORT_NAME)
			.withPort(settings.servicePort())
			.withTargetPort(new IntOrString(PORT_NAME))
			.withProtocol("TCP");
		ObjectMeta metadata = metadata(settings, settings.name());
		if (settings.nodePort() != null) {
			port.withNodePort(settings.nodePort());
			Map<String, String> annotations = new TreeMap<>();
			annotations.put(KUBE_SCORE_IGNORE, "service-type");
			annotations.put(SERVICE_TYPE_REASON,
					"kind has no cloud load balancer; its extraPortMappings forward a host port to this NodePort");
			metadata.setAnnotations(annotations);
		}
		return new ServiceBuilder().withMetadata(metadata)
			.withNewSpec()
			.withType(settings.serviceType())
			.withSelector(selectorLabels(settings))
			.withPorts(port.build())
			.endSpec()
			.build();
	}

	/**
	 * Build the PodDisruptionBudget ({@code policy/v1}): a node drain may take down at
	 * most {@code podDisruptionMaxUnavailable} pods at once, and pods that are not
	 * healthy anyway may always be evicted so they cannot block the drain.
	 * @param settings the workload settings
	 * @return the pod disruption budget
	 */
	public static PodDisruptionBudget podDisruptionBudget(WorkloadSettings settings) {
		return new PodDisruptionBudgetBuilder().withMetadata(metadata(settings, settings.name()))
			.withNewSpec()
			.withMaxUnavailable(new IntOrString(settings.podDisruptionMaxUnavailable()))
			.withUnhealthyPodEvictionPolicy("AlwaysAllow")
			.withNewSelector()
			.withMatchLabels(selectorLabels(settings))
			.endSelector()
			.endSpec()
			.build();
	}

	/**
	 * Build the HorizontalPodAutoscaler ({@code autoscaling/v2}) that scales the
	 * Deployment on CPU utilization.
	 * @param settings the workload settings; {@code autoscaling} must be set
	 * @return the horizontal pod autoscaler
	 * @throws IllegalStateException if autoscaling is not enabled in the settings
	 */
	public static HorizontalPodAutoscaler horizontalPodAutoscaler(WorkloadSettings settings) {
		AutoscalingSettings autoscaling = settings.autoscaling();
		if (autoscaling == null) {
			throw new IllegalStateException("autoscaling is not enabled for workload '" + settings.name()
					+ "'; set WorkloadSettings.Builder.autoscaling(...) first");
		}
		return new HorizontalPodAutoscalerBuilder().withMetadata(metadata(settings, settings.name()))
			.withNewSpec()
			.withNewScaleTargetRef()
			.withApiVersion("apps/v1")
			.withKind("Deployment")
			.withName(settings.name())
			.endScaleTargetRef()
			.withMinReplicas(autoscaling.minReplicas())
			.withMaxReplicas(autoscaling.maxReplicas())
			.addNewMetric()
			.withType("Resource")
			.withNewResource()
			.withName("cpu")
			.withNewTarget()
			.withType("Utilization")
			.withAverageUtilization(autoscaling.targetCpuUtilization())
			.endTarget()
			.endResource()
			.endMetric()
			.endSpec()
			.build();
	}

	private static ObjectMeta metadata(WorkloadSettings settings, String name) {
		return new ObjectMetaBuilder().withName(name)
			.withNamespace(settings.namespace())
			.withLabels(labels(settings))
			.build();
	}

}
