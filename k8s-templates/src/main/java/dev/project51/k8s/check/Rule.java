package dev.project51.k8s.check;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules of the {@link ManifestChecker}. Ids follow kube-score and kube-linter where
 * such a check exists, so their suppression annotations ({@code kube-score/ignore: <ids>}
 * and {@code ignore-check.kube-linter.io/<id>: "<reason>"}) work here too.
 *
 * @since 0.1.0
 */
public enum Rule {

	/** The file parses as YAML and every document is a mapping. */
	YAML_SYNTAX("yaml-syntax", Severity.ERROR, "The file is valid YAML and every document is a mapping."),

	/** The object matches the Kubernetes OpenAPI schema. */
	SCHEMA("schema", Severity.ERROR,
			"The object matches the Kubernetes OpenAPI schema (fabric8 kubernetes-model-validator)."),

	/** apiVersion and kind name a built-in type. */
	UNKNOWN_KIND("unknown-kind", Severity.ERROR,
			"apiVersion and kind name a built-in Kubernetes type (unknown kinds would skip schema validation)."),

	/** No removed or deprecated apiVersion. */
	STABLE_VERSION("stable-version", Severity.ERROR, "No apiVersion that current Kubernetes has removed."),

	/** Readiness and liveness probes are present. */
	POD_PROBES("pod-probes", Severity.ERROR, "Every long-running container has a readiness and a liveness probe."),

	/** Readiness and liveness probes differ. */
	POD_PROBES_IDENTICAL("pod-probes-identical", Severity.ERROR, "Readiness and liveness probes are not identical."),

	/** A startup probe protects slow starts. */
	STARTUP_PROBE("startup-probe", Severity.WARNING,
			"Containers of Deployments and StatefulSets have a startup probe, so liveness cannot kill a slow start."),

	/** Liveness does not call a deep health check. */
	LIVENESS_DEEP_CHECK("liveness-probe-deep-check", Severity.ERROR,
			"The liveness probe calls a shallow liveness endpoint, not the aggregate or readiness health check."),

	/** Requests and limits are set. */
	CONTAINER_RESOURCES("container-resources", Severity.ERROR,
			"CPU and memory requests and limits are set and no request exceeds its limit."),

	/** Images have an explicit, non-latest tag. */
	CONTAINER_IMAGE_TAG("container-image-tag", Severity.ERROR, "Images have an explicit tag other than latest."),

	/** The pull policy works on kind. */
	CONTAINER_IMAGE_PULL_POLICY("container-image-pull-policy", Severity.WARNING,
			"imagePullPolicy is not Always: with immutable tags IfNotPresent works offline and on kind."),

	/** Containers must not run as root. */
	RUN_AS_NON_ROOT("run-as-non-root", Severity.ERROR, "Containers run as a non-root user (runAsNonRoot)."),

	/** UID and GID above 10000. */
	USER_GROUP_ID("container-security-context-user-group-id", Severity.ERROR,
			"runAsUser and runAsGroup are set above 10000."),

	/** Read-only root filesystem. */
	READ_ONLY_ROOT_FILESYSTEM("container-security-context-readonlyrootfilesystem", Severity.ERROR,
			"Containers have a read-only root filesystem."),

	/** A writable /tmp next to a read-only root filesystem. */
	WRITABLE_TMP("read-only-root-fs-writable-tmp", Severity.WARNING,
			"A read-only container mounts a writable volume at /tmp (the JVM and Tomcat write there)."),

	/** No privilege escalation. */
	PRIVILEGE_ESCALATION("privilege-escalation-container", Severity.ERROR,
			"allowPrivilegeEscalation is explicitly false."),

	/** All capabilities dropped. */
	DROP_ALL_CAPABILITIES("drop-all-capabilities", Severity.ERROR,
			"Containers drop ALL capabilities and add none but NET_BIND_SERVICE."),

	/** A seccomp profile applies. */
	SECCOMP_PROFILE("container-seccomp-profile", Severity.ERROR,
			"A RuntimeDefault (or Localhost) seccomp profile applies to every container."),

