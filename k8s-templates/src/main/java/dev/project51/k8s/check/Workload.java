package dev.project51.k8s.check;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * A pod-creating object reduced to what the rules need.
 *
 * @param object the object
 * @param podSpec the pod spec
 * @param podLabels the labels its pods get
 * @param selector the workload's selector, or {@code null} (Pod, Job, CronJob)
 * @param replicas the declared replicas, or {@code null} when unset or not applicable
 * @param longRunning whether the pods serve until stopped (not Job/CronJob)
 * @param scalable whether the workload has replicas (Deployment, StatefulSet, ReplicaSet)
 */
record Workload(ManifestObject object, PodSpec podSpec, Map<String, String> podLabels, LabelSelector selector,
		Integer replicas, boolean longRunning, boolean scalable) {

	static Workload of(ManifestObject object) {
		KubernetesResource resource = object.resource();
		if (resource instanceof Deployment deployment && deployment.getSpec() != null) {
			return fromTemplate(object, deployment.getSpec().getTemplate(), deployment.getSpec().getSelector(),
					deployment.getSpec().getReplicas(), true, true);
		}
		if (resource instanceof StatefulSet statefulSet && statefulSet.getSpec() != null) {
			return fromTemplate(object, statefulSet.getSpec().getTemplate(), statefulSet.getSpec().getSelector(),
					statefulSet.getSpec().getReplicas(), true, true);
		}
		if (resource instanceof ReplicaSet replicaSet && replicaSet.getSpec() != null) {
			return fromTemplate(object, replicaSet.getSpec().getTemplate(), replicaSet.getSpec().getSelector(),
					replicaSet.getSpec().getReplicas(), true, true);
		}
		if (resource instanceof DaemonSet daemonSet && daemonSet.getSpec() != null) {
			return fromTemplate(object, daemonSet.getSpec().getTemplate(), daemonSet.getSpec().getSelector(), null,
					true, false);
		}
		if (resource instanceof Job job && job.getSpec() != null) {
			return fromTemplate(object, job.getSpec().getTemplate(), null, null, false, false);
		}
		if (resource instanceof CronJob cronJob && cronJob.getSpec() != null
				&& cronJob.getSpec().getJobTemplate() != null && cronJob.getSpec().getJobTemplate().getSpec() != null) {
			return fromTemplate(object, cronJob.getSpec().getJobTemplate().getSpec().getTemplate(), null, null, false,
					false);
		}
		if (resource instanceof Pod pod && pod.getSpec() != null) {
			Map<String, String> labels = (pod.getMetadata() != null) ? pod.getMetadata().getLabels() : null;
			return new Workload(object, pod.getSpec(), nonNull(labels), null, null, true, false);
		}
		return null;
	}

	private static Workload fromTemplate(ManifestObject object, PodTemplateSpec template, LabelSelector selector,
			Integer replicas, boolean longRunning, boolean scalable) {
		if (template == null || template.getSpec() == null) {
			return null;
		}
		Map<String, String> labels = (template.getMetadata() != null) ? template.getMetadata().getLabels() : null;
		return new Workload(object, template.getSpec(), nonNull(labels), selector, replicas, longRunning, scalable);
	}

	private static Map<String, String> nonNull(Map<String, String> labels) {
		return (labels != null) ? labels : Collections.emptyMap();
	}

	String kind() {
		return this.object.kind();
	}

	String name() {
		return this.object.name();
	}

	String namespace() {
		return this.object.namespace();
	}

	int effectiveReplicas() {
		return (this.replicas != null) ? this.replicas : 1;
	}

	/**
	 * Evaluate a label selector (matchLabels and matchExpressions) against labels. An
	 * empty selector matches nothing here, as it would select every pod.
	 * @param selector the selector
	 * @param labels the labels
	 * @return whether the selector matches
	 */
	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> matchLabels = (selector.getMatchLabels() != null) ? selector.getMatchLabels()
				: Collections.emptyMap();
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : Collections.emptyList();
		if (matchLabels.isEmpty() && expressions.isEmpty()) {
			return false;
		}
		if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
			return false;
		}
		for (LabelSelectorRequirement expression : expressions) {
			String value = labels.get(expression.getKey());
			List<String> values = (expression.getValues() != null) ? expression.getValues() : List.of();
			boolean ok = switch (String.valueOf(expression.getOperator())) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> labels.containsKey(expression.getKey());
				case "DoesNotExist" -> !labels.containsKey(expression.getKey());
				default -> false;
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Evaluate a Service-style selector (plain map) against labels.
	 * @param selector the selector
	 * @param labels the labels
	 * @return whether the selector is non-empty and matches
	 */
	static boolean matches(Map<String, String> selector, Map<String, String> labels) {
		return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
	}

}
