package dev.project51.k8s.delivery;

import java.util.List;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * The one settings model from which {@link DeliveryFiles} renders the whole delivery set:
 * {@code k8s/*.yaml}, {@code deploy.sh}, {@code render.yaml},
 * {@code .github/workflows/main.yml} and {@code kind-config.yaml}. Besides the
 * application name (from which the other names derive) and the applications' shutdown
 * time, the settings are grouped by concern:
 * <ul>
 * <li>{@link #images()}: the registry prefix, the placeholder tag, the Dockerfiles;</li>
 * <li>{@link #cluster()}: the kind cluster, the namespace, NetworkPolicies;</li>
 * <li>{@link #frontend()}: the frontend's workload;</li>
 * <li>{@link #agent()}: where the agent runs and its model provider;</li>
 * <li>{@link #render()}: the agent's service in {@code render.yaml};</li>
 * <li>{@link #workflow()}: the CI workflow;</li>
 * <li>{@link #deployScript()}: what {@code deploy.sh} checks and waits for.</li>
 * </ul>
 * Every setting has a default and a setter of its name on {@link #builder()} (and on its
 * group's builder); each group validates itself with messages that name the setting.
 * Setting names are the command line flags of {@code dev.project51.k8s.cli.Main} in kebab
 * case ({@code imageRepository} is {@code --image-repository}). The shortcuts such as
 * {@link #frontendReplicas()} read one setting of a group, or resolve a default that
 * derives from the application name.
 *
 * @since 0.1.0
 */
public final class DeliverySettings {

	/** Default application name. */
	public static final String DEFAULT_APP_NAME = "project51";

	/** Default image repository (registry and Docker Hub user). */
	public static final String DEFAULT_IMAGE_REPOSITORY = ImageSettings.DEFAULT_IMAGE_REPOSITORY;

	/** Default kind node image: see {@link ClusterSettings#DEFAULT_KIND_NODE_IMAGE}. */
	public static final String DEFAULT_KIND_NODE_IMAGE = ClusterSettings.DEFAULT_KIND_NODE_IMAGE;

	/** Default model provider of the agent. */
	public static final AgentProvider DEFAULT_AI_PROVIDER = AgentSettings.DEFAULT_AI_PROVIDER;

	/**
	 * Default time the applications' graceful shutdown may take: Spring Boot's
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} default.
	 */
	public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

	private final String appName;

	private final int shutdownTimeoutSeconds;

	private final ImageSettings images;

	private final ClusterSettings cluster;

	private final FrontendSettings frontend;

	private final AgentSettings agent;

	private final RenderSettings render;

	private final WorkflowSettings workflow;

	private final DeployScriptSettings deployScript;

	private DeliverySettings(Builder builder) {
		this.appName = SettingChecks.dnsLabel("appName", builder.appName);
		if (this.appName.length() > 40) {
			throw new InvalidSettingException("appName", this.appName,
					"appName must be at most 40 characters (the "
							+ "image and Render names append '-frontend' and '-backend'), but was '" + this.appName
							+ "' (" + this.appName.length() + ")");
		}
		this.images = builder.images.build();
		this.workflow = builder.workflow.build();
		this.cluster = builder.cluster.build();
		this.frontend = builder.frontend.build();
		this.agent = builder.agent.build();
		this.shutdownTimeoutSeconds = SettingChecks.range("shutdownTimeoutSeconds", builder.shutdownTimeoutSeconds, 1,
				290);
		this.render = builder.render.build();
		this.deployScript = builder.deployScript.build();
	}

	/**
	 * Start from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults (the reference deployment's settings).
	 * @return the default settings
	 */
	public static DeliverySettings defaults() {
		return builder().build();
	}

	/**
	 * Return a builder pre-filled with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return the application name (namespace, kind cluster, image and Render names derive
	 * from it).
	 * @return the application name
	 */
	public String appName() {
		return this.appName;
	}

	/**
	 * Return how long the applications' graceful shutdown may take; the pods' grace
	 * period and Render's {@code maxShutdownDelaySeconds} leave it that long.
	 * @return seconds
	 */
	public int shutdownTimeoutSeconds() {
		return this.shutdownTimeoutSeconds;
	}

	/** Return the registry prefix, the placeholder tag and the Dockerfiles. */
	public ImageSettings images() {
		return this.images;
	}

	/** Return the kind cluster, namespace and NetworkPolicies settings. */
	public ClusterSettings cluster() {
		return this.cluster;
	}

	/** Return the frontend's workload settings. */
	public FrontendSettings frontend() {
		return this.frontend;
	}

	/** Return where the agent runs and its model provider. */
	public AgentSettings agent() {
		return this.agent;
	}

	/** Return the agent's service in {@code render.yaml}. */
	public RenderSettings render() {
		return this.render;
	}

	/** Return the CI workflow settings. */
	public WorkflowSettings workflow() {
		return this.workflow;
	}

	/** Return the settings of {@code deploy.sh}. */
	public DeployScriptSettings deployScript() {
		return this.deployScript;
	}

	/** Return the frontend image: {@code <imageRepository>/<appName>-frontend}. */
	public String frontendImage() {
		return this.images.imageRepository() + "/" + this.appName + "-frontend";
	}

	/** Return the backend image: {@code <imageRepository>/<appName>-backend}. */
	public String backendImage() {
		return this.images.imageRepository() + "/" + this.appName + "-backend";
	}

	/** Return {@link ClusterSettings#namespace()}, or else the app name. */
	public String namespace() {
		return (this.cluster.namespace() != null) ? this.cluster.namespace() : this.appName;
	}

	/** Return {@link ClusterSettings#clusterName()}, or else the app name. */
	public String clusterName() {
		return (this.cluster.clusterName() != null) ? this.cluster.clusterName() : this.appName;
	}

	/** Return the kubectl context deploy.sh uses: {@code kind-<clusterName>}. */
	public String kubeContext() {
		return "kind-" + clusterName();
	}

	/**
	 * Return the agent URL the frontend calls: the in-cluster Service with
	 * {@code agentInCluster}, else {@link AgentSettings#agentBaseUrl()}, else the Render
	 * service's URL.
	 * @return the agent base URL
	 */
	public String agentBaseUrl() {
		if (this.agent.agentInCluster()) {
			return "http://agent:" + this.agent.agentPort();
		}
		return (this.agent.agentBaseUrl() != null) ? this.agent.agentBaseUrl()
				: "https://" + renderServiceName() + ".onrender.com";
	}

	/**
	 * Return the provider variables the operator provides (keys and base URLs):
	 * {@code sync: false} on Render, copied into the {@code agent-provider-keys} Secret
	 * by deploy.sh when the agent runs in-cluster.
	 * @return the variable names, in the provider's order
	 */
	public List<String> providerKeys() {
		return this.agent.aiProvider()
			.variables()
			.stream()
			.filter(AgentProvider.AgentVariable::provided)
			.map(AgentProvider.AgentVariable::name)
			.toList();
	}

	/**
	 * Return the paths whose changes make Render rebuild the agent (its
	 * {@code buildFilter}): {@link RenderSettings#renderBuildFilterPaths()}, else the
	 * backend Dockerfile's folder and the root pom.xml.
	 * @return glob patterns relative to the repository root
	 */
	public List<String> renderBuildFilterPaths() {
		if (this.render.renderBuildFilterPaths() != null) {
			return this.render.renderBuildFilterPaths();
		}
		String backendDirectory = this.images.backendDockerfile().replaceFirst("^\\./", "");
		int slash = backendDirectory.lastIndexOf('/');
		return (slash < 0) ? List.of("**") : List.of(backendDirectory.substring(0, slash) + "/**", "pom.xml");
	}

	/**
	 * Return the name of the cluster-wide admission policy that refuses, in this
	 * namespace, a Deployment whose images are not tagged with a commit SHA (so that
	 * {@code kubectl apply -f k8s/} alone cannot deploy the placeholder tag).
	 * @return the policy name, also the name of its binding
	 */
	public String imagePolicyName() {
		return namespace() + "-commit-images";
	}

	/** Return the Render service name, by default {@code <appName>-backend}. */
	public String renderServiceName() {
		return (this.render.renderServiceName() != null) ? this.render.renderServiceName() : this.appName + "-backend";
	}

	/** Return the checkout on the host, by default {@code /opt/<appName>}. */
	public String installDir() {
		return (this.deployScript.installDir() != null) ? this.deployScript.installDir() : "/opt/" + this.appName;
	}

	/** Shortcut for {@link ImageSettings#imageRepository()}. */
	public String imageRepository() {
		return this.images.imageRepository();
	}

	/** Shortcut for {@link ImageSettings#imageTag()}. */
	public String imageTag() {
		return this.images.imageTag();
	}

	/** Shortcut for {@link ImageSettings#backendDockerfile()}. */
	public String backendDockerfile() {
		return this.images.backendDockerfile();
	}

	/** Shortcut for {@link ImageSettings#frontendDockerfile()}. */
	public String frontendDockerfile() {
		return this.images.frontendDockerfile();
	}

	/** Shortcut for {@link ImageSettings#dockerContext()}. */
	public String dockerContext() {
		return this.images.dockerContext();
	}

	/** Shortcut for {@link ClusterSettings#kindNodeImage()}. */
	public String kindNodeImage() {
		return this.cluster.kindNodeImage();
	}

	/** Shortcut for {@link ClusterSettings#nodePort()}. */
	public int nodePort() {
		return this.cluster.nodePort();
	}

	/** Shortcut for {@link ClusterSettings#hostPort()}. */
	public int hostPort() {
		return this.cluster.hostPort();
	}

	/** Shortcut for {@link ClusterSettings#listenAddress()}. */
	public String listenAddress() {
		return this.cluster.listenAddress();
	}

	/** Shortcut for {@link ClusterSettings#networkPolicies()}. */
	public boolean networkPolicies() {
		return this.cluster.networkPolicies();
	}

	/** Shortcut for {@link FrontendSettings#frontendReplicas()}. */
	public int frontendReplicas() {
		return this.frontend.frontendReplicas();
	}

	/** Shortcut for {@link FrontendSettings#allowSingleReplica()}. */
	public boolean allowSingleReplica() {
		return this.frontend.allowSingleReplica();
	}

	/** Shortcut for {@link FrontendSettings#frontendPort()}. */
	public int frontendPort() {
		return this.frontend.frontendPort();
	}

	/** Shortcut for {@link FrontendSettings#frontendResources()}. */
	public ResourceSettings frontendResources() {
		return this.frontend.frontendResources();
	}

	/** Shortcut for {@link FrontendSettings#frontendAutoscaling()}. */
	public AutoscalingSettings frontendAutoscaling() {
		return this.frontend.frontendAutoscaling();
	}

	/** Shortcut for {@link AgentSettings#agentTokenSecret()}. */
	public String agentTokenSecret() {
		return this.agent.agentTokenSecret();
	}

	/** Shortcut for {@link AgentSettings#agentInCluster()}. */
	public boolean agentInCluster() {
		return this.agent.agentInCluster();
	}

	/** Shortcut for {@link AgentSettings#agentPort()}. */
	public int agentPort() {
		return this.agent.agentPort();
	}

	/** Shortcut for {@link AgentSettings#agentResources()}. */
	public ResourceSettings agentResources() {
		return this.agent.agentResources();
	}

	/** Shortcut for {@link AgentSettings#aiProvider()}. */
	public AgentProvider aiProvider() {
		return this.agent.aiProvider();
	}

	/** Shortcut for {@link RenderSettings#renderRegion()}. */
	public String renderRegion() {
		return this.render.renderRegion();
	}

	/** Shortcut for {@link RenderSettings#renderPlan()}. */
	public String renderPlan() {
		return this.render.renderPlan();
	}

	/** Shortcut for {@link RenderSettings#renderHealthCheckPath()}. */
	public String renderHealthCheckPath() {
		return this.render.renderHealthCheckPath();
	}

	/** Shortcut for {@link RenderSettings#renderAutoDeployTrigger()}. */
	public String renderAutoDeployTrigger() {
		return this.render.renderAutoDeployTrigger();
	}

	/** Shortcut for {@link WorkflowSettings#branch()}. */
	public String branch() {
		return this.workflow.branch();
	}

	/** Shortcut for {@link WorkflowSettings#javaVersion()}. */
	public String javaVersion() {
		return this.workflow.javaVersion();
	}

	/** Shortcut for {@link WorkflowSettings#testCommand()}. */
	public String testCommand() {
		return this.workflow.testCommand();
	}

	/** Shortcut for {@link DeployScriptSettings#rolloutTimeout()}. */
	public String rolloutTimeout() {
		return this.deployScript.rolloutTimeout();
	}

	/** Shortcut for {@link DeployScriptSettings#smokePaths()}. */
	public List<String> smokePaths() {
		return this.deployScript.smokePaths();
	}

	@Override
	public String toString() {
		return "DeliverySettings[appName=" + appName() + ", imageRepository=" + imageRepository() + ", branch="
				+ branch() + ", namespace=" + namespace() + ", clusterName=" + clusterName() + "]";
	}

	/**
	 * Builder for {@link DeliverySettings}: a setter per setting and per group records
	 * values; {@link #build()} validates them.
	 */
	public static final class Builder extends DeliverySettingsSetters<Builder> {

		private Builder() {
		}

		private Builder(DeliverySettings settings) {
			super(settings);
		}

		@Override
		Builder self() {
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public DeliverySettings build() {
			DeliverySettings settings = new DeliverySettings(this);
			// Build the workloads once so that their own checks fail here, not at render
			// time.
			DeliveryFiles.workloads(settings);
			return settings;
		}

	}

}
