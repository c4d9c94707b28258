package dev.project51.k8s.delivery;

import java.util.List;

import dev.project51.k8s.internal.SettingChecks;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * The state and setters of {@link DeliverySettings.Builder}: the application name and
 * shutdown time, one builder per group of settings, and for every setting of a group a
 * setter of the same name that sets it in that group's builder (documented there).
 *
 * @param <B> the builder type, returned by every setter
 */
abstract class DeliverySettingsSetters<B extends DeliverySettingsSetters<B>> {

	String appName = DeliverySettings.DEFAULT_APP_NAME;

	int shutdownTimeoutSeconds = DeliverySettings.DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;

	ImageSettings.Builder images = ImageSettings.builder();

	ClusterSettings.Builder cluster = ClusterSettings.builder();

	FrontendSettings.Builder frontend = FrontendSettings.builder();

	AgentSettings.Builder agent = AgentSettings.builder();

	RenderSettings.Builder render = RenderSettings.builder();

	WorkflowSettings.Builder workflow = WorkflowSettings.builder();

	DeployScriptSettings.Builder deployScript = DeployScriptSettings.builder();

	DeliverySettingsSetters() {
	}

	DeliverySettingsSetters(DeliverySettings settings) {
		this.appName = settings.appName();
		this.shutdownTimeoutSeconds = settings.shutdownTimeoutSeconds();
		this.images = settings.images().toBuilder();
		this.cluster = settings.cluster().toBuilder();
		this.frontend = settings.frontend().toBuilder();
		this.agent = settings.agent().toBuilder();
		this.render = settings.render().toBuilder();
		this.workflow = settings.workflow().toBuilder();
		this.deployScript = settings.deployScript().toBuilder();
	}

	abstract B self();

	/**
	 * Set the application name, a DNS label of at most 40 characters (default
	 * {@code project51}); the namespace, kind cluster, image and Render names derive from
	 * it.
	 * @param appName the application name
	 * @return this builder
	 */
	public B appName(String appName) {
		this.appName = appName;
		return self();
	}

	/**
	 * Set how long the applications' graceful shutdown may take (default 30 s, Spring
	 * Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}).
	 * @param seconds the seconds
	 * @return this builder
	 */
	public B shutdownTimeoutSeconds(int seconds) {
		this.shutdownTimeoutSeconds = seconds;
		return self();
	}

	/**
	 * Replace the {@link ImageSettings}.
	 * @param images the settings
	 * @return this builder
	 */
	public B images(ImageSettings images) {
		this.images = SettingChecks.notNull("images", images).toBuilder();
		return self();
	}

	/**
	 * Replace the {@link ClusterSettings}.
	 * @param cluster the settings
	 * @return this builder
	 */
	public B cluster(ClusterSettings cluster) {
		this.cluster = SettingChecks.notNull("cluster", cluster).toBuilder();
		return self();
	}

	/**
	 * Replace the {@link FrontendSettings}.
	 * @param frontend the settings
	 * @return this builder
	 */
	public B frontend(FrontendSettings frontend) {
		this.frontend = SettingChecks.notNull("frontend", frontend).toBuilder();
		return self();
	}

	/**
	 * Replace the {@link AgentSettings}.
	 * @param agent the settings
	 * @return this builder
	 */
	public B agent(AgentSettings agent) {
		this.agent = SettingChecks.notNull("agent", agent).toBuilder();
		return self();
	}

	/**
	 * Replace the {@link RenderSettings}.
	 * @param render the settings
	 * @return this builder
	 */
	public B render(RenderSettings render) {
		this.render = SettingChecks.notNull("render", render).toBuilder();
		return self();
	}

	/**
	 * Replace the {@link WorkflowSettings}.
	 * @param workflow the settings
	 * @return this builder
	 */
	public B workflow(WorkflowSettings workflow) {
		this.workflow = SettingChecks.notNull("workflow", workflow).toBuilder();
		return self();
	}

	/**
	 * Replace the {@link DeployScriptSettings}.
	 * @param deployScript the settings
	 * @return this builder
	 */
	public B deployScript(DeployScriptSettings deployScript) {
		this.deployScript = SettingChecks.notNull("deployScript", deployScript).toBuilder();
		return self();
	}

	/** Same as {@link ImageSettings.Builder#imageRepository(String)}. */
	public B imageRepository(String imageRepository) {
		this.images.imageRepository(imageRepository);
		return self();
	}

	/** Same as {@link ImageSettings.Builder#imageTag(String)}. */
	public B imageTag(String imageTag) {
		this.images.imageTag(imageTag);
		return self();
	}

	/** Same as {@link ImageSettings.Builder#backendDockerfile(String)}. */
	public B backendDockerfile(String backendDockerfile) {
		this.images.backendDockerfile(backendDockerfile);
		return self();
	}

	/** Same as {@link ImageSettings.Builder#frontendDockerfile(String)}. */
	public B frontendDockerfile(String frontendDockerfile) {
		this.images.frontendDockerfile(frontendDockerfile);
		return self();
	}

