package dev.project51.k8s.manifest;

import java.util.Objects;
import java.util.SortedMap;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * Immutable settings of one Spring Boot workload (a Deployment with its Service,
 * PodDisruptionBudget and optional HorizontalPodAutoscaler), grouped by concern:
 * <ul>
 * <li>{@link #container()}: the image and the JVM's heap share;</li>
 * <li>{@link #ports()}: the container port and the Service;</li>
 * <li>{@link #rollout()}: replicas, rollout pace and deadline, disruption budget;</li>
 * <li>{@link #resources()}: CPU and memory requests and limits;</li>
 * <li>{@link #probes()}: startup, readiness and liveness probes;</li>
 * <li>{@link #shutdown()}: {@code preStop} pause, graceful shutdown, grace period;</li>
 * <li>{@link #security()}: the user, the group and the writable {@code /tmp};</li>
 * <li>{@link #environment()}: plain and Secret environment variables;</li>
 * <li>{@link #autoscaling()}: the optional HorizontalPodAutoscaler.</li>
 * </ul>
 * Every default is chosen so that the rendered manifests heal themselves and run locked
 * down. Each group validates itself; {@link #builder(String)} has a setter for every
 * setting (named like it, and like the setting an {@link InvalidSettingException} names)
 * and a setter per group, and {@link Builder#build()} also checks what spans groups. The
 * shortcuts such as {@link #replicas()} read one setting of a group.
 *
 * @since 0.1.0
 */
public final class WorkloadSettings {

	private final String name;

	private final String namespace;

	private final String partOf;

	private final String component;

	private final ContainerSettings container;

	private final PortSettings ports;

	private final RolloutSettings rollout;

	private final ResourceSettings resources;

	private final ProbeSettings probes;

	private final ShutdownSettings shutdown;

	private final SecuritySettings security;

	private final EnvironmentSettings environment;

	private final AutoscalingSettings autoscaling;

	private WorkloadSettings(Builder builder) {
		this.name = SettingChecks.dnsLabel("name", builder.name);
		this.namespace = (builder.namespace != null) ? SettingChecks.dnsLabel("namespace", builder.namespace) : null;
		this.partOf = (builder.partOf != null) ? SettingChecks.labelValue("partOf", builder.partOf) : null;
		this.component = (builder.component != null) ? SettingChecks.labelValue("component", builder.component) : null;
		this.container = builder.container.build();
		this.ports = builder.ports.build();
		this.rollout = builder.rollout.build();
		this.autoscaling = builder.autoscaling;
		int minimumReplicas = this.rollout.minimumReplicas();
		if (this.autoscaling != null && this.autoscaling.minReplicas() < minimumReplicas) {
			throw new InvalidSettingException("autoscaling.minReplicas", this.autoscaling.minReplicas(),
					"autoscaling.minReplicas must be >= " + minimumReplicas + ", but was "
							+ this.autoscaling.minReplicas() + " (set allowSingleReplica to accept one replica)");
		}
		this.resources = SettingChecks.notNull("resources", builder.resources);
		this.probes = builder.probes.build();
		this.shutdown = builder.shutdown.build();
		int startupWindow = this.probes.startupBudgetSeconds() + this.rollout.minReadySeconds();
		if (this.rollout.progressDeadlineSeconds() <= startupWindow) {
			throw new InvalidSettingException("progressDeadlineSeconds", this.rollout.progressDeadlineSeconds(),
					"progressDeadlineSeconds must exceed the startup budget plus minReadySeconds (" + startupWindow
							+ " s), but was " + this.rollout.progressDeadlineSeconds()
							+ "; otherwise a rollout is declared failed while its pods are still allowed to start");
		}
		this.security = builder.security.build();
		this.environment = builder.environment.build();
	}

	/**
	 * Start building settings for a workload.
	 * @param name the workload name: Deployment, Service, PDB and container name (a DNS
	 * label)
	 * @return a builder with the defaults
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Return a builder pre-filled with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return the workload name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the namespace, or {@code null} to leave it to {@code kubectl}.
	 * @return the namespace
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Return the {@code app.kubernetes.io/part-of} label value, or {@code null}.
	 * @return the application name
	 */
	public String partOf() {
		return this.partOf;
	}

	/**
	 * Return the {@code app.kubernetes.io/component} label value, or {@code null}.
	 * @return the component
	 */
	public String component() {
		return this.component;
	}

	/**
	 * Return the image and JVM settings.
	 * @return the container settings
	 */
	public ContainerSettings container() {
		return this.container;
	}

	/**
	 * Return the container port and the Service settings.
	 * @return the port settings
	 */
	public PortSettings ports() {
		return this.ports;
	}

	/**
	 * Return the replica, rollout and disruption settings.
	 * @return the rollout settings
	 */
	public RolloutSettings rollout() {
		return this.rollout;
	}

	/**
	 * Return the container resources.
	 * @return the resources
	 */
	public ResourceSettings resources() {
		return this.resources;
	}

	/**
	 * Return the probe settings.
	 * @return the probe settings
	 */
	public ProbeSettings probes() {
		return this.probes;
	}

	/**
	 * Return the shutdown settings.
	 * @return the shutdown settings
	 */
	public ShutdownSettings shutdown() {
		return this.shutdown;
	}

	/**
	 * Return the user, group and {@code /tmp} settings.
	 * @return the security settings
	 */
	public SecuritySettings security() {
		return this.security;
	}

	/**
	 * Return the environment variables.
	 * @return the environment settings
	 */
	public EnvironmentSettings environment() {
		return this.environment;
	}

	/**
	 * Return the autoscaling settings, or {@code null} when autoscaling is disabled.
	 * @return the autoscaling settings
	 */
	public AutoscalingSettings autoscaling() {
		return this.autoscaling;
	}

	/** Shortcut for {@link ContainerSettings#imageRepository()}. */
	public String imageRepository() {
		return this.container.imageRepository();
	}

	/** Shortcut for {@link ContainerSettings#imageTag()}. */
	public String imageTag() {
		return this.container.imageTag();
	}

	/** Shortcut for {@link ContainerSettings#image()}: {@code repository:tag}. */
	public String image() {
		return this.container.image();
	}

	/** Shortcut for {@link ContainerSettings#imagePullPolicy()}. */
	public String imagePullPolicy() {
		return this.container.imagePullPolicy();
	}

	/** Shortcut for {@link ContainerSettings#maxRamPercentage()}. */
	public double maxRamPercentage() {
		return this.container.maxRamPercentage();
	}

	/** Shortcut for {@link ContainerSettings#javaToolOptions()}. */
	public String javaToolOptions() {
		return this.container.javaToolOptions();
	}

	/** Shortcut for {@link PortSettings#containerPort()}. */
	public int containerPort() {
		return this.ports.containerPort();
	}

	/** Shortcut for {@link PortSettings#serviceType()}. */
	public String serviceType() {
		return this.ports.serviceType();
	}

	/** Shortcut for {@link PortSettings#servicePort()}. */
	public int servicePort() {
		return this.ports.servicePort();
	}

	/** Shortcut for {@link PortSettings#nodePort()}: {@code null} for ClusterIP. */
	public Integer nodePort() {
		return this.ports.nodePort();
	}

	/** Shortcut for {@link RolloutSettings#replicas()}. */
	public int replicas() {
		return this.rollout.replicas();
	}

	/** Shortcut for {@link RolloutSettings#allowSingleReplica()}. */
	public boolean allowSingleReplica() {
		return this.rollout.allowSingleReplica();
	}

	/** Shortcut for {@link RolloutSettings#minReadySeconds()}. */
	public int minReadySeconds() {
		return this.rollout.minReadySeconds();
	}

	/** Shortcut for {@link RolloutSettings#progressDeadlineSeconds()}. */
	public int progressDeadlineSeconds() {
		return this.rollout.progressDeadlineSeconds();
	}

	/** Shortcut for {@link RolloutSettings#revisionHistoryLimit()}. */
	public int revisionHistoryLimit() {
		return this.rollout.revisionHistoryLimit();
	}

	/** Shortcut for {@link RolloutSettings#podDisruptionMaxUnavailable()}. */
	public int podDisruptionMaxUnavailable() {
		return this.rollout.podDisruptionMaxUnavailable();
	}

	/** Shortcut for {@link ProbeSettings#livenessPath()}. */
	public String livenessPath() {
		return this.probes.livenessPath();
	}

	/** Shortcut for {@link ProbeSettings#readinessPath()}. */
	public String readinessPath() {
		return this.probes.readinessPath();
	}

	/**
	 * Shortcut for {@link ProbeSettings#startupProbePath()}: the liveness path if unset.
	 */
	public String startupPath() {
		return this.probes.startupProbePath();
	}

	/** Shortcut for {@link ProbeSettings#startupPeriodSeconds()}. */
	public int startupPeriodSeconds() {
		return this.probes.startupPeriodSeconds();
	}

	/** Shortcut for {@link ProbeSettings#startupFailureThreshold()}. */
	public int startupFailureThreshold() {
		return this.probes.startupFailureThreshold();
	}

	/** Shortcut for {@link ProbeSettings#startupBudgetSeconds()}. */
	public int startupBudgetSeconds() {
		return this.probes.startupBudgetSeconds();
	}

	/** Shortcut for {@link ShutdownSettings#terminationGracePeriodSeconds()}. */
	public int terminationGracePeriodSeconds() {
		return this.shutdown.terminationGracePeriodSeconds();
	}

	/** Shortcut for {@link ShutdownSettings#preStopSleepSeconds()}. */
	public int preStopSleepSeconds() {
		return this.shutdown.preStopSleepSeconds();
	}

	/** Shortcut for {@link ShutdownSettings#shutdownTimeoutSeconds()}. */
	public int shutdownTimeoutSeconds() {
		return this.shutdown.shutdownTimeoutSeconds();
	}

	/** Shortcut for {@link SecuritySettings#runAsUser()}. */
	public long runAsUser() {
		return this.security.runAsUser();
	}

	/** Shortcut for {@link SecuritySettings#runAsGroup()}. */
	public long runAsGroup() {
		return this.security.runAsGroup();
	}

	/** Shortcut for {@link SecuritySettings#tmpSizeLimit()}. */
	public String tmpSizeLimit() {
		return this.security.tmpSizeLimit();
	}

	/** Shortcut for {@link EnvironmentSettings#env()}. */
	public SortedMap<String, String> env() {
		return this.environment.env();
	}

	/** Shortcut for {@link EnvironmentSettings#secretEnv()}. */
	public SortedMap<String, SecretKeyRef> secretEnv() {
		return this.environment.secretEnv();
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof WorkloadSettings that && this.name.equals(that.name)
				&& Objects.equals(this.namespace, that.namespace) && Objects.equals(this.partOf, that.partOf)
				&& Objects.equals(this.component, that.component) && this.container.equals(that.container)
				&& this.ports.equals(that.ports) && this.rollout.equals(that.rollout)
				&& this.resources.equals(that.resources) && this.probes.equals(that.probes)
				&& this.shutdown.equals(that.shutdown) && this.security.equals(that.security)
				&& this.environment.equals(that.environment) && Objects.equals(this.autoscaling, that.autoscaling);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.namespace, this.partOf, this.component, this.container, this.ports,
				this.rollout, this.resources, this.probes, this.shutdown, this.security, this.environment,
				this.autoscaling);
	}

	@Override
	public String toString() {
		return "WorkloadSettings[name=" + this.name + ", namespace=" + this.namespace + ", partOf=" + this.partOf
				+ ", component=" + this.component + ", " + this.container + ", " + this.ports + ", " + this.rollout
				+ ", " + this.resources + ", " + this.probes + ", " + this.shutdown + ", " + this.security + ", "
				+ this.environment + ", " + this.autoscaling + "]";
	}

	/**
	 * Builder for {@link WorkloadSettings}: a setter per setting and per group records
	 * values; {@link #build()} validates them all.
	 */
	public static final class Builder extends WorkloadSettingsSetters<Builder> {

		private Builder(String name) {
			super(name);
		}

		private Builder(WorkloadSettings settings) {
			super(settings);
		}

		@Override
		Builder self() {
			return this;
		}

		/**
		 * Validate the settings and build them.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public WorkloadSettings build() {
			return new WorkloadSettings(this);
		}

	}

}
