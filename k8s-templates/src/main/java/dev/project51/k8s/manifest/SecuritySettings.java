package dev.project51.k8s.manifest;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * The identity a workload's container runs as and its only writable place: the pod runs
 * as a non-root user above 10000 with a read-only root filesystem, dropped capabilities
 * and the RuntimeDefault seccomp profile, and writes only to an {@code emptyDir} on
 * {@code /tmp}.
 *
 * @param runAsUser the UID, above 10000
 * @param runAsGroup the GID, above 10000
 * @param tmpSizeLimit the size limit of the writable {@code /tmp} volume, e.g.
 * {@code 256Mi}
 * @since 0.1.0
 */
public record SecuritySettings(long runAsUser, long runAsGroup, String tmpSizeLimit) {

	/** Default non-root UID and GID (kube-score wants them above 10000). */
	public static final long DEFAULT_USER_ID = 10001;

	/** Default size limit of {@code /tmp}. */
	public static final String DEFAULT_TMP_SIZE_LIMIT = "256Mi";

	/**
	 * Validate the settings.
	 * @param runAsUser the UID
	 * @param runAsGroup the GID
	 * @param tmpSizeLimit the size limit of {@code /tmp}
	 */
	public SecuritySettings {
		requireHighId("runAsUser", runAsUser);
		requireHighId("runAsGroup", runAsGroup);
		SettingChecks.quantity("tmpSizeLimit", tmpSizeLimit);
	}

	/**
	 * Start from the defaults: UID and GID 10001, 256Mi of {@code /tmp}.
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
		return new Builder().runAsUser(this.runAsUser).runAsGroup(this.runAsGroup).tmpSizeLimit(this.tmpSizeLimit);
	}

	private static void requireHighId(String setting, long id) {
		if (id <= 10000 || id > 2147483647L) {
			throw new InvalidSettingException(setting, id,
					setting + " must be above 10000 (so it cannot collide with a user of the node), but was " + id);
		}
	}

	/**
	 * Builder for {@link SecuritySettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private long runAsUser = DEFAULT_USER_ID;

		private long runAsGroup = DEFAULT_USER_ID;

		private String tmpSizeLimit = DEFAULT_TMP_SIZE_LIMIT;

		private Builder() {
		}

		/**
		 * Set the UID the container runs as (above 10000; default 10001).
		 * @param runAsUser the UID
		 * @return this builder
		 */
		public Builder runAsUser(long runAsUser) {
			this.runAsUser = runAsUser;
			return this;
		}

		/**
		 * Set the GID the container runs as (above 10000; default 10001).
		 * @param runAsGroup the GID
		 * @return this builder
		 */
		public Builder runAsGroup(long runAsGroup) {
			this.runAsGroup = runAsGroup;
			return this;
		}

		/**
		 * Set the size limit of the writable {@code /tmp} emptyDir volume (default
		 * {@code 256Mi}).
		 * @param tmpSizeLimit a quantity such as {@code 256Mi}
		 * @return this builder
		 */
		public Builder tmpSizeLimit(String tmpSizeLimit) {
			this.tmpSizeLimit = tmpSizeLimit;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public SecuritySettings build() {
			return new SecuritySettings(this.runAsUser, this.runAsGroup, this.tmpSizeLimit);
		}

	}

}