	/** Same as {@link ImageSettings.Builder#dockerContext(String)}. */
	public B dockerContext(String dockerContext) {
		this.images.dockerContext(dockerContext);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#clusterName(String)}. */
	public B clusterName(String clusterName) {
		this.cluster.clusterName(clusterName);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#namespace(String)}. */
	public B namespace(String namespace) {
		this.cluster.namespace(namespace);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#kindNodeImage(String)}. */
	public B kindNodeImage(String kindNodeImage) {
		this.cluster.kindNodeImage(kindNodeImage);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#nodePort(int)}. */
	public B nodePort(int nodePort) {
		this.cluster.nodePort(nodePort);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#hostPort(int)}. */
	public B hostPort(int hostPort) {
		this.cluster.hostPort(hostPort);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#listenAddress(String)}. */
	public B listenAddress(String listenAddress) {
		this.cluster.listenAddress(listenAddress);
		return self();
	}

	/** Same as {@link ClusterSettings.Builder#networkPolicies(boolean)}. */
	public B networkPolicies(boolean networkPolicies) {
		this.cluster.networkPolicies(networkPolicies);
		return self();
	}

	/** Same as {@link FrontendSettings.Builder#frontendReplicas(int)}. */
	public B frontendReplicas(int frontendReplicas) {
		this.frontend.frontendReplicas(frontendReplicas);
		return self();
	}

	/** Same as {@link FrontendSettings.Builder#allowSingleReplica(boolean)}. */
	public B allowSingleReplica(boolean allowSingleReplica) {
		this.frontend.allowSingleReplica(allowSingleReplica);
		return self();
	}

	/** Same as {@link FrontendSettings.Builder#frontendPort(int)}. */
	public B frontendPort(int frontendPort) {
		this.frontend.frontendPort(frontendPort);
		return self();
	}

	/** Same as {@link FrontendSettings.Builder#frontendResources(ResourceSettings)}. */
	public B frontendResources(ResourceSettings frontendResources) {
		this.frontend.frontendResources(frontendResources);
		return self();
	}

	/**
	 * Same as {@link FrontendSettings.Builder#frontendAutoscaling(AutoscalingSettings)}.
	 */
	public B frontendAutoscaling(AutoscalingSettings frontendAutoscaling) {
		this.frontend.frontendAutoscaling(frontendAutoscaling);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#agentBaseUrl(String)}. */
	public B agentBaseUrl(String agentBaseUrl) {
		this.agent.agentBaseUrl(agentBaseUrl);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#agentTokenSecret(String)}. */
	public B agentTokenSecret(String agentTokenSecret) {
		this.agent.agentTokenSecret(agentTokenSecret);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#agentInCluster(boolean)}. */
	public B agentInCluster(boolean agentInCluster) {
		this.agent.agentInCluster(agentInCluster);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#agentPort(int)}. */
	public B agentPort(int agentPort) {
		this.agent.agentPort(agentPort);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#agentResources(ResourceSettings)}. */
	public B agentResources(ResourceSettings agentResources) {
		this.agent.agentResources(agentResources);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#aiProvider(AgentProvider)}. */
	public B aiProvider(AgentProvider aiProvider) {
		this.agent.aiProvider(aiProvider);
		return self();
	}

	/** Same as {@link AgentSettings.Builder#aiProvider(String)}. */
	public B aiProvider(String aiProvider) {
		this.agent.aiProvider(aiProvider);
		return self();
	}

	/** Same as {@link RenderSettings.Builder#renderServiceName(String)}. */
	public B renderServiceName(String renderServiceName) {
		this.render.renderServiceName(renderServiceName);
		return self();
	}

	/** Same as {@link RenderSettings.Builder#renderRegion(String)}. */
	public B renderRegion(String renderRegion) {
		this.render.renderRegion(renderRegion);
		return self();
	}

	/** Same as {@link RenderSettings.Builder#renderPlan(String)}. */
	public B renderPlan(String renderPlan) {
		this.render.renderPlan(renderPlan);
		return self();
	}

	/** Same as {@link RenderSettings.Builder#renderHealthCheckPath(String)}. */
	public B renderHealthCheckPath(String renderHealthCheckPath) {
		this.render.renderHealthCheckPath(renderHealthCheckPath);
		return self();
	}

	/** Same as {@link RenderSettings.Builder#renderAutoDeployTrigger(String)}. */
	public B renderAutoDeployTrigger(String renderAutoDeployTrigger) {
		this.render.renderAutoDeployTrigger(renderAutoDeployTrigger);
		return self();
	}

	/** Same as {@link RenderSettings.Builder#renderBuildFilterPaths(List)}. */
	public B renderBuildFilterPaths(List<String> renderBuildFilterPaths) {
		this.render.renderBuildFilterPaths(renderBuildFilterPaths);
		return self();
	}

	/** Same as {@link WorkflowSettings.Builder#branch(String)}. */
	public B branch(String branch) {
		this.workflow.branch(branch);
		return self();
	}

	/** Same as {@link WorkflowSettings.Builder#javaVersion(String)}. */
	public B javaVersion(String javaVersion) {
		this.workflow.javaVersion(javaVersion);
		return self();
	}

	/** Same as {@link WorkflowSettings.Builder#testCommand(String)}. */
	public B testCommand(String testCommand) {
		this.workflow.testCommand(testCommand);
		return self();
	}

	/** Same as {@link DeployScriptSettings.Builder#rolloutTimeout(String)}. */
	public B rolloutTimeout(String rolloutTimeout) {
		this.deployScript.rolloutTimeout(rolloutTimeout);
		return self();
	}

	/** Same as {@link DeployScriptSettings.Builder#smokePaths(List)}. */
	public B smokePaths(List<String> smokePaths) {
		this.deployScript.smokePaths(smokePaths);
		return self();
	}

	/** Same as {@link DeployScriptSettings.Builder#installDir(String)}. */
	public B installDir(String installDir) {
		this.deployScript.installDir(installDir);
		return self();
	}

}
