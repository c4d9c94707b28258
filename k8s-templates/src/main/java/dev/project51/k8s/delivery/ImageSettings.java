package dev.project51.k8s.delivery;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * Where the application's images are pushed and how they are built: the registry prefix,
 * the placeholder tag written into {@code k8s/} (deploy.sh replaces it by the commit SHA)
 * and the Dockerfiles with their build context.
 *
 * @param imageRepository the registry and Docker Hub user, e.g. {@code docker.io/acme}
 * @param imageTag the placeholder tag: never {@code latest}, never a commit SHA
 * @param backendDockerfile the agent's Dockerfile relative to the repository root
 * @param frontendDockerfile the frontend's Dockerfile relative to the repository root
 * @param dockerContext the build context of both images relative to the repository root
 * @since 0.1.0
 */
public record ImageSettings(String imageRepository, String imageTag, String backendDockerfile,
		String frontendDockerfile, String dockerContext) {

	/** Default image repository (registry and Docker Hub user). */
	public static final String DEFAULT_IMAGE_REPOSITORY = "docker.io/project51";

	/** Default placeholder tag. */
	public static final String DEFAULT_IMAGE_TAG = "set-by-deploy-sh";

	/**
	 * Validate the settings.
	 * @param imageRepository the registry prefix
	 * @param imageTag the placeholder tag
	 * @param backendDockerfile the agent's Dockerfile
	 * @param frontendDockerfile the frontend's Dockerfile
	 * @param dockerContext the build context
	 */
	public ImageSettings {
		SettingChecks.imageRepository("imageRepository", imageRepository);
		SettingChecks.imageTag("imageTag", imageTag);
		if (imageTag.matches("[0-9a-f]{40}")) {
			throw new InvalidSettingException("imageTag", imageTag,
					"imageTag must be a placeholder that does not look like a commit SHA, such as set-by-deploy-sh, but was '"
							+ imageTag
							+ "'; the admission policy lets only commit SHA tags in, and deploy.sh sets them");
		}
		SettingChecks.relativePath("backendDockerfile", backendDockerfile);
		SettingChecks.relativePath("frontendDockerfile", frontendDockerfile);
		if (!".".equals(dockerContext)) {
			SettingChecks.relativePath("dockerContext", dockerContext);
		}
	}

	/**
	 * Start from the defaults.
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
			.backendDockerfile(this.backendDockerfile)
			.frontendDockerfile(this.frontendDockerfile)
			.dockerContext(this.dockerContext);
	}

	/**
	 * Builder for {@link ImageSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String imageRepository = DEFAULT_IMAGE_REPOSITORY;

		private String imageTag = DEFAULT_IMAGE_TAG;

		private String backendDockerfile = "backend/Dockerfile";

		private String frontendDockerfile = "frontend/Dockerfile";

		private String dockerContext = ".";

		private Builder() {
		}

		/**
		 * Set the image repository prefix: registry and Docker Hub user, e.g.
		 * {@code docker.io/acme} (default {@code docker.io/project51}).
		 * @param imageRepository the prefix
		 * @return this builder
		 */
		public Builder imageRepository(String imageRepository) {
			this.imageRepository = imageRepository;
			return this;
		}

		/**
		 * Set the placeholder tag written into the manifests (default
		 * {@code set-by-deploy-sh}); never {@code latest}.
		 * @param imageTag the tag
		 * @return this builder
		 */
		public Builder imageTag(String imageTag) {
			this.imageTag = imageTag;
			return this;
		}

		/**
		 * Set the backend Dockerfile path (default {@code backend/Dockerfile}).
		 * @param path the path relative to the repository root
		 * @return this builder
		 */
		public Builder backendDockerfile(String path) {
			this.backendDockerfile = path;
			return this;
		}

		/**
		 * Set the frontend Dockerfile path (default {@code frontend/Dockerfile}).
		 * @param path the path relative to the repository root
		 * @return this builder
		 */
		public Builder frontendDockerfile(String path) {
			this.frontendDockerfile = path;
			return this;
		}

		/**
		 * Set the Docker build context (default {@code .}, the repository root, so the
		 * Dockerfiles can build the Maven reactor).
		 * @param context the context relative to the repository root
		 * @return this builder
		 */
		public Builder dockerContext(String context) {
			this.dockerContext = context;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public ImageSettings build() {
			return new ImageSettings(this.imageRepository, this.imageTag, this.backendDockerfile,
					this.frontendDockerfile, this.dockerContext);
		}

	}

}
