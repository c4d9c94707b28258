package dev.project51.k8s.manifest;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * Immutable settings of one Spring Boot workload (a Deployment with its Service,
 * PodDisruptionBudget and optional HorizontalPodAutoscaler). Every default is chosen so
 * that the rendered manifests heal themselves and run locked down;
 * {@link #builder(String)} validates everything in {@link Builder#build()} with messages
 * that name the setting.
 *
 * @since 0.1.0
 */
public final class WorkloadSettings {

	/** Default container port: the frontend's Spring Boot port. */
	public static final int DEFAULT_CONTAINER_PORT = 8080;

	/**
	 * Default NodePort; kind maps it to host port 8080 through {@code extraPortMappings}.
	 */
	public static final int DEFAULT_NODE_PORT = 30080;

	/** Default number of replicas: one can die while the other serves. */
	public static final int DEFAULT_REPLICAS = 2;

	/** Default share of the memory limit the JVM may use for its heap. */
	public static final double DEFAULT_MAX_RAM_PERCENTAGE = 75.0;

	/** Spring Boot's liveness health group. */
	public static final String DEFAULT_LIVENESS_PATH = "/actuator/health/liveness";

	/** Spring Boot's readiness health group. */
	public static final String DEFAULT_READINESS_PATH = "/actuator/health/readiness";

	/** Default startup probe period in seconds. */
	public static final int DEFAULT_STARTUP_PERIOD_SECONDS = 5;

	/** Default startup probe failure threshold: 36 x 5 s = 3 minutes to start. */
	public static final int DEFAULT_STARTUP_FAILURE_THRESHOLD = 36;

	/** Default seconds a new pod must stay ready before it counts as available. */
	public static final int DEFAULT_MIN_READY_SECONDS = 5;

	/** Default rollout deadline; must exceed the startup budget plus minReadySeconds. */
	public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 300;

	/** Default number of old ReplicaSets kept for {@code kubectl rollout undo}. */
	public static final int DEFAULT_REVISION_HISTORY_LIMIT = 5;

	/**
	 * Default time the application's graceful shutdown may take: Spring Boot's
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} default.
	 */
	public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

	/**
	 * Default pause of the {@code preStop} hook: the time the endpoints controllers and
	 * kube-proxy take to stop sending new connections to a terminating pod.
	 */
	public static final int DEFAULT_PRE_STOP_SLEEP_SECONDS = 5;

	/**
	 * Default grace period: the {@code preStop} pause, then the graceful shutdown, then 5
	 * s for the JVM to exit.
	 */
	public static final int DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = DEFAULT_PRE_STOP_SLEEP_SECONDS
			+ DEFAULT_SHUTDOWN_TIMEOUT_SECONDS + 5;

	/** Default non-root UID and GID (kube-score wants them above 10000). */
	public static final long DEFAULT_USER_ID = 10001;

	private static final Pattern SECRET_LIKE_NAME = Pattern
		.compile(".*(SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIAL).*");

	private final String name;

	private final String namespace;

	private final String partOf;

	private final String component;

	private final String imageRepository;

	private final String imageTag;

	private final String imagePullPolicy;

	private final int containerPort;

	private final int replicas;

	private final boolean allowSingleReplica;

	private final ResourceSettings resources;

	private final double maxRamPercentage;

	private final String livenessPath;

	private final String readinessPath;

	private final String startupPath;

	private final int startupPeriodSeconds;

	private final int startupFailureThreshold;

	private final int minReadySeconds;

	private final int progressDeadlineSeconds;

	private final int revisionHistoryLimit;

	private final int terminationGracePeriodSeconds;

	private final int preStopSleepSeconds;

	private final int shutdownTimeoutSeconds;

	private final long runAsUser;

	private final long runAsGroup;

	private final SortedMap<String, String> env;

	private final SortedMap<String, SecretKeyRef> secretEnv;

	private final String serviceType;

	private final int servicePort;

	private final Integer nodePort;

	private final int podDisruptionMaxUnavailable;

	private final AutoscalingSettings autoscaling;

	private final String tmpSizeLimit;

	private WorkloadSettings(Builder builder) {
		this.name = builder.name;
		this.namespace = builder.namespace;
		this.partOf = builder.partOf;
		this.component = builder.component;
		this.imageRepository = builder.imageRepository;
		this.imageTag = builder.imageTag;
		this.imagePullPolicy = builder.imagePullPolicy;
		this.containerPort = builder.containerPort;
		this.replicas = builder.replicas;
		this.allowSingleReplica = builder.allowSingleReplica;
		this.resources = builder.resources;
		this.maxRamPercentage = builder.maxRamPercentage;
		this.livenessPath = builder.livenessPath;
		this.readinessPath = builder.readinessPath;
		this.startupPath = builder.startupPath;
		this.startupPeriodSeconds = builder.startupPeriodSeconds;
		this.startupFailureThreshold = builder.startupFailureThreshold;
		this.minReadySeconds = builder.minReadySeconds;
		this.progressDeadlineSeconds = builder.progressDeadlineSeconds;
		this.revisionHistoryLimit = builder.revisionHistoryLimit;
		this.terminationGracePeriodSeconds = builder.effectiveTerminationGracePeriodSeconds();
		this.preStopSleepSeconds = builder.preStopSleepSeconds;
		this.shutdownTimeoutSeconds = builder.shutdownTimeoutSeconds;
		this.runAsUser = builder.runAsUser;
		this.runAsGroup = builder.runAsGroup;
		this.env = Collections.unmodifiableSortedMap(new TreeMap<>(builder.env));
		this.secretEnv = Collections.unmodifiableSortedMap(new TreeMap<>(builder.secretEnv));
		this.serviceType = builder.serviceType;
		this.servicePort = (builder.servicePort != null) ? builder.servicePort : builder.containerPort;
		this.nodePort = builder.nodePort;
		this.podDisruptionMaxUnavailable = builder.podDisruptionMaxUnavailable;
		this.autoscaling = builder.autoscaling;
		this.tmpSizeLimit = builder.tmpSizeLimit;
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
	 * Return the image repository without tag.
	 * @return the repository
	 */
	public String imageRepository() {
		return this.imageRepository;
	}

	/**
	 * Return the image tag.
	 * @return the tag
	 */
	public String imageTag() {
		return this.imageTag;
	}

	/**
	 * Return the full image reference {@code repository:tag}.
	 * @return the image
	 */
	public String image() {
		return this.imageRepository + ":" + this.imageTag;
	}

	/**
	 * Return the image pull policy.
	 * @return the pull policy
	 */
	public String imagePullPolicy() {
		return this.imagePullPolicy;
	}

	/**
	 * Return the container port.
	 * @return the port
	 */
	public int containerPort() {
		return this.containerPort;
	}

	/**
	 * Return the replica count (ignored when autoscaling is enabled).
	 * @return the replicas
	 */
	public int replicas() {
		return this.replicas;
	}

	/**
	 * Return whether a single replica was explicitly allowed.
	 * @return whether fewer than two replicas are allowed
	 */
	public boolean allowSingleReplica() {
		return this.allowSingleReplica;
	}

	/**
	 * Return the container resources.
	 * @return the resources
	 */
	public ResourceSettings resources() {
		return this.resources;
	}

	/**
	 * Return the share of the memory limit the JVM heap may use.
	 * @return the percentage
	 */
	public double maxRamPercentage() {
		return this.maxRamPercentage;
	}

	/**
	 * Return the {@code JAVA_TOOL_OPTIONS} value derived from the settings.
	 * @return the JVM options
	 */
	public String javaToolOptions() {
		return "-XX:MaxRAMPercentage=" + formatPercentage(this.maxRamPercentage) + " -XX:+ExitOnOutOfMemoryError";
	}

	/**
	 * Return the liveness probe path.
	 * @return the path
	 */
	public String livenessPath() {
		return this.livenessPath;
	}

	/**
	 * Return the readiness probe path.
	 * @return the path
	 */
	public String readinessPath() {
		return this.readinessPath;
	}

	/**
	 * Return the startup probe path.
	 * @return the path
	 */
	public String startupPath() {
		return (this.startupPath != null) ? this.startupPath : this.livenessPath;
	}

	/**
	 * Return the startup probe period.
	 * @return seconds between startup probes
	 */
	public int startupPeriodSeconds() {
		return this.startupPeriodSeconds;
	}

	/**
	 * Return the startup probe failure threshold.
	 * @return failed startup probes before the container is restarted
	 */
	public int startupFailureThreshold() {
		return this.startupFailureThreshold;
	}

	/**
	 * Return the seconds a new pod must stay ready before it counts as available.
	 * @return the min ready seconds
	 */
	public int minReadySeconds() {
		return this.minReadySeconds;
	}

	/**
	 * Return the rollout deadline.
	 * @return the progress deadline seconds
	 */
	public int progressDeadlineSeconds() {
		return this.progressDeadlineSeconds;
	}

	/**
	 * Return the number of old ReplicaSets kept for rollback.
	 * @return the revision history limit
	 */
	public int revisionHistoryLimit() {
		return this.revisionHistoryLimit;
	}

	/**
	 * Return the termination grace period: by default the {@code preStop} pause plus the
	 * graceful shutdown plus 5 s.
	 * @return seconds
	 */
	public int terminationGracePeriodSeconds() {
		return this.terminationGracePeriodSeconds;
	}

	/**
	 * Return how long the {@code preStop} hook pauses before the container receives
	 * SIGTERM, so that no new connection reaches a pod that is shutting down.
	 * @return seconds
	 */
	public int preStopSleepSeconds() {
		return this.preStopSleepSeconds;
	}

	/**
	 * Return how long the application's graceful shutdown may take (its
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}).
	 * @return seconds
	 */
	public int shutdownTimeoutSeconds() {
		return this.shutdownTimeoutSeconds;
	}

	/**
	 * Return the UID the container runs as.
	 * @return the UID
	 */
	public long runAsUser() {
		return this.runAsUser;
	}

	/**
	 * Return the GID the container runs as.
	 * @return the GID
	 */
	public long runAsGroup() {
		return this.runAsGroup;
	}

	/**
	 * Return the plain environment variables, sorted by name.
	 * @return the environment
	 */
	public SortedMap<String, String> env() {
		return this.env;
	}

	/**
	 * Return the environment variables taken from Secrets, sorted by name.
	 * @return the secret environment
	 */
	public SortedMap<String, SecretKeyRef> secretEnv() {
		return this.secretEnv;
	}

	/**
	 * Return the Service type ({@code NodePort} or {@code ClusterIP}).
	 * @return the service type
	 */
	public String serviceType() {
		return this.serviceType;
	}

	/**
	 * Return the Service port.
	 * @return the port
	 */
	public int servicePort() {
		return this.servicePort;
	}

	/**
	 * Return the NodePort, or {@code null} for a ClusterIP Service.
	 * @return the node port
	 */
	public Integer nodePort() {
		return this.nodePort;
	}

	/**
	 * Return how many pods a voluntary disruption may take down at once.
	 * @return the PDB's maxUnavailable
	 */
	public int podDisruptionMaxUnavailable() {
		return this.podDisruptionMaxUnavailable;
	}

	/**
	 * Return the autoscaling settings, or {@code null} when autoscaling is disabled.
	 * @return the autoscaling settings
	 */
	public AutoscalingSettings autoscaling() {
		return this.autoscaling;
	}

	/**
	 * Return the size limit of the writable {@code /tmp} volume.
	 * @return the size limit quantity
	 */
	public String tmpSizeLimit() {
		return this.tmpSizeLimit;
	}

	/**
	 * Return the time a pod may take to start before the startup probe restarts it.
	 * @return startup budget in seconds
	 */
	public int startupBudgetSeconds() {
		return this.startupPeriodSeconds * this.startupFailureThreshold;
	}

	static String formatPercentage(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof WorkloadSettings that)) {
			return false;
		}
		return toBuilder().fingerprint().equals(that.toBuilder().fingerprint());
	}

	@Override
	public int hashCode() {
		return toBuilder().fingerprint().hashCode();
	}

	@Override
	public String toString() {
		return "WorkloadSettings" + toBuilder().fingerprint();
	}

	/**
	 * Builder for {@link WorkloadSettings}. Setters record values; {@link #build()}
	 * validates them all.
	 */
	public static final class Builder {

		private String name;

		private String namespace;

		private String partOf;

		private String component;

		private String imageRepository;

		private String imageTag;

		private String imagePullPolicy = "IfNotPresent";

		private int containerPort = DEFAULT_CONTAINER_PORT;

		private int replicas = DEFAULT_REPLICAS;

		private boolean allowSingleReplica;

		private ResourceSettings resources = ResourceSettings.defaults();

		private double maxRamPercentage = DEFAULT_MAX_RAM_PERCENTAGE;

		private String livenessPath = DEFAULT_LIVENESS_PATH;

		private String readinessPath = DEFAULT_READINESS_PATH;

		private String startupPath;

		private int startupPeriodSeconds = DEFAULT_STARTUP_PERIOD_SECONDS;

		private int startupFailureThreshold = DEFAULT_STARTUP_FAILURE_THRESHOLD;

		private int minReadySeconds = DEFAULT_MIN_READY_SECONDS;

		private int progressDeadlineSeconds = DEFAULT_PROGRESS_DEADLINE_SECONDS;

		private int revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;

		private Integer terminationGracePeriodSeconds;

		private int preStopSleepSeconds = DEFAULT_PRE_STOP_SLEEP_SECONDS;

		private int shutdownTimeoutSeconds = DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;

		private long runAsUser = DEFAULT_USER_ID;

		private long runAsGroup = DEFAULT_USER_ID;

		private final Map<String, String> env = new TreeMap<>();

		private final Map<String, SecretKeyRef> secretEnv = new TreeMap<>();

		private String serviceType = "NodePort";

		private Integer servicePort;

		private Integer nodePort = DEFAULT_NODE_PORT;

		private int podDisruptionMaxUnavailable = 1;

		private AutoscalingSettings autoscaling;

		private String tmpSizeLimit = "256Mi";

		private Builder(String name) {
			this.name = name;
		}

		private Builder(WorkloadSettings settings) {
			this.name = settings.name;
			this.namespace = settings.namespace;
			this.partOf = settings.partOf;
			this.component = settings.component;
			this.imageRepository = settings.imageRepository;
			this.imageTag = settings.imageTag;
			this.imagePullPolicy = settings.imagePullPolicy;
			this.containerPort = settings.containerPort;
			this.replicas = settings.replicas;
			this.allowSingleReplica = settings.allowSingleReplica;
			this.resources = settings.resources;
			this.maxRamPercentage = settings.maxRamPercentage;
			this.livenessPath = settings.livenessPath;
			this.readinessPath = settings.readinessPath;
			this.startupPath = settings.startupPath;
			this.startupPeriodSeconds = settings.startupPeriodSeconds;
			this.startupFailureThreshold = settings.startupFailureThreshold;
			this.minReadySeconds = settings.minReadySeconds;
			this.progressDeadlineSeconds = settings.progressDeadlineSeconds;
			this.revisionHistoryLimit = settings.revisionHistoryLimit;
			this.terminationGracePeriodSeconds = settings.terminationGracePeriodSeconds;
			this.preStopSleepSeconds = settings.preStopSleepSeconds;
			this.shutdownTimeoutSeconds = settings.shutdownTimeoutSeconds;
			this.runAsUser = settings.runAsUser;
			this.runAsGroup = settings.runAsGroup;
			this.env.putAll(settings.env);
			this.secretEnv.putAll(settings.secretEnv);
			this.serviceType = settings.serviceType;
			this.servicePort = settings.servicePort;
			this.nodePort = settings.nodePort;
			this.podDisruptionMaxUnavailable = settings.podDisruptionMaxUnavailable;
			this.autoscaling = settings.autoscaling;
			this.tmpSizeLimit = settings.tmpSizeLimit;
		}

		/**
		 * Set the namespace of every object ({@code null} leaves it to {@code kubectl}).
		 * @param namespace the namespace (a DNS label)
		 * @return this builder
		 */
		public Builder namespace(String namespace) {
			this.namespace = namespace;
			return this;
		}

		/**
		 * Set the {@code app.kubernetes.io/part-of} label (also part of the selector).
		 * @param partOf the application name
		 * @return this builder
		 */
		public Builder partOf(String partOf) {
			this.partOf = partOf;
			return this;
		}

		/**
		 * Set the {@code app.kubernetes.io/component} label.
		 * @param component the component, e.g. {@code web}
		 * @return this builder
		 */
		public Builder component(String component) {
			this.component = component;
			return this;
		}

		/**
		 * Set the image repository without tag, e.g.
		 * {@code docker.io/acme/shop-frontend}.
		 * @param imageRepository the repository
		 * @return this builder
		 */
		public Builder imageRepository(String imageRepository) {
			this.imageRepository = imageRepository;
			return this;
		}

		/**
		 * Set the image tag: immutable, never {@code latest} (deploy.sh replaces it by
		 * the git SHA at deploy time).
		 * @param imageTag the tag
		 * @return this builder
		 */
		public Builder imageTag(String imageTag) {
			this.imageTag = imageTag;
			return this;
		}

		/**
		 * Set the image pull policy (default {@code IfNotPresent}, which works on kind
		 * with immutable tags).
		 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
		 * @return this builder
		 */
		public Builder imagePullPolicy(String imagePullPolicy) {
			this.imagePullPolicy = imagePullPolicy;
			return this;
		}

		/**
		 * Set the port the application listens on (default 8080).
		 * @param containerPort the port
		 * @return this builder
		 */
		public Builder containerPort(int containerPort) {
			this.containerPort = containerPort;
			return this;
		}

		/**
		 * Set the replica count (default 2; at least 2 unless
		 * {@link #allowSingleReplica(boolean)}).
		 * @param replicas the replicas
		 * @return this builder
		 */
		public Builder replicas(int replicas) {
			this.replicas = replicas;
			return this;
		}

		/**
		 * Set whether a single replica is acceptable (a rollout then has no spare pod and
		 * a crash means downtime).
		 * @param allowSingleReplica whether one replica is allowed
		 * @return this builder
		 */
		public Builder allowSingleReplica(boolean allowSingleReplica) {
			this.allowSingleReplica = allowSingleReplica;
			return this;
		}

		/**
		 * Set the container resources.
		 * @param resources the resources
		 * @return this builder
		 */
		public Builder resources(ResourceSettings resources) {
			this.resources = resources;
			return this;
		}

		/**
		 * Set the share of the memory limit the JVM heap may use (default 75).
		 * @param maxRamPercentage a percentage in {@code (0, 100)}
		 * @return this builder
		 */
		public Builder maxRamPercentage(double maxRamPercentage) {
			this.maxRamPercentage = maxRamPercentage;
			return this;
		}

		/**
		 * Set the liveness probe path.
		 * @param livenessPath the path
		 * @return this builder
		 */
		public Builder livenessPath(String livenessPath) {
			this.livenessPath = livenessPath;
			return this;
		}

		/**
		 * Set the readiness probe path.
		 * @param readinessPath the path
		 * @return this builder
		 */
		public Builder readinessPath(String readinessPath) {
			this.readinessPath = readinessPath;
			return this;
		}

		/**
		 * Set the startup probe path (defaults to the liveness path).
		 * @param startupPath the path
		 * @return this builder
		 */
		public Builder startupPath(String startupPath) {
			this.startupPath = startupPath;
			return this;
		}

		/**
		 * Set the startup probe period.
		 * @param startupPeriodSeconds seconds between startup probes
		 * @return this builder
		 */
		public Builder startupPeriodSeconds(int startupPeriodSeconds) {
			this.startupPeriodSeconds = startupPeriodSeconds;
			return this;
		}

		/**
		 * Set the startup probe failure threshold.
		 * @param startupFailureThreshold failed probes before a restart
		 * @return this builder
		 */
		public Builder startupFailureThreshold(int startupFailureThreshold) {
			this.startupFailureThreshold = startupFailureThreshold;
			return this;
		}

		/**
		 * Set how long a new pod must stay ready before it counts as available.
		 * @param minReadySeconds the seconds
		 * @return this builder
		 */
		public Builder minReadySeconds(int minReadySeconds) {
			this.minReadySeconds = minReadySeconds;
			return this;
		}

		/**
		 * Set the rollout deadline after which the Deployment reports
		 * {@code ProgressDeadlineExceeded}.
		 * @param progressDeadlineSeconds the seconds
		 * @return this builder
		 */
		public Builder progressDeadlineSeconds(int progressDeadlineSeconds) {
			this.progressDeadlineSeconds = progressDeadlineSeconds;
			return this;
		}

		/**
		 * Set how many old ReplicaSets are kept for rollback.
		 * @param revisionHistoryLimit the limit
		 * @return this builder
		 */
		public Builder revisionHistoryLimit(int revisionHistoryLimit) {
			this.revisionHistoryLimit = revisionHistoryLimit;
			return this;
		}

		/**
		 * Set the termination grace period (default: {@code preStopSleepSeconds} plus
		 * {@code shutdownTimeoutSeconds} plus 5 s); it must exceed the first two, or the
		 * kubelet kills the container in the middle of its graceful shutdown.
		 * @param terminationGracePeriodSeconds the seconds
		 * @return this builder
		 */
		public Builder terminationGracePeriodSeconds(int terminationGracePeriodSeconds) {
			this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
			return this;
		}

		/**
		 * Set how long the {@code preStop} hook pauses before SIGTERM (default 5 s; 0
		 * removes the hook).
		 * @param preStopSleepSeconds the seconds
		 * @return this builder
		 */
		public Builder preStopSleepSeconds(int preStopSleepSeconds) {
			this.preStopSleepSeconds = preStopSleepSeconds;
			return this;
		}

		/**
		 * Set how long the application's graceful shutdown may take: its
		 * {@code spring.lifecycle.timeout-per-shutdown-phase} (default 30 s, Spring
		 * Boot's default).
		 * @param shutdownTimeoutSeconds the seconds
		 * @return this builder
		 */
		public Builder shutdownTimeoutSeconds(int shutdownTimeoutSeconds) {
			this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
			return this;
		}

		private int effectiveTerminationGracePeriodSeconds() {
			return (this.terminationGracePeriodSeconds != null) ? this.terminationGracePeriodSeconds
					: this.preStopSleepSeconds + this.shutdownTimeoutSeconds + 5;
		}

		/**
		 * Set the UID the container runs as (above 10000).
		 * @param runAsUser the UID
		 * @return this builder
		 */
		public Builder runAsUser(long runAsUser) {
			this.runAsUser = runAsUser;
			return this;
		}

		/**
		 * Set the GID the container runs as (above 10000).
		 * @param runAsGroup the GID
		 * @return this builder
		 */
		public Builder runAsGroup(long runAsGroup) {
			this.runAsGroup = runAsGroup;
			return this;
		}

		/**
		 * Add a plain environment variable (never a secret: use
		 * {@link #secretEnv(String, SecretKeyRef)}).
		 * @param name the variable name
		 * @param value the value
		 * @return this builder
		 */
		public Builder env(String name, String value) {
			this.env.put(name, value);
			return this;
		}

		/**
		 * Add an environment variable read from a Secret.
		 * @param name the variable name
		 * @param ref the Secret key
		 * @return this builder
		 */
		public Builder secretEnv(String name, SecretKeyRef ref) {
			this.secretEnv.put(name, ref);
			return this;
		}

		/**
		 * Expose the workload through a NodePort Service (the default, port 30080).
		 * @param nodePort the node port in {@code 30000..32767}
		 * @return this builder
		 */
		public Builder nodePort(int nodePort) {
			this.serviceType = "NodePort";
			this.nodePort = nodePort;
			return this;
		}

		/**
		 * Expose the workload only inside the cluster through a ClusterIP Service.
		 * @return this builder
		 */
		public Builder clusterIp() {
			this.serviceType = "ClusterIP";
			this.nodePort = null;
			return this;
		}

		/**
		 * Set the Service port (defaults to the container port).
		 * @param servicePort the port
		 * @return this builder
		 */
		public Builder servicePort(int servicePort) {
			this.servicePort = servicePort;
			return this;
		}

		/**
		 * Set how many pods a voluntary disruption (node drain) may take down at once.
		 * @param maxUnavailable at least 1, or nodes can never be drained
		 * @return this builder
		 */
		public Builder podDisruptionMaxUnavailable(int maxUnavailable) {
			this.podDisruptionMaxUnavailable = maxUnavailable;
			return this;
		}

		/**
		 * Enable a HorizontalPodAutoscaler ({@code null} disables it).
		 * @param autoscaling the autoscaling settings
		 * @return this builder
		 */
		public Builder autoscaling(AutoscalingSettings autoscaling) {
			this.autoscaling = autoscaling;
			return this;
		}

		/**
		 * Set the size limit of the writable {@code /tmp} emptyDir volume.
		 * @param tmpSizeLimit a quantity such as {@code 256Mi}
		 * @return this builder
		 */
		public Builder tmpSizeLimit(String tmpSizeLimit) {
			this.tmpSizeLimit = tmpSizeLimit;
			return this;
		}

		/**
		 * Validate the settings and build them.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public WorkloadSettings build() {
			validate();
			return new WorkloadSettings(this);
		}

		private void validate() {
			SettingChecks.dnsLabel("name", this.name);
			if (this.namespace != null) {
				SettingChecks.dnsLabel("namespace", this.namespace);
			}
			if (this.partOf != null) {
				SettingChecks.labelValue("partOf", this.partOf);
			}
			if (this.component != null) {
				SettingChecks.labelValue("component", this.component);
			}
			SettingChecks.imageRepository("imageRepository", this.imageRepository);
			SettingChecks.imageTag("imageTag", this.imageTag);
			SettingChecks.notNull("imagePullPolicy", this.imagePullPolicy);
			if (!this.imagePullPolicy.equals("IfNotPresent") && !this.imagePullPolicy.equals("Always")
					&& !this.imagePullPolicy.equals("Never")) {
				throw new InvalidSettingException("imagePullPolicy", this.imagePullPolicy,
						"imagePullPolicy must be IfNotPresent, Always or Never, but was '" + this.imagePullPolicy
								+ "'");
			}
			SettingChecks.port("containerPort", this.containerPort);
			int minimumReplicas = this.allowSingleReplica ? 1 : 2;
			if (this.replicas < minimumReplicas) {
				throw new InvalidSettingException("replicas", this.replicas, "replicas must be >= " + minimumReplicas
						+ ", but was " + this.replicas + (this.allowSingleReplica ? ""
								: "; a single replica cannot survive a crash or a rollout without downtime (set allowSingleReplica to accept that)"));
			}
			if (this.autoscaling != null && this.autoscaling.minReplicas() < minimumReplicas) {
				throw new InvalidSettingException("autoscaling.minReplicas", this.autoscaling.minReplicas(),
						"autoscaling.minReplicas must be >= " + minimumReplicas + ", but was "
								+ this.autoscaling.minReplicas() + " (set allowSingleReplica to accept one replica)");
			}
			SettingChecks.notNull("resources", this.resources);
			if (!(this.maxRamPercentage > 0 && this.maxRamPercentage < 100)) {
				throw new InvalidSettingException("maxRamPercentage", this.maxRamPercentage,
						"maxRamPercentage must be between 0 and 100 (exclusive), but was " + this.maxRamPercentage
								+ "; 75 leaves a quarter of the limit for metaspace, threads and buffers");
			}
			SettingChecks.httpPath("livenessPath", this.livenessPath);
			SettingChecks.httpPath("readinessPath", this.readinessPath);
			if (this.startupPath != null) {
				SettingChecks.httpPath("startupPath", this.startupPath);
			}
			if (this.livenessPath.equals(this.readinessPath)) {
				throw new InvalidSettingException("livenessPath", this.livenessPath,
						"livenessPath must differ from readinessPath (both were '" + this.livenessPath
								+ "'): a failing dependency would then restart every pod instead of only taking it out of the Service");
			}
			SettingChecks.range("startupPeriodSeconds", this.startupPeriodSeconds, 1, 60);
			SettingChecks.range("startupFailureThreshold", this.startupFailureThreshold, 1, 1000);
			SettingChecks.range("minReadySeconds", this.minReadySeconds, 0, 3600);
			SettingChecks.atLeast("revisionHistoryLimit", this.revisionHistoryLimit, 1);
			SettingChecks.range("preStopSleepSeconds", this.preStopSleepSeconds, 0, 60);
			SettingChecks.range("shutdownTimeoutSeconds", this.shutdownTimeoutSeconds, 1, 3600);
			int gracePeriod = effectiveTerminationGracePeriodSeconds();
			SettingChecks.range("terminationGracePeriodSeconds", gracePeriod, 1, 3600);
			if (gracePeriod <= this.preStopSleepSeconds + this.shutdownTimeoutSeconds) {
				throw new InvalidSettingException("terminationGracePeriodSeconds", gracePeriod,
						"terminationGracePeriodSeconds must exceed preStopSleepSeconds plus shutdownTimeoutSeconds ("
								+ (this.preStopSleepSeconds + this.shutdownTimeoutSeconds) + " s), but was "
								+ gracePeriod
								+ "; otherwise the kubelet kills the container in the middle of its graceful shutdown");
			}
			int startupWindow = this.startupPeriodSeconds * this.startupFailureThreshold + this.minReadySeconds;
			if (this.progressDeadlineSeconds <= startupWindow) {
				throw new InvalidSettingException("progressDeadlineSeconds", this.progressDeadlineSeconds,
						"progressDeadlineSeconds must exceed the startup budget plus minReadySeconds (" + startupWindow
								+ " s), but was " + this.progressDeadlineSeconds
								+ "; otherwise a rollout is declared failed while its pods are still allowed to start");
			}
			requireHighId("runAsUser", this.runAsUser);
			requireHighId("runAsGroup", this.runAsGroup);
			this.env.forEach((key, value) -> {
				SettingChecks.envName("env", key);
				Objects.requireNonNull(value, () -> "env value of " + key);
				if (key.equals("JAVA_TOOL_OPTIONS")) {
					throw new InvalidSettingException("env", key,
							"env must not set JAVA_TOOL_OPTIONS: it is derived from maxRamPercentage; change that setting instead");
				}
				if (SECRET_LIKE_NAME.matcher(key.toUpperCase(Locale.ROOT)).matches()) {
					throw new InvalidSettingException("env", key, "env must not carry the secret-looking variable '"
							+ key + "' as plain text; pass it with secretEnv from a Secret instead");
				}
			});
			this.secretEnv.forEach((key, ref) -> {
				SettingChecks.envName("secretEnv", key);
				SettingChecks.notNull("secretEnv." + key, ref);
				if (this.env.containsKey(key)) {
					throw new InvalidSettingException("secretEnv", key,
							"secretEnv and env must not both define '" + key + "'; keep only one");
				}
			});
			if (this.servicePort != null) {
				SettingChecks.port("servicePort", this.servicePort);
			}
			if ("NodePort".equals(this.serviceType)) {
				SettingChecks.notNull("nodePort", this.nodePort);
				SettingChecks.range("nodePort", this.nodePort, 30000, 32767);
			}
			SettingChecks.atLeast("podDisruptionMaxUnavailable", this.podDisruptionMaxUnavailable, 1);
			SettingChecks.quantity("tmpSizeLimit", this.tmpSizeLimit);
		}

		private static void requireHighId(String setting, long id) {
			if (id <= 10000 || id > 2147483647L) {
				throw new InvalidSettingException(setting, id,
						setting + " must be above 10000 (so it cannot collide with a user of the node), but was " + id);
			}
		}

		private String fingerprint() {
			return "[name=" + this.name + ", namespace=" + this.namespace + ", partOf=" + this.partOf + ", component="
					+ this.component + ", image=" + this.imageRepository + ":" + this.imageTag + ", imagePullPolicy="
					+ this.imagePullPolicy + ", containerPort=" + this.containerPort + ", replicas=" + this.replicas
					+ ", allowSingleReplica=" + this.allowSingleReplica + ", resources=" + this.resources
					+ ", maxRamPercentage=" + this.maxRamPercentage + ", livenessPath=" + this.livenessPath
					+ ", readinessPath=" + this.readinessPath + ", startupPath=" + this.startupPath
					+ ", startupPeriodSeconds=" + this.startupPeriodSeconds + ", startupFailureThreshold="
					+ this.startupFailureThreshold + ", minReadySeconds=" + this.minReadySeconds
					+ ", progressDeadlineSeconds=" + this.progressDeadlineSeconds + ", revisionHistoryLimit="
					+ this.revisionHistoryLimit + ", terminationGracePeriodSeconds="
					+ effectiveTerminationGracePeriodSeconds() + ", preStopSleepSeconds=" + this.preStopSleepSeconds
					+ ", shutdownTimeoutSeconds=" + this.shutdownTimeoutSeconds + ", runAsUser=" + this.runAsUser
					+ ", runAsGroup=" + this.runAsGroup + ", env=" + this.env + ", secretEnv=" + this.secretEnv
					+ ", serviceType=" + this.serviceType + ", servicePort=" + this.servicePort + ", nodePort="
					+ this.nodePort + ", podDisruptionMaxUnavailable=" + this.podDisruptionMaxUnavailable
					+ ", autoscaling=" + this.autoscaling + ", tmpSizeLimit=" + this.tmpSizeLimit + "]";
		}

	}

}
