package dev.project51.k8s.manifest;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * How many pods serve a workload and how they are replaced: the replicas, the pace and
 * deadline of a rollout, the ReplicaSets kept for {@code kubectl rollout undo} and how
 * many pods a voluntary disruption (a node drain) may take down. {@link WorkloadSettings}
 * also checks {@code progressDeadlineSeconds} against the startup probe's budget.
 *
 * @param replicas the replica count (ignored when autoscaling is enabled); at least 2
 * unless {@code allowSingleReplica}
 * @param allowSingleReplica whether a single replica is acceptable
 * @param minReadySeconds seconds a new pod must stay ready before it counts as available
 * @param progressDeadlineSeconds the rollout deadline
 * @param revisionHistoryLimit old ReplicaSets kept for rollback
 * @param podDisruptionMaxUnavailable pods a voluntary disruption may take down at once
 * @since 0.1.0
 */
public record RolloutSettings(int replicas, boolean allowSingleReplica, int minReadySeconds,
		int progressDeadlineSeconds, int revisionHistoryLimit, int podDisruptionMaxUnavailable) {

	/** Default number of replicas: one can die while the other serves. */
	public static final int DEFAULT_REPLICAS = 2;

	/** Default seconds a new pod must stay ready before it counts as available. */
	public static final int DEFAULT_MIN_READY_SECONDS = 5;

	/** Default rollout deadline; must exceed the startup budget plus minReadySeconds. */
	public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 300;

	/** Default number of old ReplicaSets kept for {@code kubectl rollout undo}. */
	public static final int DEFAULT_REVISION_HISTORY_LIMIT = 5;

	/**
	 * Validate the settings.
	 * @param replicas the replica count
	 * @param allowSingleReplica whether one replica is acceptable
	 * @param minReadySeconds seconds a new pod must stay ready
	 * @param progressDeadlineSeconds the rollout deadline
	 * @param revisionHistoryLimit old ReplicaSets kept
	 * @param podDisruptionMaxUnavailable pods a disruption may take down
	 */
	public RolloutSettings {
		int minimumReplicas = minimumReplicas(allowSingleReplica);
		if (replicas < minimumReplicas) {
			throw new InvalidSettingException("replicas", replicas,
					"replicas must be >= " + minimumReplicas + ", but was " + replicas + (allowSingleReplica ? ""
							: "; a single replica cannot survive a crash or a rollout without downtime (set allowSingleReplica to accept that)"));
		}
		SettingChecks.range("minReadySeconds", minReadySeconds, 0, 3600);
		SettingChecks.atLeast("revisionHistoryLimit", revisionHistoryLimit, 1);
		SettingChecks.atLeast("podDisruptionMaxUnavailable", podDisruptionMaxUnavailable, 1);
	}

	/**
	 * Start from the defaults: 2 replicas, 5 s ready before available, a 300 s deadline,
	 * 5 old ReplicaSets, one pod down at a time.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder pre-filled with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder().replicas(this.replicas)
			.allowSingleReplica(this.allowSingleReplica)
			.minReadySeconds(this.minReadySeconds)
			.progressDeadlineSeconds(this.progressDeadlineSeconds)
			.revisionHistoryLimit(this.revisionHistoryLimit)
			.podDisruptionMaxUnavailable(this.podDisruptionMaxUnavailable);
	}

	/**
	 * Return the fewest replicas (or autoscaling minimum) allowed.
	 * @return 1 with {@code allowSingleReplica}, else 2
	 */
	public int minimumReplicas() {
		return minimumReplicas(this.allowSingleReplica);
	}

	private static int minimumReplicas(boolean allowSingleReplica) {
		return allowSingleReplica ? 1 : 2;
	}

	/**
	 * Builder for {@link RolloutSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private int replicas = DEFAULT_REPLICAS;

		private boolean allowSingleReplica;

		private int minReadySeconds = DEFAULT_MIN_READY_SECONDS;

		private int progressDeadlineSeconds = DEFAULT_PROGRESS_DEADLINE_SECONDS;

		private int revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;

		private int podDisruptionMaxUnavailable = 1;

		private Builder() {
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
		 * Set how long a new pod must stay ready before it counts as available (default
		 * 5).
		 * @param minReadySeconds the seconds, {@code 0..3600}
		 * @return this builder
		 */
		public Builder minReadySeconds(int minReadySeconds) {
			this.minReadySeconds = minReadySeconds;
			return this;
		}

		/**
		 * Set the rollout deadline after which the Deployment reports
		 * {@code ProgressDeadlineExceeded} (default 300); it must exceed the startup
		 * budget plus {@code minReadySeconds}.
		 * @param progressDeadlineSeconds the seconds
		 * @return this builder
		 */
		public Builder progressDeadlineSeconds(int progressDeadlineSeconds) {
			this.progressDeadlineSeconds = progressDeadlineSeconds;
			return this;
		}

		/**
		 * Set how many old ReplicaSets are kept for rollback (default 5).
		 * @param revisionHistoryLimit the limit, at least 1
		 * @return this builder
		 */
		public Builder revisionHistoryLimit(int revisionHistoryLimit) {
			this.revisionHistoryLimit = revisionHistoryLimit;
			return this;
		}

		/**
		 * Set how many pods a voluntary disruption (node drain) may take down at once
		 * (default 1).
		 * @param maxUnavailable at least 1, or nodes can never be drained
		 * @return this builder
		 */
		public Builder podDisruptionMaxUnavailable(int maxUnavailable) {
			this.podDisruptionMaxUnavailable = maxUnavailable;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public RolloutSettings build() {
			return new RolloutSettings(this.replicas, this.allowSingleReplica, this.minReadySeconds,
					this.progressDeadlineSeconds, this.revisionHistoryLimit, this.podDisruptionMaxUnavailable);
		}

	}

}
