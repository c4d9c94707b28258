package dev.project51.k8s.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * The one settings model from which {@link DeliveryFiles} renders the whole delivery set:
 * {@code k8s/*.yaml}, {@code deploy.sh}, {@code render.yaml},
 * {@code .github/workflows/main.yml} and {@code kind-config.yaml}. Every setting has a
 * default; {@link Builder#build()} validates them with messages that name the setting.
 * Setting names are the command line flags of {@code dev.project51.k8s.cli.Main} in kebab
 * case ({@code imageRepository} is {@code --image-repository}).
 *
 * @since 0.1.0
 */
public final class DeliverySettings {

	/** Default application name. */
	public static final String DEFAULT_APP_NAME = "project51";

	/** Default image repository (registry and Docker Hub user). */
	public static final String DEFAULT_IMAGE_REPOSITORY = "docker.io/project51";

	/**
	 * Default kind node image: Kubernetes 1.35.0, pinned by digest, the image
	 * infra-cdktf's cluster stack creates the cluster with (kind v0.31.0), so a cluster
	 * made from {@code kind-config.yaml} and one made by Terraform run the same
	 * Kubernetes.
	 */
	public static final String DEFAULT_KIND_NODE_IMAGE = "kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f";

	/** Default model provider of the agent. */
	public static final AgentProvider DEFAULT_AI_PROVIDER = AgentProvider.OPENAI;

	/**
	 * Default time the applications' graceful shutdown may take: Spring Boot's
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} default.
	 */
	public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;

	private static final Pattern RENDER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern DURATION = Pattern.compile("[1-9][0-9]*(s|m)");

	private static final Pattern RELATIVE_PATH = Pattern.compile("(\\./)?[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

	private static final Set<String> RENDER_REGIONS = Set.of("oregon", "ohio", "virginia", "frankfurt", "singapore");

	private static final Set<String> RENDER_PLANS = Set.of("free", "starter", "standard", "pro", "pro plus", "pro max",
			"pro ultra");

	private static final Set<String> AUTO_DEPLOY_TRIGGERS = Set.of("commit", "checksPass", "off");

	private final Builder values;

	private DeliverySettings(Builder builder) {
		this.values = builder.copy();
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
		return this.values.copy();
	}

	/**
	 * Return the application name (namespace, kind cluster, image and Render names derive
	 * from it).
	 * @return the application name
	 */
	public String appName() {
		return this.values.appName;
	}

	/**
	 * Return the image repository prefix, e.g. {@code docker.io/acme}.
	 * @return the image repository
	 */
	public String imageRepository() {
		return this.values.imageRepository;
	}

	/**
	 * Return the frontend image without tag:
	 * {@code <imageRepository>/<appName>-frontend}.
	 * @return the frontend image
	 */
	public String frontendImage() {
		return this.values.imageRepository + "/" + this.values.appName + "-frontend";
	}

	/**
	 * Return the backend (agent) image without tag:
	 * {@code <imageRepository>/<appName>-backend}.
	 * @return the backend image
	 */
	public String backendImage() {
		return this.values.imageRepository + "/" + this.values.appName + "-backend";
	}

	/**
	 * Return the tag written into {@code k8s/*.yaml}; deploy.sh replaces it by the git
	 * SHA.
	 * @return the placeholder tag
	 */
	public String imageTag() {
		return this.values.imageTag;
	}

	/**
	 * Return the branch that is tested, published and deployed.
	 * @return the branch
	 */
	public String branch() {
		return this.values.branch;
	}

	/**
	 * Return the Kubernetes namespace (defaults to the application name).
	 * @return the namespace
	 */
	public String namespace() {
		return (this.values.namespace != null) ? this.values.namespace : this.values.appName;
	}

	/**
	 * Return the kind cluster name (defaults to the application name).
	 * @return the cluster name
	 */
	public String clusterName() {
		return (this.values.clusterName != null) ? this.values.clusterName : this.values.appName;
	}

	/**
	 * Return the kubectl context deploy.sh uses: {@code kind-<clusterName>}.
	 * @return the context
	 */
	public String kubeContext() {
		return "kind-" + clusterName();
	}

	/**
	 * Return the frontend replica count.
	 * @return the replicas
	 */
	public int frontendReplicas() {
		return this.values.frontendReplicas;
	}

	/**
	 * Return whether a single replica was explicitly allowed.
	 * @return whether one replica is allowed
	 */
	public boolean allowSingleReplica() {
		return this.values.allowSingleReplica;
	}

	/**
	 * Return the frontend's container port.
	 * @return the port
	 */
	public int frontendPort() {
		return this.values.frontendPort;
	}

	/**
	 * Return the NodePort of the frontend Service.
	 * @return the node port
	 */
	public int nodePort() {
		return this.values.nodePort;
	}

	/**
	 * Return the host port kind maps to the NodePort.
	 * @return the host port
	 */
	public int hostPort() {
		return this.values.hostPort;
	}

	/**
	 * Return the address kind binds the host port to.
	 * @return the listen address
	 */
	public String listenAddress() {
		return this.values.listenAddress;
	}

	/**
	 * Return the pinned kind node image.
	 * @return the node image
	 */
	public String kindNodeImage() {
		return this.values.kindNodeImage;
	}

	/**
	 * Return the frontend container resources.
	 * @return the resources
	 */
	public ResourceSettings frontendResources() {
		return this.values.frontendResources;
	}

	/**
	 * Return the frontend autoscaling settings, or {@code null} when disabled.
	 * @return the autoscaling settings
	 */
	public AutoscalingSettings frontendAutoscaling() {
		return this.values.frontendAutoscaling;
	}

	/**
	 * Return the agent URL the frontend calls.
	 * @return the agent base URL
	 */
	public String agentBaseUrl() {
		if (this.values.agentInCluster) {
			return "http://agent:" + this.values.agentPort;
		}
		return (this.values.agentBaseUrl != null) ? this.values.agentBaseUrl
				: "https://" + renderServiceName() + ".onrender.com";
	}

	/**
	 * Return the name of the Secret holding the agent token.
	 * @return the secret name
	 */
	public String agentTokenSecret() {
		return this.values.agentTokenSecret;
	}

	/**
	 * Return whether the agent also runs in the cluster (besides, or instead of, Render).
	 * @return whether the agent runs in-cluster
	 */
	public boolean agentInCluster() {
		return this.values.agentInCluster;
	}

	/**
	 * Return the agent's container port.
	 * @return the port
	 */
	public int agentPort() {
		return this.values.agentPort;
	}

	/**
	 * Return the in-cluster agent's container resources.
	 * @return the resources
	 */
	public ResourceSettings agentResources() {
		return this.values.agentResources;
	}

	/**
	 * Return the model provider the agent puts in front of its local model.
	 * @return the provider
	 */
	public AgentProvider aiProvider() {
		return this.values.aiProvider;
	}

	/**
	 * Return the provider variables the operator provides (keys and base URLs):
	 * {@code sync: false} on Render, copied into the {@code agent-provider-keys} Secret
	 * by deploy.sh when the agent runs in-cluster.
	 * @return the variable names, in the provider's order
	 */
	public List<String> providerKeys() {
		return this.values.aiProvider.variables()
			.stream()
			.filter(AgentProvider.AgentVariable::provided)
			.map(AgentProvider.AgentVariable::name)
			.toList();
	}

	/**
	 * Return how long the applications' graceful shutdown may take; the pods' grace
	 * period and Render's {@code maxShutdownDelaySeconds} leave it that long.
	 * @return seconds
	 */
	public int shutdownTimeoutSeconds() {
		return this.values.shutdownTimeoutSeconds;
	}

	/**
	 * Return whether {@code k8s/} holds NetworkPolicies: every pod of the namespace is
	 * denied all traffic except what the application needs.
	 * @return whether NetworkPolicies are rendered
	 */
	public boolean networkPolicies() {
		return this.values.networkPolicies;
	}

	/**
	 * Return the paths whose changes make Render rebuild the agent (its
	 * {@code buildFilter}).
	 * @return glob patterns relative to the repository root
	 */
	public List<String> renderBuildFilterPaths() {
		if (this.values.renderBuildFilterPaths != null) {
			return this.values.renderBuildFilterPaths;
		}
		String backendDirectory = this.values.backendDockerfile.replaceFirst("^\\./", "");
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

	/**
	 * Return the Render service name (defaults to {@code <appName>-backend}).
	 * @return the service name
	 */
	public String renderServiceName() {
		return (this.values.renderServiceName != null) ? this.values.renderServiceName
				: this.values.appName + "-backend";
	}

	/**
	 * Return the Render region.
	 * @return the region
	 */
	public String renderRegion() {
		return this.values.renderRegion;
	}

	/**
	 * Return the Render instance plan.
	 * @return the plan
	 */
	public String renderPlan() {
		return this.values.renderPlan;
	}

	/**
	 * Return the path Render probes before switching traffic to a new deploy.
	 * @return the health check path
	 */
	public String renderHealthCheckPath() {
		return this.values.renderHealthCheckPath;
	}

	/**
	 * Return when Render deploys a new commit ({@code checksPass}: after GitHub checks
	 * pass).
	 * @return the auto-deploy trigger
	 */
	public String renderAutoDeployTrigger() {
		return this.values.renderAutoDeployTrigger;
	}

	/**
	 * Return the backend Dockerfile path relative to the repository root.
	 * @return the Dockerfile path
	 */
	public String backendDockerfile() {
		return this.values.backendDockerfile;
	}

	/**
	 * Return the frontend Dockerfile path relative to the repository root.
	 * @return the Dockerfile path
	 */
	public String frontendDockerfile() {
		return this.values.frontendDockerfile;
	}

	/**
	 * Return the Docker build context relative to the repository root.
	 * @return the context
	 */
	public String dockerContext() {
		return this.values.dockerContext;
	}

	/**
	 * Return the Java version the workflow tests with.
	 * @return the Java version
	 */
	public String javaVersion() {
		return this.values.javaVersion;
	}

	/**
	 * Return the command the workflow runs to build and test.
	 * @return the test command
	 */
	public String testCommand() {
		return this.values.testCommand;
	}

	/**
	 * Return how long deploy.sh waits for a rollout, e.g. {@code 600s}.
	 * @return the rollout timeout
	 */
	public String rolloutTimeout() {
		return this.values.rolloutTimeout;
	}

	/**
	 * Return the paths deploy.sh smoke-checks through the NodePort.
	 * @return the smoke check paths
	 */
	public List<String> smokePaths() {
		return this.values.smokePaths;
	}

	/**
	 * Return where deploy.sh expects the checkout on the host (used in the cron and
	 * systemd examples).
	 * @return the install directory
	 */
	public String installDir() {
		return (this.values.installDir != null) ? this.values.installDir : "/opt/" + this.values.appName;
	}

	@Override
	public String toString() {
		return "DeliverySettings[appName=" + appName() + ", imageRepository=" + imageRepository() + ", branch="
				+ branch() + ", namespace=" + namespace() + ", clusterName=" + clusterName() + "]";
	}

	/**
	 * Builder for {@link DeliverySettings}. Setters record values; {@link #build()}
	 * validates them.
	 */
	public static final class Builder {

		private String appName = DEFAULT_APP_NAME;

		private String imageRepository = DEFAULT_IMAGE_REPOSITORY;

		private String imageTag = "set-by-deploy-sh";

		private String branch = "main";

		private String namespace;

		private String clusterName;

		private int frontendReplicas = 2;

		private boolean allowSingleReplica;

		private int frontendPort = 8080;

		private int nodePort = 30080;

		private int hostPort = 8080;

		private String listenAddress = "0.0.0.0";

		private String kindNodeImage = DEFAULT_KIND_NODE_IMAGE;

		private ResourceSettings frontendResources = ResourceSettings.defaults();

		private AutoscalingSettings frontendAutoscaling;

		private String agentBaseUrl;

		private String agentTokenSecret = "agent-api-token";

		private boolean agentInCluster;

		private int agentPort = 8081;

		private ResourceSettings agentResources = new ResourceSettings("500m", "1536Mi", "2", "1536Mi");

		private AgentProvider aiProvider = DEFAULT_AI_PROVIDER;

		private int shutdownTimeoutSeconds = DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;

		private boolean networkPolicies = true;

		private List<String> renderBuildFilterPaths;

		private String renderServiceName;

		private String renderRegion = "oregon";

		private String renderPlan = "starter";

		private String renderHealthCheckPath = "/actuator/health/readiness";

		private String renderAutoDeployTrigger = "checksPass";

		private String backendDockerfile = "backend/Dockerfile";

		private String frontendDockerfile = "frontend/Dockerfile";

		private String dockerContext = ".";

		private String javaVersion = "17";

		private String testCommand = "mvn -B -ntp verify";

		private String rolloutTimeout = "600s";

		private List<String> smokePaths = List.of("/actuator/health/readiness", "/");

		private String installDir;

		private Builder() {
		}

		/**
		 * Set the application name, a DNS label of at most 40 characters (default
		 * {@code project51}).
		 * @param appName the application name
		 * @return this builder
		 */
		public Builder appName(String appName) {
			this.appName = appName;
			return this;
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
		 * Set the deployed branch (default {@code main}).
		 * @param branch the branch
		 * @return this builder
		 */
		public Builder branch(String branch) {
			this.branch = branch;
			return this;
		}

		/**
		 * Set the namespace (default: the application name).
		 * @param namespace the namespace
		 * @return this builder
		 */
		public Builder namespace(String namespace) {
			this.namespace = namespace;
			return this;
		}

		/**
		 * Set the kind cluster name (default: the application name).
		 * @param clusterName the cluster name
		 * @return this builder
		 */
		public Builder clusterName(String clusterName) {
			this.clusterName = clusterName;
			return this;
		}

		/**
		 * Set the frontend replicas (default 2).
		 * @param replicas the replicas
		 * @return this builder
		 */
		public Builder frontendReplicas(int replicas) {
			this.frontendReplicas = replicas;
			return this;
		}

		/**
		 * Set whether a single replica is acceptable (default false).
		 * @param allowSingleReplica whether one replica is allowed
		 * @return this builder
		 */
		public Builder allowSingleReplica(boolean allowSingleReplica) {
			this.allowSingleReplica = allowSingleReplica;
			return this;
		}

		/**
		 * Set the frontend container port (default 8080).
		 * @param port the port
		 * @return this builder
		 */
		public Builder frontendPort(int port) {
			this.frontendPort = port;
			return this;
		}

		/**
		 * Set the frontend NodePort (default 30080).
		 * @param nodePort the node port
		 * @return this builder
		 */
		public Builder nodePort(int nodePort) {
			this.nodePort = nodePort;
			return this;
		}

		/**
		 * Set the host port kind forwards to the NodePort (default 8080).
		 * @param hostPort the host port
		 * @return this builder
		 */
		public Builder hostPort(int hostPort) {
			this.hostPort = hostPort;
			return this;
		}

		/**
		 * Set the address kind binds the host port to (default {@code 0.0.0.0}, so the
		 * EC2 host serves it; use {@code 127.0.0.1} on a laptop).
		 * @param listenAddress an IPv4 address
		 * @return this builder
		 */
		public Builder listenAddress(String listenAddress) {
			this.listenAddress = listenAddress;
			return this;
		}

		/**
		 * Set the kind node image, pinned by digest.
		 * @param kindNodeImage the image
		 * @return this builder
		 */
		public Builder kindNodeImage(String kindNodeImage) {
			this.kindNodeImage = kindNodeImage;
			return this;
		}

		/**
		 * Set the frontend resources.
		 * @param resources the resources
		 * @return this builder
		 */
		public Builder frontendResources(ResourceSettings resources) {
			this.frontendResources = resources;
			return this;
		}

		/**
		 * Enable a HorizontalPodAutoscaler for the frontend ({@code null} disables it,
		 * the default; it needs metrics-server, which kind lacks).
		 * @param autoscaling the autoscaling settings
		 * @return this builder
		 */
		public Builder frontendAutoscaling(AutoscalingSettings autoscaling) {
			this.frontendAutoscaling = autoscaling;
			return this;
		}

		/**
		 * Set the agent URL the frontend calls (default
		 * {@code https://<renderServiceName>.onrender.com}).
		 * @param agentBaseUrl an http(s) URL
		 * @return this builder
		 */
		public Builder agentBaseUrl(String agentBaseUrl) {
			this.agentBaseUrl = agentBaseUrl;
			return this;
		}

		/**
		 * Set the name of the Secret with the agent token (default
		 * {@code agent-api-token}).
		 * @param agentTokenSecret the secret name
		 * @return this builder
		 */
		public Builder agentTokenSecret(String agentTokenSecret) {
			this.agentTokenSecret = agentTokenSecret;
			return this;
		}

		/**
		 * Set whether the agent also runs in the cluster (default false: it runs on
		 * Render).
		 * @param agentInCluster whether to render the in-cluster agent
		 * @return this builder
		 */
		public Builder agentInCluster(boolean agentInCluster) {
			this.agentInCluster = agentInCluster;
			return this;
		}

		/**
		 * Set the agent's container port (default 8081).
		 * @param port the port
		 * @return this builder
		 */
		public Builder agentPort(int port) {
			this.agentPort = port;
			return this;
		}

		/**
		 * Set the in-cluster agent's resources (default 500m/2 CPU, 1536Mi memory: the
		 * embedding model runs in-process).
		 * @param resources the resources
		 * @return this builder
		 */
		public Builder agentResources(ResourceSettings resources) {
			this.agentResources = resources;
			return this;
		}

		/**
		 * Set the model provider of the agent (default {@code openai}): render.yaml and
		 * an in-cluster agent get exactly its variables.
		 * @param aiProvider the provider
		 * @return this builder
		 */
		public Builder aiProvider(AgentProvider aiProvider) {
			this.aiProvider = aiProvider;
			return this;
		}

		/**
		 * Set the model provider of the agent by name: {@code openai}, {@code anthropic},
		 * {@code gemini}, {@code openai-compatible} or {@code local}.
		 * @param aiProvider the provider's name
		 * @return this builder
		 * @throws InvalidSettingException if no provider has that name
		 */
		public Builder aiProvider(String aiProvider) {
			try {
				this.aiProvider = AgentProvider.of(aiProvider);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException("aiProvider", aiProvider,
						"aiProvider must be one of " + AgentProvider.ids() + ", but was '" + aiProvider + "'");
			}
			return this;
		}

		/**
		 * Set how long the applications' graceful shutdown may take (default 30 s, Spring
		 * Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}).
		 * @param seconds the seconds
		 * @return this builder
		 */
		public Builder shutdownTimeoutSeconds(int seconds) {
			this.shutdownTimeoutSeconds = seconds;
			return this;
		}

		/**
		 * Set whether {@code k8s/} holds NetworkPolicies (default true): deny all, then
		 * allow what the application needs.
		 * @param networkPolicies whether to render them
		 * @return this builder
		 */
		public Builder networkPolicies(boolean networkPolicies) {
			this.networkPolicies = networkPolicies;
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
		 * Set the Java version of the workflow (default 17).
		 * @param javaVersion the version
		 * @return this builder
		 */
		public Builder javaVersion(String javaVersion) {
			this.javaVersion = javaVersion;
			return this;
		}

		/**
		 * Set the workflow's build and test command (default {@code mvn -B -ntp verify}).
		 * @param testCommand the command
		 * @return this builder
		 */
		public Builder testCommand(String testCommand) {
			this.testCommand = testCommand;
			return this;
		}

		/**
		 * Set deploy.sh's rollout timeout (default {@code 600s}).
		 * @param rolloutTimeout seconds or minutes, e.g. {@code 600s} or {@code 10m}
		 * @return this builder
		 */
		public Builder rolloutTimeout(String rolloutTimeout) {
			this.rolloutTimeout = rolloutTimeout;
			return this;
		}

		/**
		 * Set the paths deploy.sh smoke-checks (default readiness and {@code /}).
		 * @param smokePaths absolute paths
		 * @return this builder
		 */
		public Builder smokePaths(List<String> smokePaths) {
			this.smokePaths = smokePaths;
			return this;
		}

		/**
		 * Set where the checkout lives on the host, for the cron and systemd examples
		 * (default {@code /opt/<appName>}).
		 * @param installDir an absolute path
		 * @return this builder
		 */
		public Builder installDir(String installDir) {
			this.installDir = installDir;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public DeliverySettings build() {
			validate();
			DeliverySettings settings = new DeliverySettings(this);
			// Build the workloads once so that their own checks fail here, not at render
			// time.
			DeliveryFiles.workloads(settings);
			return settings;
		}

		private void validate() {
			SettingChecks.dnsLabel("appName", this.appName);
			if (this.appName.length() > 40) {
				throw new InvalidSettingException("appName", this.appName,
						"appName must be at most 40 characters (the "
								+ "image and Render names append '-frontend' and '-backend'), but was '" + this.appName
								+ "' (" + this.appName.length() + ")");
			}
			SettingChecks.imageRepository("imageRepository", this.imageRepository);
			SettingChecks.imageTag("imageTag", this.imageTag);
			if (this.imageTag.matches("[0-9a-f]{40}")) {
				throw new InvalidSettingException("imageTag", this.imageTag,
						"imageTag must be a placeholder that does not look like a commit SHA, such as set-by-deploy-sh, but was '"
								+ this.imageTag
								+ "'; the admission policy lets only commit SHA tags in, and deploy.sh sets them");
			}
			if (!this.branch.matches("[A-Za-z0-9._/-]+") || this.branch.startsWith("-") || this.branch.contains("..")) {
				throw new InvalidSettingException("branch", this.branch,
						"branch must be a git branch name (letters, digits, '.', '_', '/', '-'), but was '"
								+ this.branch + "'");
			}
			if (this.namespace != null) {
				SettingChecks.dnsLabel("namespace", this.namespace);
			}
			if (this.clusterName != null) {
				SettingChecks.dnsLabel("clusterName", this.clusterName);
			}
			int minimumReplicas = this.allowSingleReplica ? 1 : 2;
			if (this.frontendReplicas < minimumReplicas) {
				throw new InvalidSettingException("frontendReplicas", this.frontendReplicas,
						"frontendReplicas must be >= " + minimumReplicas + ", but was " + this.frontendReplicas
								+ (this.allowSingleReplica ? ""
										: "; one replica cannot survive a crash or a rollout without downtime (set allowSingleReplica to accept that)"));
			}
			SettingChecks.port("frontendPort", this.frontendPort);
			SettingChecks.range("nodePort", this.nodePort, 30000, 32767);
			SettingChecks.port("hostPort", this.hostPort);
			SettingChecks.port("agentPort", this.agentPort);
			if (!this.listenAddress
				.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")) {
				throw new InvalidSettingException("listenAddress", this.listenAddress,
						"listenAddress must be an IPv4 address such as 0.0.0.0 (all interfaces) or 127.0.0.1 (this host only), but was '"
								+ this.listenAddress + "'");
			}
			if (!this.kindNodeImage.matches("kindest/node:v[0-9]+\\.[0-9]+\\.[0-9]+@sha256:[0-9a-f]{64}")) {
				throw new InvalidSettingException("kindNodeImage", this.kindNodeImage,
						"kindNodeImage must be a kindest/node image pinned by digest, e.g. kindest/node:v1.35.0@sha256:<64 hex> from the kind release notes, but was '"
								+ this.kindNodeImage + "'");
			}
			SettingChecks.notNull("frontendResources", this.frontendResources);
			SettingChecks.notNull("agentResources", this.agentResources);
			if (this.agentBaseUrl != null) {
				requireHttpUrl("agentBaseUrl", this.agentBaseUrl);
			}
			SettingChecks.dnsLabel("agentTokenSecret", this.agentTokenSecret);
			SettingChecks.notNull("aiProvider", this.aiProvider);
			SettingChecks.range("shutdownTimeoutSeconds", this.shutdownTimeoutSeconds, 1, 290);
			if (this.renderBuildFilterPaths != null) {
				if (this.renderBuildFilterPaths.isEmpty()) {
					throw new InvalidSettingException("renderBuildFilterPaths", this.renderBuildFilterPaths,
							"renderBuildFilterPaths must name at least one path, e.g. backend/**");
				}
				this.renderBuildFilterPaths.forEach((path) -> {
					if (path == null || !path.matches("[A-Za-z0-9._*/-]+") || path.startsWith("/")
							|| path.contains("..")) {
						throw new InvalidSettingException("renderBuildFilterPaths", path,
								"renderBuildFilterPaths must be glob patterns relative to the repository root, e.g. backend/**, but was '"
										+ path + "'");
					}
				});
				this.renderBuildFilterPaths = List.copyOf(this.renderBuildFilterPaths);
			}
			if (this.renderServiceName != null && (!RENDER_NAME.matcher(this.renderServiceName).matches()
					|| this.renderServiceName.length() > 63)) {
				throw new InvalidSettingException("renderServiceName", this.renderServiceName,
						"renderServiceName must be lower-case letters, digits and '-', at most 63 characters, but was '"
								+ this.renderServiceName + "'");
			}
			oneOf("renderRegion", this.renderRegion, RENDER_REGIONS);
			oneOf("renderPlan", this.renderPlan, RENDER_PLANS);
			oneOf("renderAutoDeployTrigger", this.renderAutoDeployTrigger, AUTO_DEPLOY_TRIGGERS);
			SettingChecks.httpPath("renderHealthCheckPath", this.renderHealthCheckPath);
			relativePath("backendDockerfile", this.backendDockerfile);
			relativePath("frontendDockerfile", this.frontendDockerfile);
			if (!this.dockerContext.equals(".")) {
				relativePath("dockerContext", this.dockerContext);
			}
			if (!this.javaVersion.matches("[1-9][0-9]*")) {
				throw new InvalidSettingException("javaVersion", this.javaVersion,
						"javaVersion must be a Java feature release such as 17 or 21, but was '" + this.javaVersion
								+ "'");
			}
			SettingChecks.singleLine("testCommand", this.testCommand);
			if (!DURATION.matcher(this.rolloutTimeout).matches()) {
				throw new InvalidSettingException("rolloutTimeout", this.rolloutTimeout,
						"rolloutTimeout must be a kubectl duration in seconds or minutes such as 600s or 10m, but was '"
								+ this.rolloutTimeout + "'");
			}
			SettingChecks.notNull("smokePaths", this.smokePaths);
			if (this.smokePaths.isEmpty()) {
				throw new InvalidSettingException("smokePaths", this.smokePaths,
						"smokePaths must name at least one path, e.g. /actuator/health/readiness");
			}
			this.smokePaths.forEach((path) -> SettingChecks.httpPath("smokePaths", path));
			if (this.installDir != null && !this.installDir.matches("/[A-Za-z0-9._/-]*")) {
				throw new InvalidSettingException("installDir", this.installDir,
						"installDir must be an absolute path without spaces, e.g. /opt/project51, but was '"
								+ this.installDir + "'");
			}
		}

		private static void oneOf(String setting, String value, Set<String> allowed) {
			if (value == null || !allowed.contains(value)) {
				throw new InvalidSettingException(setting, value, setting + " must be one of "
						+ allowed.stream().sorted().toList() + ", but was '" + value + "'");
			}
		}

		private static void relativePath(String setting, String value) {
			SettingChecks.notNull(setting, value);
			if (!RELATIVE_PATH.matcher(value).matches() || value.contains("..")) {
				throw new InvalidSettingException(setting, value, setting
						+ " must be a path relative to the repository root without '..', e.g. backend/Dockerfile, but was '"
						+ value + "'");
			}
		}

		private static void requireHttpUrl(String setting, String value) {
			try {
				URI uri = new URI(value);
				if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
						|| value.endsWith("/")) {
					throw new URISyntaxException(value, "not an http(s) URL");
				}
			}
			catch (URISyntaxException ex) {
				throw new InvalidSettingException(setting, value, setting
						+ " must be an http(s) URL without trailing slash, e.g. https://project51-backend.onrender.com, but was '"
						+ value + "'");
			}
		}

		private Builder copy() {
			Builder copy = new Builder();
			copy.appName = this.appName;
			copy.imageRepository = this.imageRepository;
			copy.imageTag = this.imageTag;
			copy.branch = this.branch;
			copy.namespace = this.namespace;
			copy.clusterName = this.clusterName;
			copy.frontendReplicas = this.frontendReplicas;
			copy.allowSingleReplica = this.allowSingleReplica;
			copy.frontendPort = this.frontendPort;
			copy.nodePort = this.nodePort;
			copy.hostPort = this.hostPort;
			copy.listenAddress = this.listenAddress;
			copy.kindNodeImage = this.kindNodeImage;
			copy.frontendResources = this.frontendResources;
			copy.frontendAutoscaling = this.frontendAutoscaling;
			copy.agentBaseUrl = this.agentBaseUrl;
			copy.agentTokenSecret = this.agentTokenSecret;
			copy.agentInCluster = this.agentInCluster;
			copy.agentPort = this.agentPort;
			copy.agentResources = this.agentResources;
			copy.aiProvider = this.aiProvider;
			copy.shutdownTimeoutSeconds = this.shutdownTimeoutSeconds;
			copy.networkPolicies = this.networkPolicies;
			copy.renderBuildFilterPaths = this.renderBuildFilterPaths;
			copy.renderServiceName = this.renderServiceName;
			copy.renderRegion = this.renderRegion;
			copy.renderPlan = this.renderPlan;
			copy.renderHealthCheckPath = this.renderHealthCheckPath;
			copy.renderAutoDeployTrigger = this.renderAutoDeployTrigger;
			copy.backendDockerfile = this.backendDockerfile;
			copy.frontendDockerfile = this.frontendDockerfile;
			copy.dockerContext = this.dockerContext;
			copy.javaVersion = this.javaVersion;
			copy.testCommand = this.testCommand;
			copy.rolloutTimeout = this.rolloutTimeout;
			copy.smokePaths = List.copyOf(this.smokePaths);
			copy.installDir = this.installDir;
			return copy;
		}

	}

}