	/** No privileged container. */
	PRIVILEGED_CONTAINER("privileged-container", Severity.ERROR, "No container is privileged."),

	/** No host namespaces. */
	HOST_NAMESPACES("host-namespaces", Severity.ERROR, "Pods do not share the host's network, PID or IPC namespace."),

	/** No service account token unless needed. */
	AUTOMOUNT_SERVICE_ACCOUNT_TOKEN("automount-service-account-token", Severity.WARNING,
			"automountServiceAccountToken is false for pods that do not call the Kubernetes API."),

	/** No secret in a plain environment variable. */
	ENV_VAR_SECRET("env-var-secret", Severity.ERROR,
			"No secret-looking environment variable carries a literal value (use secretKeyRef)."),

	/** At least two replicas. */
	DEPLOYMENT_REPLICAS("deployment-replicas", Severity.ERROR,
			"Deployments run at least 2 replicas (or an HPA keeps at least 2)."),

	/** A rolling update that never drops below the desired count. */
	DEPLOYMENT_ROLLING_UPDATE("deployment-rolling-update", Severity.ERROR,
			"Deployments use RollingUpdate with maxUnavailable 0 and maxSurge of at least 1."),

	/** A rollout deadline longer than the startup budget, and rollback history. */
	DEPLOYMENT_ROLLOUT_DEADLINE("deployment-rollout-deadline", Severity.WARNING,
			"progressDeadlineSeconds exceeds the startup budget plus minReadySeconds, and revisionHistoryLimit keeps a revision to roll back to."),

	/** A PodDisruptionBudget covers the Deployment. */
	DEPLOYMENT_HAS_PDB("deployment-has-poddisruptionbudget", Severity.ERROR,
			"A PodDisruptionBudget selects the pods of every Deployment and StatefulSet."),

	/** The PDB allows voluntary disruptions. */
	PDB_ALLOWS_DISRUPTION("pdb-allows-disruption", Severity.WARNING,
			"The PodDisruptionBudget allows at least one disruption, so nodes can be drained."),

	/** Pods spread over nodes. */
	DEPLOYMENT_HAS_HOST_PODANTIAFFINITY("deployment-has-host-podantiaffinity", Severity.WARNING,
			"Deployments with more than one replica prefer to spread their pods over nodes."),

	/** The selector matches the pod labels. */
	MISMATCHING_SELECTOR("mismatching-selector", Severity.ERROR,
			"The workload's selector matches its pod template labels."),

	/** The Service selects pods. */
	SERVICE_TARGETS_POD("service-targets-pod", Severity.ERROR,
			"Every Service selector matches the pods of a workload in the checked manifests."),

	/** The Service targets a declared port. */
	SERVICE_TARGET_PORT("service-target-port", Severity.ERROR,
			"Every Service targetPort is a port number or name that the selected containers declare."),

	/** NodePort and LoadBalancer need a reason. */
	SERVICE_TYPE("service-type", Severity.WARNING,
			"Services are not NodePort or LoadBalancer unless an annotation records why (kube-score/ignore: service-type)."),

	/** The HPA has a target. */
	HPA_HAS_TARGET("horizontalpodautoscaler-has-target", Severity.ERROR,
			"Every HorizontalPodAutoscaler targets a workload in the checked manifests.");

	private final String id;

	private final Severity severity;

	private final String description;

	Rule(String id, Severity severity, String description) {
		this.id = id;
		this.severity = severity;
		this.description = description;
	}

	/**
	 * Return the stable id, as used in reports and suppression annotations.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the severity of the rule's findings.
	 * @return the severity
	 */
	public Severity severity() {
		return this.severity;
	}

	/**
	 * Return what the rule requires.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Find a rule by id.
	 * @param id the id
	 * @return the rule, if any
	 */
	public static Optional<Rule> byId(String id) {
		return Arrays.stream(values()).filter((rule) -> rule.id.equals(id)).findFirst();
	}

}
