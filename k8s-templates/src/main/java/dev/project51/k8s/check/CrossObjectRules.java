package dev.project51.k8s.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The rules that need every checked object: replica counts (with the HPAs that own them),
 * PodDisruptionBudgets, spreading over nodes, and Services with their targets.
 */
final class CrossObjectRules {

	private CrossObjectRules() {
	}

	static void checkAll(List<ManifestObject> objects, ManifestRules.Sink sink) {
		List<Workload> workloads = new ArrayList<>();
		List<ManifestObject> pdbs = new ArrayList<>();
		List<ManifestObject> hpas = new ArrayList<>();
		for (ManifestObject object : objects) {
			Workload workload = Workload.of(object);
			if (workload != null) {
				workloads.add(workload);
			}
			if (object.resource() instanceof PodDisruptionBudget) {
				pdbs.add(object);
			}
			if (object.resource() instanceof HorizontalPodAutoscaler) {
				hpas.add(object);
			}
		}
		Map<Workload, Integer> hpaMinimum = new LinkedHashMap<>();
		for (ManifestObject object : hpas) {
			HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) object.resource();
			if (hpa.getSpec() == null || hpa.getSpec().getScaleTargetRef() == null) {
				continue;
			}
			String kind = hpa.getSpec().getScaleTargetRef().getKind();
			String name = hpa.getSpec().getScaleTargetRef().getName();
			Workload target = workloads.stream()
				.filter((workload) -> workload.scalable() && workload.kind().equals(kind)
						&& Objects.equals(workload.name(), name) && workload.namespace().equals(object.namespace()))
				.findFirst()
				.orElse(null);
			if (target == null) {
				sink.report(object, Rule.HPA_HAS_TARGET, "scaleTargetRef " + kind + "/" + name
						+ " matches no Deployment or StatefulSet in the checked manifests; fix the name or kind");
			}
			else {
				hpaMinimum.put(target, ManifestRules.valueOr(hpa.getSpec().getMinReplicas(), 1));
			}
		}
		for (Workload workload : workloads) {
			if (!workload.scalable()) {
				continue;
			}
			int replicas = hpaMinimum.containsKey(workload) ? hpaMinimum.get(workload) : workload.effectiveReplicas();
			if (workload.kind().equals("Deployment") && replicas < 2) {
				sink.report(workload.object(), Rule.DEPLOYMENT_REPLICAS, "runs " + replicas
						+ ((replicas == 1) ? " replica" : " replicas")
						+ ", so a crash, a node drain or a rollout leaves no pod serving; set spec.replicas: 2 or more (or an HPA with minReplicas: 2)");
			}
			if (!workload.kind().equals("ReplicaSet")) {
				checkDisruptionBudget(workload, replicas, pdbs, sink);
			}
			if (workload.kind().equals("Deployment") && replicas > 1 && !spreads(workload.podSpec())) {
				sink.report(workload.object(), Rule.DEPLOYMENT_HAS_HOST_PODANTIAFFINITY,
						"has no pod anti-affinity or topology spread, so all replicas may land on one node; add a preferred podAntiAffinity on kubernetes.io/hostname");
			}
		}
		for (ManifestObject object : objects) {
			if (object.resource() instanceof Service service && service.getSpec() != null) {
				checkService(object, service, workloads, sink);
			}
		}
	}

	private static void checkDisruptionBudget(Workload workload, int replicas, List<ManifestObject> pdbs,
			ManifestRules.Sink sink) {
		List<ManifestObject> matching = pdbs.stream()
			.filter((object) -> object.namespace().equals(workload.namespace()))
			.filter((object) -> {
				PodDisruptionBudget pdb = (PodDisruptionBudget) object.resource();
				return pdb.getSpec() != null && Workload.matches(pdb.getSpec().getSelector(), workload.podLabels());
			})
			.toList();
		if (matching.isEmpty()) {
			sink.report(workload.object(), Rule.DEPLOYMENT_HAS_PDB,
					"no PodDisruptionBudget selects its pods, so a node drain may evict all of them at once; add a policy/v1 PodDisruptionBudget with maxUnavailable: 1 and the workload's selector");
			return;
		}
		for (ManifestObject object : matching) {
			PodDisruptionBudget pdb = (PodDisruptionBudget) object.resource();
			IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
			IntOrString minAvailable = pdb.getSpec().getMinAvailable();
			boolean blocks = (maxUnavailable != null && ManifestRules.isZero(maxUnavailable))
					|| (minAvailable != null && minAvailable.getIntVal() != null
							&& minAvailable.getIntVal() >= replicas)
					|| (minAvailable != null && "100%".equals(minAvailable.getStrVal()));
			if (blocks) {
				sink.report(object, Rule.PDB_ALLOWS_DISRUPTION,
						"allows no voluntary disruption of " + workload.kind() + "/" + workload.name() + " (" + replicas
								+ " replicas), so nodes can never be drained; use maxUnavailable: 1");
			}
		}
	}

	private static boolean spreads(PodSpec spec) {
		boolean antiAffinity = spec.getAffinity() != null && spec.getAffinity().getPodAntiAffinity() != null
				&& (!ManifestRules
					.list(spec.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
					.isEmpty()
						|| !ManifestRules
							.list(spec.getAffinity()
								.getPodAntiAffinity()
								.getRequiredDuringSchedulingIgnoredDuringExecution())
							.isEmpty());
		return antiAffinity || !ManifestRules.list(spec.getTopologySpreadConstraints()).isEmpty();
	}

	private static void checkService(ManifestObject object, Service service, List<Workload> workloads,
			ManifestRules.Sink sink) {
		Map<String, String> selector = service.getSpec().getSelector();
		if (selector == null || selector.isEmpty() || "ExternalName".equals(service.getSpec().getType())) {
			return;
		}
		List<Workload> targets = workloads.stream()
			.filter((workload) -> workload.longRunning() && workload.namespace().equals(object.namespace()))
			.filter((workload) -> Workload.matches(selector, workload.podLabels()))
			.toList();
		if (targets.isEmpty()) {
			sink.report(object, Rule.SERVICE_TARGETS_POD, "selector " + selector
					+ " matches no pods of the checked workloads, so the Service has no endpoints; make it equal to the workload's pod labels");
			return;
		}
		for (ServicePort port : ManifestRules.list(service.getSpec().getPorts())) {
			IntOrString target = (port.getTargetPort() != null) ? port.getTargetPort()
					: new IntOrString(port.getPort());
			for (Workload workload : targets) {
				if (!declares(workload.podSpec(), target)) {
					sink.report(object, Rule.SERVICE_TARGET_PORT,
							"port " + ((port.getName() != null) ? port.getName() : port.getPort()) + " targets "
									+ ManifestRules.describe(target, "?") + ", which no container of " + workload.kind()
									+ "/" + workload.name()
									+ " declares; set targetPort to a declared containerPort or its name (e.g. http)");
				}
			}
		}
	}

	private static boolean declares(PodSpec spec, IntOrString target) {
		for (Container container : ManifestRules.list(spec.getContainers())) {
			for (ContainerPort port : ManifestRules.list(container.getPorts())) {
				if (target.getIntVal() != null && target.getIntVal().equals(port.getContainerPort())) {
					return true;
				}
				if (target.getStrVal() != null && target.getStrVal().equals(port.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
