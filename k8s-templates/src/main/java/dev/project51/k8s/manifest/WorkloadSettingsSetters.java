package dev.project51.k8s.manifest;

import dev.project51.k8s.internal.SettingChecks;

/**
 * The state and setters of {@link WorkloadSettings.Builder}: the workload's name and
 * labels, one builder per group of settings, and for every setting of a group a setter of
 * the same name that sets it in that group's builder (documented there).
 *
 * @param <B> the builder type, returned by every setter
 */
abstract class WorkloadSettingsSetters<B extends WorkloadSettingsSetters<B>> {

	final String name;

	String namespace;

	String partOf;

	String component;

	ContainerSettings.Builder container = ContainerSettings.builder();

	PortSettings.Builder ports = PortSettings.builder();

	RolloutSettings.Builder rollout = RolloutSettings.builder();

	ResourceSettings resources = ResourceSettings.defaults();

	ProbeSettings.Builder probes = ProbeSettings.builder();

	ShutdownSettings.Builder shutdown = ShutdownSettings.builder();

	SecuritySettings.Builder security = SecuritySettings.builder();

	EnvironmentSettings.Builder environment = EnvironmentSettings.builder();

	AutoscalingSettings autoscaling;

	WorkloadSettingsSetters(String name) {
		this.name = name;
	}

	WorkloadSettingsSetters(WorkloadSettings settings) {
		this.name = settings.name();
		this.namespace = settings.namespace();
		this.partOf = settings.partOf();
		this.component = settings.component();
		this.container = settings.container().toBuilder();
		this.ports = settings.ports().toBuilder();
		this.rollout = settings.rollout().toBuilder();
		this.resources = settings.resources();
		this.probes = settings.probes().toBuilder();
		this.shutdown = settings.shutdown().toBuilder();
		this.security = settings.security().toBuilder();
		this.environment = settings.environment().toBuilder();
		this.autoscaling = settings.autoscaling();
	}

	abstract B self();

	/**
	 * Set the namespace of every object ({@code null} leaves it to {@code kubectl}).
	 * @param namespace the namespace (a DNS label)
	 * @return this builder
	 */
	public B namespace(String namespace) {
		this.namespace = namespace;
		return self();
	}

	/**
	 * Set the {@code app.kubernetes.io/part-of} label (also part of the selector).
	 * @param partOf the application name
	 * @return this builder
	 */
	public B partOf(String partOf) {
		this.partOf = partOf;
		return self();
	}

	/**
	 * Set the {@code app.kubernetes.io/component} label.
	 * @param component the component, e.g. {@code web}
	 * @return this builder
	 */
	public B component(String component) {
		this.component = component;
		return self();
	}

	/**
	 * Replace the image and JVM settings.
	 * @param container the settings
	 * @return this builder
	 */
	public B container(ContainerSettings container) {
		this.container = SettingChecks.notNull("container", container).toBuilder();
		return self();
	}

	/**
	 * Replace the port and Service settings.
	 * @param ports the settings
	 * @return this builder
	 */
	public B ports(PortSettings ports) {
		this.ports = SettingChecks.notNull("ports", ports).toBuilder();
		return self();
	}

	/**
	 * Replace the replica and rollout settings.
	 * @param rollout the settings
	 * @return this builder
	 */
	public B rollout(RolloutSettings rollout) {
		this.rollout = SettingChecks.notNull("rollout", rollout).toBuilder();
		return self();
	}

	/**
	 * Set the container resources.
	 * @param resources the resources
	 * @return this builder
	 */
	public B resources(ResourceSettings resources) {
		this.resources = resources;
		return self();
	}

	/**
	 * Replace the probe settings.
	 * @param probes the settings
	 * @return this builder
	 */
	public B probes(ProbeSettings probes) {
		this.probes = SettingChecks.notNull("probes", probes).toBuilder();
		return self();
	}

	/**
	 * Replace the shutdown settings.
	 * @param shutdown the settings
	 * @return this builder
	 */
	public B shutdown(ShutdownSettings shutdown) {
		this.shutdown = SettingChecks.notNull("shutdown", shutdown).toBuilder();
		return self();
	}

	/**
	 * Replace the security settings.
	 * @param security the settings
	 * @return this builder
	 */
	public B security(SecuritySettings security) {
		this.security = SettingChecks.notNull("security", security).toBuilder();
		return self();
	}

	/**
	 * Replace the environment variables.
	 * @param environment the variables
	 * @return this builder
	 */
	public B environment(EnvironmentSettings environment) {
		this.environment = SettingChecks.notNull("environment", environment).toBuilder();
		return self();
	}

	/**
	 * Enable a HorizontalPodAutoscaler ({@code null} disables it).
	 * @param autoscaling the autoscaling settings
	 * @return this builder
	 */
	public B autoscaling(AutoscalingSettings autoscaling) {
		this.autoscaling = autoscaling;
		return self();
	}

	/** Same as {@link EnvironmentSettings.Builder#env(String, String)}. */
	public B env(String name, String value) {
		this.environment.env(name, value);
		return self();
	}

	/** Same as {@link EnvironmentSettings.Builder#secretEnv(String, SecretKeyRef)}. */
	public B secretEnv(String name, SecretKeyRef ref) {
		this.environment.secretEnv(name, ref);
		return self();
	}

	/** Same as {@link ContainerSettings.Builder#imageRepository(String)}. */
	public B imageRepository(String imageRepository) {
		this.container.imageRepository(imageRepository);
		return self();
	}

