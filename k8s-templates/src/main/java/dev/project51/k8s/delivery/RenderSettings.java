package dev.project51.k8s.delivery;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * The agent's service in {@code render.yaml}, Render's Blueprint: its name, region, plan,
 * health check, when it deploys and which changes rebuild it.
 *
 * @param renderServiceName the service name, or {@code null} for
 * {@code <appName>-backend}
 * @param renderRegion the region
 * @param renderPlan the instance plan
 * @param renderHealthCheckPath the path Render probes before switching traffic to a new
 * deploy
 * @param renderAutoDeployTrigger when Render deploys a new commit: {@code checksPass},
 * {@code commit} or {@code off}
 * @param renderBuildFilterPaths glob patterns relative to the repository root whose
 * changes rebuild the agent, or {@code null} for the backend Dockerfile's folder and the
 * root pom.xml (see {@link DeliverySettings#renderBuildFilterPaths()})
 * @since 0.1.0
 */
public record RenderSettings(String renderServiceName, String renderRegion, String renderPlan,
		String renderHealthCheckPath, String renderAutoDeployTrigger, List<String> renderBuildFilterPaths) {

	private static final Pattern RENDER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Set<String> RENDER_REGIONS = Set.of("oregon", "ohio", "virginia", "frankfurt", "singapore");

	private static final Set<String> RENDER_PLANS = Set.of("free", "starter", "standard", "pro", "pro plus", "pro max",
			"pro ultra");

	private static final Set<String> AUTO_DEPLOY_TRIGGERS = Set.of("commit", "checksPass", "off");

	/**
	 * Validate the settings.
	 * @param renderServiceName the service name, or {@code null}
	 * @param renderRegion the region
	 * @param renderPlan the plan
	 * @param renderHealthCheckPath the health check path
	 * @param renderAutoDeployTrigger the auto-deploy trigger
	 * @param renderBuildFilterPaths the build filter, or {@code null}
	 */
	public RenderSettings {
		if (renderBuildFilterPaths != null) {
			if (renderBuildFilterPaths.isEmpty()) {
				throw new InvalidSettingException("renderBuildFilterPaths", renderBuildFilterPaths,
						"renderBuildFilterPaths must name at least one path, e.g. backend/**");
			}
			for (String path : renderBuildFilterPaths) {
				if (path == null || !path.matches("[A-Za-z0-9._*/-]+") || path.startsWith("/") || path.contains("..")) {
					throw new InvalidSettingException("renderBuildFilterPaths", path,
							"renderBuildFilterPaths must be glob patterns relative to the repository root, e.g. backend/**, but was '"
									+ path + "'");
				}
			}
			renderBuildFilterPaths = List.copyOf(renderBuildFilterPaths);
		}
		if (renderServiceName != null
				&& (!RENDER_NAME.matcher(renderServiceName).matches() || renderServiceName.length() > 63)) {
			throw new InvalidSettingException("renderServiceName", renderServiceName,
					"renderServiceName must be lower-case letters, digits and '-', at most 63 characters, but was '"
							+ renderServiceName + "'");
		}
		SettingChecks.oneOf("renderRegion", renderRegion, RENDER_REGIONS);
		SettingChecks.oneOf("renderPlan", renderPlan, RENDER_PLANS);
		SettingChecks.oneOf("renderAutoDeployTrigger", renderAutoDeployTrigger, AUTO_DEPLOY_TRIGGERS);
		SettingChecks.httpPath("renderHealthCheckPath", renderHealthCheckPath);
	}

	/**
	 * Start from the defaults: region oregon, plan starter, the readiness group as health
	 * check, deploys after the checks pass.
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
		return new Builder().renderServiceName(this.renderServiceName)
			.renderRegion(this.renderRegion)
			.renderPlan(this.renderPlan)
			.renderHealthCheckPath(this.renderHealthCheckPath)
			.renderAutoDeployTrigger(this.renderAutoDeployTrigger)
			.renderBuildFilterPaths(this.renderBuildFilterPaths);
	}

	/**
	 * Builder for {@link RenderSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String renderServiceName;

		private String renderRegion = "oregon";

		private String renderPlan = "starter";

		private String renderHealthCheckPath = "/actuator/health/readiness";

		private String renderAutoDeployTrigger = "checksPass";

		private List<String> renderBuildFilterPaths;

		private Builder() {
		}

		/**
		 * Set the Render service name (default {@code <appName>-backend}).
		 * @param renderServiceName the service name
		 * @return this builder
		 */
		public Builder renderServiceName(String renderServiceName) {
			this.renderServiceName = renderServiceName;
			return this;
		}

		/**
		 * Set the Render region (default {@code oregon}).
		 * @param renderRegion the region
		 * @return this builder
		 */
		public Builder renderRegion(String renderRegion) {
			this.renderRegion = renderRegion;
			return this;
		}

		/**
		 * Set the Render plan (default {@code starter}; {@code free} instances sleep when
		 * idle).
		 * @param renderPlan the plan
		 * @return this builder
		 */
		public Builder renderPlan(String renderPlan) {
			this.renderPlan = renderPlan;
			return this;
		}

		/**
		 * Set the Render health check path (default {@code /actuator/health/readiness}).
		 * @param path the path
		 * @return this builder
		 */
		public Builder renderHealthCheckPath(String path) {
			this.renderHealthCheckPath = path;
			return this;
		}

		/**
		 * Set Render's auto-deploy trigger: {@code checksPass} (default), {@code commit}
		 * or {@code off} (then deploy through the deploy hook only).
		 * @param trigger the trigger
		 * @return this builder
		 */
		public Builder renderAutoDeployTrigger(String trigger) {
			this.renderAutoDeployTrigger = trigger;
			return this;
		}

		/**
		 * Set the paths whose changes make Render rebuild the agent (default: the backend
		 * Dockerfile's folder and the root pom.xml).
		 * @param paths glob patterns relative to the repository root
		 * @return this builder
		 */
		public Builder renderBuildFilterPaths(List<String> paths) {
			this.renderBuildFilterPaths = paths;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public RenderSettings build() {
			return new RenderSettings(this.renderServiceName, this.renderRegion, this.renderPlan,
					this.renderHealthCheckPath, this.renderAutoDeployTrigger, this.renderBuildFilterPaths);
		}

	}

}
