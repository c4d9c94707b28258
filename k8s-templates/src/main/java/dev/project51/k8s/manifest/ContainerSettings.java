package dev.project51.k8s.manifest;

import java.util.Locale;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * What runs in a workload's container: the image and the share of the memory limit the
 * JVM sizes its heap from.
 *
 * @param imageRepository the image repository without tag, e.g.
 * {@code docker.io/acme/shop-frontend}
 * @param imageTag an immutable tag, never {@code latest}
 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param maxRamPercentage the share of the memory limit the JVM heap may use, in
 * {@code (0, 100)}
 * @since 0.1.0
 */
public record ContainerSettings(String imageRepository, String imageTag, String imagePullPolicy,
		double maxRamPercentage) {

	/** Default image pull policy: works on kind with immutable tags. */
	public static final String DEFAULT_IMAGE_PULL_POLICY = "IfNotPresent";

	/** Default share of the memory limit the JVM may use for its heap. */
	public static final double DEFAULT_MAX_RAM_PERCENTAGE = 75.0;

	/**
	 * Validate the settings.
	 * @param imageRepository the image repository without tag
	 * @param imageTag the image tag
	 * @param imagePullPolicy the pull policy
	 * @param maxRamPercentage the JVM heap share of the memory limit
	 */
	public ContainerSettings {
		SettingChecks.imageRepository("imageRepository", imageRepository);
		SettingChecks.imageTag("imageTag", imageTag);
		SettingChecks.notNull("imagePullPolicy", imagePullPolicy);
		if (!imagePullPolicy.equals("IfNotPresent") && !imagePullPolicy.equals("Always")
				&& !imagePullPolicy.equals("Never")) {
			throw new InvalidSettingException("imagePullPolicy", imagePullPolicy,
					"imagePullPolicy must be IfNotPresent, Always or Never, but was '" + imagePullPolicy + "'");
		}
		if (!(maxRamPercentage > 0 && maxRamPercentage < 100)) {
			throw new InvalidSettingException("maxRamPercentage", maxRamPercentage,
					"maxRamPercentage must be between 0 and 100 (exclusive), but was " + maxRamPercentage
							+ "; 75 leaves a quarter of the limit for metaspace, threads and buffers");
		}
	}

	/**
	 * Start from the defaults; the image repository and tag have none.
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
		return new Builder().imageRepository(this.imageRepository)
			.imageTag(this.imageTag)
			.imagePullPolicy(this.imagePullPolicy)
			.maxRamPercentage(this.maxRamPercentage);
	}

	/**
	 * Return the full image reference {@code repository:tag}.
	 * @return the image
	 */
	public String image() {
		return this.imageRepository + ":" + this.imageTag;
	}

	/**
	 * Return the {@code JAVA_TOOL_OPTIONS} value derived from
	 * {@link #maxRamPercentage()}: the heap's share of the limit, an exit on
	 * {@code OutOfMemoryError} (for a restart) and the native memory glibc keeps after
	 * {@code free} handed back to the kernel every 2 s (JDK 17.0.9 and later).
	 * @return the JVM options
	 */
	public String javaToolOptions() {
		return "-XX:MaxRAMPercentage=" + String.format(Locale.ROOT, "%.1f", this.maxRamPercentage)
				+ " -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=2000";
	}

	/**
	 * Builder for {@link ContainerSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String imageRepository;

		private String imageTag;

		private String imagePullPolicy = DEFAULT_IMAGE_PULL_POLICY;

		private double maxRamPercentage = DEFAULT_MAX_RAM_PERCENTAGE;

		private Builder() {
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
		 * Set the share of the memory limit the JVM heap may use (default 75).
		 * @param maxRamPercentage a percentage in {@code (0, 100)}
		 * @return this builder
		 */
		public Builder maxRamPercentage(double maxRamPercentage) {
			this.maxRamPercentage = maxRamPercentage;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public ContainerSettings build() {
			return new ContainerSettings(this.imageRepository, this.imageTag, this.imagePullPolicy,
					this.maxRamPercentage);
		}

	}

}
