package dev.project51.k8s.delivery;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.k8s.manifest.ManifestYaml;
import dev.project51.k8s.manifest.SecretKeyRef;
import dev.project51.k8s.manifest.WorkloadManifests;
import dev.project51.k8s.manifest.WorkloadSettings;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Renders the complete delivery set from one {@link DeliverySettings}: the Kubernetes
 * manifests ({@code k8s/*.yaml}, one object per file, applied in file-name order),
 * {@code deploy.sh}, {@code render.yaml}, {@code .github/workflows/main.yml},
 * {@code kind-config.yaml} and the observability files ({@code observability/}:
 * Prometheus scrape jobs, alert rules with their promtool unit tests, a Grafana
 * dashboard). The output is deterministic byte for byte: stable ordering, LF line endings
 * and a generated-by header without timestamps.
 *
 * <pre class="code">
 * DeliveryFiles.render(DeliverySettings.builder().appName("shop").imageRepository("docker.io/acme").build(),
 * 		Path.of("."));
 * </pre>
 *
 * @since 0.1.0
 */
public final class DeliveryFiles {

	/** Path of the deploy script in the generated project. */
	public static final String DEPLOY_SCRIPT = "deploy.sh";

	/** Path of the Render Blueprint. */
	public static final String RENDER_BLUEPRINT = "render.yaml";

	/** Path of the GitHub Actions workflow. */
	public static final String WORKFLOW = ".github/workflows/main.yml";

	/** Path of the kind cluster configuration. */
	public static final String KIND_CONFIG = "kind-config.yaml";

	/**
	 * Folder of the observability files: Prometheus scrape jobs and alert rules, a
	 * Grafana dashboard.
	 */
	public static final String OBSERVABILITY_DIR = "observability";

	/** Folder of the Kubernetes manifests. */
	public static final String MANIFEST_DIR = "k8s";

	/**
	 * File of the admission policy that refuses Deployments whose images are not tagged
	 * with a commit SHA, inside {@link #MANIFEST_DIR}; deploy.sh applies it first.
	 */
	public static final String IMAGE_POLICY = "00-image-policy.yaml";

	/** File of that policy's binding to the namespace, inside {@link #MANIFEST_DIR}. */
	public static final String IMAGE_POLICY_BINDING = "00-image-policy-binding.yaml";

	private static final String TEMPLATES = "/dev/project51/k8s/delivery/";

	private static final String PROVIDER_SECRET = "agent-provider-keys";

	/** {@code uses: owner/action@<40 hex> # <tag>}: prefix, action, pin with its tag. */
	private static final Pattern PINNED_ACTION = Pattern
		.compile("(uses: )([A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@([0-9a-f]{40} # [^\\s]+)");

	private DeliveryFiles() {
	}

	/**
	 * Render the delivery set into a folder, creating folders as needed and overwriting
	 * existing files. {@code deploy.sh} is made executable where the file system supports
	 * POSIX permissions.
	 * @param settings the settings
	 * @param outDir the project root to write into
	 * @return the written files, relative to {@code outDir}, in sorted order
	 * @throws UncheckedIOException if a file cannot be written
	 */
	public static List<Path> render(DeliverySettings settings, Path outDir) {
		List<Path> written = new ArrayList<>();
		contents(settings).forEach((relative, rendered) -> {
			Path file = outDir.resolve(relative);
			try {
				String content = rendered;
				if (relative.equals(WORKFLOW) && Files.isRegularFile(file)) {
					// Keep the action pins Dependabot (or a person) moved forward.
					content = keepActionPins(rendered, Files.readString(file, StandardCharsets.UTF_8));
				}
				Files.createDirectories(file.toAbsolutePath().getParent());
				Files.writeString(file, content, StandardCharsets.UTF_8);
				if (relative.equals(DEPLOY_SCRIPT)
						&& file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not write " + file, ex);
			}
			written.add(Path.of(relative));
		});
		return written;
	}

	/**
	 * Compare a project's delivery files with what the settings render. The workflow's
	 * action pins ({@code uses: owner/action@<commit SHA> # <tag>}) may differ:
	 * Dependabot moves them forward in the committed file, and
	 * {@link #render(DeliverySettings, Path)} keeps them.
	 * @param settings the settings
	 * @param projectDir the project root
	 * @return the files (relative paths) that are missing or differ, sorted
	 * @throws UncheckedIOException if a file cannot be read
	 */
	public static List<String> stale(DeliverySettings settings, Path projectDir) {
		List<String> stale = new ArrayList<>();
		contents(settings).forEach((relative, rendered) -> {
			Path file = projectDir.resolve(relative);
			try {
				if (!Files.isRegularFile(file)) {
					stale.add(relative);
					return;
				}
				String committed = Files.readString(file, StandardCharsets.UTF_8);
				boolean same = relative.equals(WORKFLOW)
						? withoutActionPins(committed).equals(withoutActionPins(rendered)) : committed.equals(rendered);
				if (!same) {
					stale.add(relative);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + file, ex);
			}
		});
		return stale;
	}

	static String keepActionPins(String rendered, String existing) {
		Map<String, String> pins = new LinkedHashMap<>();
		Matcher existingPins = PINNED_ACTION.matcher(existing);
		while (existingPins.find()) {
			pins.putIfAbsent(existingPins.group(2), existingPins.group(3));
		}
		Matcher renderedPins = PINNED_ACTION.matcher(rendered);
		StringBuilder out = new StringBuilder();
		while (renderedPins.find()) {
			String pin = pins.getOrDefault(renderedPins.group(2), renderedPins.group(3));
			renderedPins.appendReplacement(out,
					Matcher.quoteReplacement(renderedPins.group(1) + renderedPins.group(2) + "@" + pin));
		}
		renderedPins.appendTail(out);
		return out.toString();
	}

	static String withoutActionPins(String workflow) {
		return PINNED_ACTION.matcher(workflow).replaceAll("$1$2@<pinned>");
	}

	/**
	 * Render the delivery set in memory.
	 * @param settings the settings
	 * @return file contents by path relative to the project root, sorted by path
	 */
	public static SortedMap<String, String> contents(DeliverySettings settings) {
		SortedMap<String, String> files = new TreeMap<>();
		manifests(settings).forEach((name, object) -> files.put(MANIFEST_DIR + "/" + name, ManifestYaml.write(object)));
		Map<String, Object> model = model(settings);
		files.put(DEPLOY_SCRIPT, template("deploy.sh.ftl", model));
		files.put(RENDER_BLUEPRINT, template("render.yaml.ftl", model));
		files.put(WORKFLOW, template("main.yml.ftl", model));
		files.put(KIND_CONFIG, template("kind-config.yaml.ftl", model));
		files.put(OBSERVABILITY_DIR + "/prometheus-scrape.yml", template("prometheus-scrape.yml.ftl", model));
		files.put(OBSERVABILITY_DIR + "/alerts.yml", template("alerts.yml.ftl", model));
		files.put(OBSERVABILITY_DIR + "/alerts-test.yml", template("alerts-test.yml.ftl", model));
		files.put(OBSERVABILITY_DIR + "/grafana-dashboard.json", template("grafana-dashboard.json.ftl", model));
		return files;
	}

	/**
	 * Build the Kubernetes objects of the delivery set, keyed by their file name inside
	 * {@code k8s/}. File names sort in apply order ({@code 00-namespace.yaml} first).
	 * @param settings the settings
	 * @return the objects by file name
	 */
	public static SortedMap<String, HasMetadata> manifests(DeliverySettings settings) {
		SortedMap<String, HasMetadata> manifests = new TreeMap<>();
		manifests.put("00-namespace.yaml", WorkloadManifests.namespace(settings.namespace(), settings.appName()));
		manifests.put(IMAGE_POLICY, GuardManifests.imagePolicy(settings));
		manifests.put(IMAGE_POLICY_BINDING, GuardManifests.imagePolicyBinding(settings));
		List<WorkloadSettings> workloads = workloads(settings);
		if (settings.networkPolicies()) {
			WorkloadSettings frontend = workloads.get(0);
			WorkloadSettings agent = (workloads.size() > 1) ? workloads.get(1) : null;
			manifests.put("default-deny-networkpolicy.yaml", GuardManifests.defaultDeny(settings));
			manifests.put(frontend.name() + "-networkpolicy.yaml", GuardManifests.frontend(settings, frontend, agent));
			if (agent != null) {
				manifests.put(agent.name() + "-networkpolicy.yaml", GuardManifests.agent(settings, frontend, agent));
			}
		}
		for (WorkloadSettings workload : workloads) {
			String name = workload.name();
			manifests.put(name + "-deployment.yaml", WorkloadManifests.deployment(workload));
			manifests.put(name + "-service.yaml", WorkloadManifests.service(workload));
			manifests.put(name + "-pdb.yaml", WorkloadManifests.podDisruptionBudget(workload));
			if (workload.autoscaling() != null) {
				manifests.put(name + "-hpa.yaml", WorkloadManifests.horizontalPodAutoscaler(workload));
			}
		}
		return manifests;
	}

	/**
	 * Derive the workloads: the frontend and, when {@code agentInCluster}, the agent.
	 * @param settings the settings
	 * @return the workload settings
	 */
	public static List<WorkloadSettings> workloads(DeliverySettings settings) {
		List<WorkloadSettings> workloads = new ArrayList<>();
		SecretKeyRef token = new SecretKeyRef(settings.agentTokenSecret(), "AGENT_API_TOKEN");
		workloads.add(WorkloadSettings.builder("frontend")
			.namespace(settings.namespace())
			.partOf(settings.appName())
			.component("web")
			.imageRepository(settings.frontendImage())
			.imageTag(settings.imageTag())
			.containerPort(settings.frontendPort())
			.nodePort(settings.nodePort())
			.replicas(settings.frontendReplicas())
			.allowSingleReplica(settings.allowSingleReplica())
			.resources(settings.frontendResources())
			.shutdownTimeoutSeconds(settings.shutdownTimeoutSeconds())
			.autoscaling(settings.frontendAutoscaling())
			.env("PROJECT51_FRONTEND_AGENT_BASE_URL", settings.agentBaseUrl())
			.secretEnv("AGENT_API_TOKEN", token)
			.build());
		if (settings.agentInCluster()) {
			WorkloadSettings.Builder agent = WorkloadSettings.builder("agent")
				.namespace(settings.namespace())
				.partOf(settings.appName())
				.component("agent")
				.imageRepository(settings.backendImage())
				.imageTag(settings.imageTag())
				.containerPort(settings.agentPort())
				.clusterIp()
				.replicas(2)
				.resources(settings.agentResources())
				.shutdownTimeoutSeconds(settings.shutdownTimeoutSeconds())
				.env("PORT", String.valueOf(settings.agentPort()))
				// The agent answers only to the hosts it knows (against DNS rebinding):
				// the
				// Service name the frontend calls it by.
				.env("PROJECT51_AGENT_ALLOWED_HOSTS", URI.create(settings.agentBaseUrl()).getHost())
				.env("AI_PROVIDER", settings.aiProvider().id())
				.secretEnv("AGENT_API_TOKEN", token);
			for (AgentProvider.AgentVariable variable : settings.aiProvider().variables()) {
				if (variable.provided()) {
					agent.secretEnv(variable.name(),
							new SecretKeyRef(PROVIDER_SECRET, variable.name(), !variable.required()));
				}
				else {
					agent.env(variable.name(), variable.value());
				}
			}
			workloads.add(agent.build());
		}
		return workloads;
	}

	private static Map<String, Object> model(DeliverySettings settings) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("generatedBy", ManifestYaml.GENERATED_BY);
		model.put("appName", settings.appName());
		model.put("branch", settings.branch());
		model.put("namespace", settings.namespace());
		model.put("clusterName", settings.clusterName());
		model.put("kubeContext", settings.kubeContext());
		model.put("imageRepository", settings.imageRepository());
		model.put("frontendImage", settings.frontendImage());
		model.put("backendImage", settings.backendImage());
		model.put("tokenSecret", settings.agentTokenSecret());
		model.put("agentInCluster", settings.agentInCluster());
		model.put("providerKeys", settings.providerKeys());
		model.put("providerSecret", PROVIDER_SECRET);
		model.put("aiProvider", settings.aiProvider().id());
		List<Map<String, Object>> providerVariables = new ArrayList<>();
		for (AgentProvider.AgentVariable variable : settings.aiProvider().variables()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", variable.name());
			entry.put("value", (variable.value() != null) ? variable.value() : "");
			entry.put("provided", variable.provided());
			entry.put("secret", variable.secret());
			entry.put("required", variable.required());
			entry.put("description", variable.description());
			providerVariables.add(entry);
		}
		model.put("providerVariables", providerVariables);
		model.put("shutdownDelaySeconds", settings.shutdownTimeoutSeconds() + 5);
		model.put("renderBuildFilterPaths", settings.renderBuildFilterPaths());
		model.put("imagePolicy", IMAGE_POLICY);
		model.put("imagePolicyBinding", IMAGE_POLICY_BINDING);
		model.put("imagePolicyName", settings.imagePolicyName());
		model.put("hostPort", settings.hostPort());
		model.put("nodePort", settings.nodePort());
		model.put("listenAddress", settings.listenAddress());
		model.put("kindNodeImage", settings.kindNodeImage());
		model.put("rolloutTimeout", settings.rolloutTimeout());
		model.put("smokePaths", settings.smokePaths());
		model.put("installDir", settings.installDir());
		model.put("renderServiceName", settings.renderServiceName());
		model.put("renderRegion", settings.renderRegion());
		model.put("renderPlan", settings.renderPlan());
		model.put("renderHealthCheckPath", settings.renderHealthCheckPath());
		model.put("renderAutoDeployTrigger", settings.renderAutoDeployTrigger());
		model.put("backendDockerfile", settings.backendDockerfile());
		model.put("frontendPort", settings.frontendPort());
		model.put("agentPort", settings.agentPort());
		URI agentUri = URI.create(settings.agentBaseUrl());
		model.put("agentScheme", agentUri.getScheme());
		model.put("agentHost", agentUri.getHost() + ((agentUri.getPort() >= 0) ? ":" + agentUri.getPort() : ""));
		// The name the frontend calls the agent by, which the agent answers besides
		// Render's own name for it (a custom domain, for one).
		model.put("agentHostName", agentUri.getHost());
		model.put("frontendDockerfile", settings.frontendDockerfile());
		model.put("dockerContext", settings.dockerContext());
		model.put("javaVersion", settings.javaVersion());
		model.put("testCommand", settings.testCommand());
		// 60 %, not the frontend's 75 %: the agent keeps ~155 MiB outside the heap
		// (ONNX Runtime with the embedding model); see docs/benchmark-history.md.
		model.put("backendJavaToolOptions",
				"-XX:MaxRAMPercentage=60.0 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=2000");
		List<Map<String, String>> deployments = new ArrayList<>();
		for (WorkloadSettings workload : workloads(settings)) {
			Map<String, String> deployment = new LinkedHashMap<>();
			deployment.put("name", workload.name());
			deployment.put("image", workload.imageRepository());
			boolean frontend = workload.imageRepository().equals(settings.frontendImage());
			deployment.put("dockerfile", frontend ? settings.frontendDockerfile() : settings.backendDockerfile());
			// The image's suffix: <imageRepository>/<appName>-<component>.
			deployment.put("component", frontend ? "frontend" : "backend");
			deployments.add(deployment);
		}
		model.put("deployments", deployments);
		model.put("actions", PinnedActions.ALL);
		model.put("nodeVersion", PinnedActions.NODE_VERSION);
		model.put("kindVersion", PinnedActions.KIND_VERSION);
		// kubectl of the same release as the kind node image: no version skew between
		// them.
		model.put("kubectlVersion", settings.kindNodeImage().replaceAll("^kindest/node:(v[0-9.]+)@.*$", "$1"));
		return model;
	}

	private static String template(String name, Map<String, Object> model) {
		try {
			Template template = Templates.CONFIGURATION.getTemplate(name);
			StringWriter out = new StringWriter();
			template.process(model, out);
			return out.toString().replace("\r\n", "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not load template " + name, ex);
		}
		catch (TemplateException ex) {
			throw new IllegalStateException("Could not render template " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * FreeMarker with square-bracket tags and interpolations, so shell and Actions ${…}
	 * pass through.
	 */
	private static final class Templates {

		static final Configuration CONFIGURATION = create();

		private static Configuration create() {
			Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
			configuration.setClassForTemplateLoading(DeliveryFiles.class, TEMPLATES);
			configuration.setDefaultEncoding("UTF-8");
			configuration.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
			configuration.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
			configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
			configuration.setLogTemplateExceptions(false);
			configuration.setWrapUncheckedExceptions(true);
			configuration.setFallbackOnNullLoopVariable(false);
			configuration.setLocalizedLookup(false);
			configuration.setNumberFormat("computer");
			configuration.setBooleanFormat("c");
			return configuration;
		}

	}

}