	/** Same as {@link ContainerSettings.Builder#imageTag(String)}. */
	public B imageTag(String imageTag) {
		this.container.imageTag(imageTag);
		return self();
	}

	/** Same as {@link ContainerSettings.Builder#imagePullPolicy(String)}. */
	public B imagePullPolicy(String imagePullPolicy) {
		this.container.imagePullPolicy(imagePullPolicy);
		return self();
	}

	/** Same as {@link ContainerSettings.Builder#maxRamPercentage(double)}. */
	public B maxRamPercentage(double maxRamPercentage) {
		this.container.maxRamPercentage(maxRamPercentage);
		return self();
	}

	/** Same as {@link PortSettings.Builder#containerPort(int)}. */
	public B containerPort(int containerPort) {
		this.ports.containerPort(containerPort);
		return self();
	}

	/** Same as {@link PortSettings.Builder#nodePort(int)}. */
	public B nodePort(int nodePort) {
		this.ports.nodePort(nodePort);
		return self();
	}

	/** Same as {@link PortSettings.Builder#clusterIp()}. */
	public B clusterIp() {
		this.ports.clusterIp();
		return self();
	}

	/** Same as {@link PortSettings.Builder#servicePort(int)}. */
	public B servicePort(int servicePort) {
		this.ports.servicePort(servicePort);
		return self();
	}

	/** Same as {@link RolloutSettings.Builder#replicas(int)}. */
	public B replicas(int replicas) {
		this.rollout.replicas(replicas);
		return self();
	}

	/** Same as {@link RolloutSettings.Builder#allowSingleReplica(boolean)}. */
	public B allowSingleReplica(boolean allowSingleReplica) {
		this.rollout.allowSingleReplica(allowSingleReplica);
		return self();
	}

	/** Same as {@link RolloutSettings.Builder#minReadySeconds(int)}. */
	public B minReadySeconds(int minReadySeconds) {
		this.rollout.minReadySeconds(minReadySeconds);
		return self();
	}

	/** Same as {@link RolloutSettings.Builder#progressDeadlineSeconds(int)}. */
	public B progressDeadlineSeconds(int progressDeadlineSeconds) {
		this.rollout.progressDeadlineSeconds(progressDeadlineSeconds);
		return self();
	}

	/** Same as {@link RolloutSettings.Builder#revisionHistoryLimit(int)}. */
	public B revisionHistoryLimit(int revisionHistoryLimit) {
		this.rollout.revisionHistoryLimit(revisionHistoryLimit);
		return self();
	}

	/** Same as {@link RolloutSettings.Builder#podDisruptionMaxUnavailable(int)}. */
	public B podDisruptionMaxUnavailable(int podDisruptionMaxUnavailable) {
		this.rollout.podDisruptionMaxUnavailable(podDisruptionMaxUnavailable);
		return self();
	}

	/** Same as {@link ProbeSettings.Builder#livenessPath(String)}. */
	public B livenessPath(String livenessPath) {
		this.probes.livenessPath(livenessPath);
		return self();
	}

	/** Same as {@link ProbeSettings.Builder#readinessPath(String)}. */
	public B readinessPath(String readinessPath) {
		this.probes.readinessPath(readinessPath);
		return self();
	}

	/** Same as {@link ProbeSettings.Builder#startupPath(String)}. */
	public B startupPath(String startupPath) {
		this.probes.startupPath(startupPath);
		return self();
	}

	/** Same as {@link ProbeSettings.Builder#startupPeriodSeconds(int)}. */
	public B startupPeriodSeconds(int startupPeriodSeconds) {
		this.probes.startupPeriodSeconds(startupPeriodSeconds);
		return self();
	}

	/** Same as {@link ProbeSettings.Builder#startupFailureThreshold(int)}. */
	public B startupFailureThreshold(int startupFailureThreshold) {
		this.probes.startupFailureThreshold(startupFailureThreshold);
		return self();
	}

	/** Same as {@link ShutdownSettings.Builder#preStopSleepSeconds(int)}. */
	public B preStopSleepSeconds(int preStopSleepSeconds) {
		this.shutdown.preStopSleepSeconds(preStopSleepSeconds);
		return self();
	}

	/** Same as {@link ShutdownSettings.Builder#shutdownTimeoutSeconds(int)}. */
	public B shutdownTimeoutSeconds(int shutdownTimeoutSeconds) {
		this.shutdown.shutdownTimeoutSeconds(shutdownTimeoutSeconds);
		return self();
	}

	/** Same as {@link ShutdownSettings.Builder#terminationGracePeriodSeconds(int)}. */
	public B terminationGracePeriodSeconds(int terminationGracePeriodSeconds) {
		this.shutdown.terminationGracePeriodSeconds(terminationGracePeriodSeconds);
		return self();
	}

	/** Same as {@link SecuritySettings.Builder#runAsUser(long)}. */
	public B runAsUser(long runAsUser) {
		this.security.runAsUser(runAsUser);
		return self();
	}

	/** Same as {@link SecuritySettings.Builder#runAsGroup(long)}. */
	public B runAsGroup(long runAsGroup) {
		this.security.runAsGroup(runAsGroup);
		return self();
	}

	/** Same as {@link SecuritySettings.Builder#tmpSizeLimit(String)}. */
	public B tmpSizeLimit(String tmpSizeLimit) {
		this.security.tmpSizeLimit(tmpSizeLimit);
		return self();
	}

}
