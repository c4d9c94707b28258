package dev.project51.k8s.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.delivery.DeliverySettings;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * What the command line asks for.
 *
 * @param action what to do
 * @param text what {@link Action#HELP} and {@link Action#COMPLETION} print
 * @param out the folder {@link Action#RENDER} writes into
 * @param settings the settings {@link Action#RENDER} renders
 * @param strict whether {@link Action#CHECK} fails on warnings too
 * @param skip the rule ids {@link Action#CHECK} skips
 * @param paths the files and folders {@link Action#CHECK} checks
 */
record Options(Action action, String text, Path out, DeliverySettings settings, boolean strict, List<String> skip,
		List<Path> paths) {

	/**
	 * The name the completion script completes, e.g. an alias of the {@code java} call.
	 */
	static final String NAME = "project51-k8s";

	private static final DeliverySettings DEFAULTS = DeliverySettings.defaults();

	private static final ResourceSettings RESOURCES = DEFAULTS.frontendResources();

	private static final AutoscalingSettings AUTOSCALING = AutoscalingSettings.defaults();

	private static final Map<String, String> EXAMPLES = Map.ofEntries(Map.entry("--out", "."),
			Map.entry("--app-name", "shop"), Map.entry("--image-repository", "docker.io/acme"),
			Map.entry("--frontend-replicas", "3"), Map.entry("--skip", "service-type"),
			Map.entry("check PATH", "check needs at least one file or folder, e.g. check k8s/"));

	/** What the command line asks for. */
	enum Action {

		/** Render the delivery set. */
		RENDER,

		/** Check manifests. */
		CHECK,

		/** List the checker's rules. */
		RULES,

		/** Print a help text. */
		HELP,

		/** Print the completion script. */
		COMPLETION

	}

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws UsageException if the command line cannot run
	 * @throws InvalidSettingException if a setting of {@code render} is invalid; see
	 * {@link SettingFlags#option(String)}
	 */
	static Options parse(List<String> args) throws UsageException {
		CommandLine commandLine = commandLine();
		ParseResult result;
		try {
			result = commandLine.parseArgs(args.toArray(String[]::new));
		}
		catch (ParameterException ex) {
			throw new UsageException(CommandLineErrors.describe(ex, args, EXAMPLES));
		}
		if (result.isUsageHelpRequested()) {
			return text(Action.HELP, usage());
		}
		if (((Arguments) commandLine.getCommand()).completion) {
			if (result.hasSubcommand()) {
				throw new UsageException("--completion prints the completion script and takes no command");
			}
			return text(Action.COMPLETION, completionScript());
		}
		if (!result.hasSubcommand()) {
			throw new UsageException("name a command: render, check, rules or help");
		}
		CommandLine subcommand = result.subcommand().commandSpec().commandLine();
		if (result.subcommand().isUsageHelpRequested()) {
			return text(Action.HELP, subcommand.getUsageMessage(Help.Ansi.OFF));
		}
		Object command = subcommand.getCommand();
		if (command instanceof RenderArguments render) {
			return new Options(Action.RENDER, null, Path.of(render.out), render.settings(result.subcommand()), false,
					List.of(), List.of());
		}
		if (command instanceof CheckArguments check) {
			List<String> skip = (check.skip != null) ? Arrays.asList(check.skip.split(",")) : List.of();
			return new Options(Action.CHECK, null, null, null, check.strict, skip,
					check.paths.stream().map(Path::of).toList());
		}
		if (command instanceof HelpArguments help) {
			if (help.command == null) {
				return text(Action.HELP, usage());
			}
			CommandLine named = commandLine.getSubcommands().get(help.command);
			if (named == null) {
				throw new UsageException("help: unknown command '" + help.command + "'; use render, check or rules");
			}
			return text(Action.HELP, named.getUsageMessage(Help.Ansi.OFF));
		}
		return new Options(Action.RULES, null, null, null, false, List.of(), List.of());
	}

	/**
	 * The help text of the command line.
	 * @return what {@code --help} prints
	 */
	static String usage() {
		return commandLine().getUsageMessage(Help.Ansi.OFF);
	}

	/**
	 * A completion script for bash and zsh.
	 * @return what {@code --completion} prints
	 */
	static String completionScript() {
		return AutoComplete.bash(NAME, commandLine());
	}

	private static Options text(Action action, String text) {
		return new Options(action, text, null, null, false, List.of(), List.of());
	}

	private static CommandLine commandLine() {
		return new CommandLine(new Arguments()).setUsageHelpLongOptionsMaxWidth(36);
	}

	@Command(name = NAME, sortOptions = false, usageHelpWidth = 100,
			synopsisSubcommandLabel = "(render | check | rules | help)",
			subcommands = { RenderArguments.class, CheckArguments.class, RulesArguments.class, HelpArguments.class },
			description = { "Renders the delivery set of a Project51 application and checks Kubernetes manifests.",
					"Run as java -cp <classpath> dev.project51.k8s.cli.Main, or through an alias named " + NAME
							+ " (which --completion completes).",
					"" },
			commandListHeading = "%nCommands:%n", footerHeading = "%n",
			footer = {
					"Run '" + NAME + " help <command>' or '" + NAME
							+ " <command> --help' for a command's options and their defaults.",
					"", "Exit codes: 0 success, 1 findings or failure, 2 bad usage or invalid setting." })
	static final class Arguments {

		@Option(names = "--completion", description = "print a completion script for bash and zsh and exit")
		boolean completion;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

	}

	@Command(name = "render", sortOptions = false, usageHelpWidth = 140, abbreviateSynopsis = true,
			customSynopsis = "project51-k8s render --out=DIR [OPTIONS]",
			description = { "Render the delivery set into a project folder.",
					"It holds k8s/*.yaml, deploy.sh, render.yaml, .github/workflows/main.yml and kind-config.yaml.", "",
					"Options (every one has a default; the delivery set without options is the reference deployment's):" },
			footerHeading = "%n",
			footer = "Exit codes: 0 rendered, 1 writing failed, 2 bad usage or invalid setting (the message names "
					+ "the option).")
	static final class RenderArguments {

		@Option(names = "--out", paramLabel = "DIR", required = true,
				description = "the project root to write into (required)")
		String out;

		@Option(names = "--app-name", paramLabel = "NAME", description = "application name (default: ${DEFAULT-VALUE})")
		String appName = DEFAULTS.appName();

		@Option(names = "--image-repository", paramLabel = "REPO",
				description = { "registry and Docker Hub user (default: ${DEFAULT-VALUE});",
						"images are REPO/NAME-frontend and REPO/NAME-backend" })
		String imageRepository = DEFAULTS.imageRepository();

		@Option(names = "--image-tag", paramLabel = "TAG",
				description = "placeholder tag in k8s/ that deploy.sh replaces (default: ${DEFAULT-VALUE})")
		String imageTag = DEFAULTS.imageTag();

		@Option(names = "--branch", paramLabel = "BRANCH", description = "deployed branch (default: ${DEFAULT-VALUE})")
		String branch = DEFAULTS.branch();

		@Option(names = "--namespace", paramLabel = "NS", description = "Kubernetes namespace (default: the app name)")
		String namespace;

		@Option(names = "--cluster-name", paramLabel = "NAME",
				description = "kind cluster name (default: the app name)")
		String clusterName;

		@Option(names = "--frontend-replicas", paramLabel = "N",
				description = "frontend replicas, >= 2 (default: ${DEFAULT-VALUE})")
		int frontendReplicas = DEFAULTS.frontendReplicas();

		@Option(names = "--allow-single-replica", description = "accept one replica (no spare pod during rollouts)")
		boolean allowSingleReplica;

		@Option(names = "--frontend-port", paramLabel = "PORT",
				description = "frontend container port (default: ${DEFAULT-VALUE})")
		int frontendPort = DEFAULTS.frontendPort();

		@Option(names = "--node-port", paramLabel = "PORT",
				description = "NodePort of the frontend Service (default: ${DEFAULT-VALUE})")
		int nodePort = DEFAULTS.nodePort();

		@Option(names = "--host-port", paramLabel = "PORT",
				description = "host port kind forwards to the NodePort (default: ${DEFAULT-VALUE})")
		int hostPort = DEFAULTS.hostPort();

		@Option(names = "--listen-address", paramLabel = "IP",
				description = "address kind binds the host port to (default: ${DEFAULT-VALUE})")
		String listenAddress = DEFAULTS.listenAddress();

		@Option(names = "--kind-node-image", paramLabel = "IMAGE",
				description = { "kindest/node image pinned by digest; default:", "${DEFAULT-VALUE}" })
		String kindNodeImage = DEFAULTS.kindNodeImage();

		@Option(names = "--frontend-cpu-request", paramLabel = "Q",
				description = "the frontend's CPU request (default: ${DEFAULT-VALUE})")
		String cpuRequest = RESOURCES.cpuRequest();

		@Option(names = "--frontend-cpu-limit", paramLabel = "Q",
				description = "the frontend's CPU limit (default: ${DEFAULT-VALUE})")
		String cpuLimit = RESOURCES.cpuLimit();

		@Option(names = "--frontend-memory-request", paramLabel = "Q",
				description = "the frontend's memory request (default: ${DEFAULT-VALUE})")
		String memoryRequest = RESOURCES.memoryRequest();

		@Option(names = "--frontend-memory-limit", paramLabel = "Q",
				description = "the frontend's memory limit (default: ${DEFAULT-VALUE})")
		String memoryLimit = RESOURCES.memoryLimit();

		@Option(names = "--autoscaling", description = "add a HorizontalPodAutoscaler (needs metrics-server)")
		boolean autoscaling;

		@Option(names = "--autoscaling-min", paramLabel = "N",
				description = "with --autoscaling (default: ${DEFAULT-VALUE})")
		int autoscalingMin = AUTOSCALING.minReplicas();

		@Option(names = "--autoscaling-max", paramLabel = "N",
				description = "with --autoscaling (default: ${DEFAULT-VALUE})")
		int autoscalingMax = AUTOSCALING.maxReplicas();

		@Option(names = "--autoscaling-cpu", paramLabel = "PERCENT",
				description = "with --autoscaling (default: ${DEFAULT-VALUE})")
		int autoscalingCpu = AUTOSCALING.targetCpuUtilization();

		@Option(names = "--agent-base-url", paramLabel = "URL",
				description = {
						"the agent's URL for the frontend (default: https://<render service name>.onrender.com,",
						"or http://agent:<agent port> with --agent-in-cluster)" })
		String agentBaseUrl;

		@Option(names = "--agent-token-secret", paramLabel = "NAME",
				description = "Secret holding AGENT_API_TOKEN (default: ${DEFAULT-VALUE})")
		String agentTokenSecret = DEFAULTS.agentTokenSecret();

		@Option(names = "--agent-in-cluster",
				description = "also run the agent in the cluster (the frontend then calls it)")
		boolean agentInCluster;

		@Option(names = "--agent-port", paramLabel = "PORT",
				description = "agent container port (default: ${DEFAULT-VALUE})")
		int agentPort = DEFAULTS.agentPort();

		@Option(names = "--ai-provider", paramLabel = "NAME",
				description = { "the agent's model provider (default: ${DEFAULT-VALUE}): openai, anthropic, gemini,",
						"openai-compatible or local; render.yaml and an in-cluster agent get its variables" })
		String aiProvider = DEFAULTS.aiProvider().id();

		@Option(names = "--no-network-policies",
				description = "leave out the NetworkPolicies (default deny, then what the app needs)")
		boolean noNetworkPolicies;

		@Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
				description = "the applications' graceful shutdown; sets the grace periods (default: ${DEFAULT-VALUE})")
		int shutdownTimeout = DEFAULTS.shutdownTimeoutSeconds();

		@Option(names = "--render-build-filter", paramLabel = "P1,P2",
				description = "paths that make Render rebuild the agent (default: <backend Dockerfile's folder>/**,pom.xml)")
		String renderBuildFilter;

		@Option(names = "--render-service-name", paramLabel = "NAME",
				description = "Render service (default: <app name>-backend)")
		String renderServiceName;

		@Option(names = "--render-region", paramLabel = "REGION",
				description = "Render region: oregon, ohio, virginia, frankfurt or singapore (default: ${DEFAULT-VALUE})")
		String renderRegion = DEFAULTS.renderRegion();

		@Option(names = "--render-plan", paramLabel = "PLAN",
				description = "Render plan of the agent (default: ${DEFAULT-VALUE})")
		String renderPlan = DEFAULTS.renderPlan();

		@Option(names = "--render-health-check-path", paramLabel = "PATH",
				description = "the path Render checks the agent's health on (default: ${DEFAULT-VALUE})")
		String renderHealthCheckPath = DEFAULTS.renderHealthCheckPath();

		@Option(names = "--render-auto-deploy-trigger", paramLabel = "TRIGGER",
				description = "when Render deploys: commit, checksPass or off (default: ${DEFAULT-VALUE})")
		String renderAutoDeployTrigger = DEFAULTS.renderAutoDeployTrigger();

		@Option(names = "--backend-dockerfile", paramLabel = "PATH",
				description = "the agent's Dockerfile (default: ${DEFAULT-VALUE})")
		String backendDockerfile = DEFAULTS.backendDockerfile();

		@Option(names = "--frontend-dockerfile", paramLabel = "PATH",
				description = "the frontend's Dockerfile (default: ${DEFAULT-VALUE})")
		String frontendDockerfile = DEFAULTS.frontendDockerfile();

		@Option(names = "--docker-context", paramLabel = "PATH",
				description = "the build context of both images (default: ${DEFAULT-VALUE})")
		String dockerContext = DEFAULTS.dockerContext();

		@Option(names = "--java-version", paramLabel = "N",
				description = "the Java release the workflow builds with (default: ${DEFAULT-VALUE})")
		String javaVersion = DEFAULTS.javaVersion();

		@Option(names = "--test-command", paramLabel = "CMD",
				description = "what the workflow runs before delivering (default: ${DEFAULT-VALUE})")
		String testCommand = DEFAULTS.testCommand();

		@Option(names = "--rollout-timeout", paramLabel = "DURATION",
				description = "how long deploy.sh waits for a rollout before it rolls back (default: ${DEFAULT-VALUE})")
		String rolloutTimeout = DEFAULTS.rolloutTimeout();

		@Option(names = "--smoke-paths", paramLabel = "P1,P2",
				description = "what deploy.sh checks after a rollout (default: ${DEFAULT-VALUE})")
		String smokePaths = String.join(",", DEFAULTS.smokePaths());

		@Option(names = "--install-dir", paramLabel = "DIR",
				description = "checkout path on the host for the cron/systemd examples (default: /opt/<app name>)")
		String installDir;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

		DeliverySettings settings(ParseResult parsed) throws UsageException {
			if (!this.autoscaling && (parsed.hasMatchedOption("--autoscaling-min")
					|| parsed.hasMatchedOption("--autoscaling-max") || parsed.hasMatchedOption("--autoscaling-cpu"))) {
				throw new UsageException(
						"--autoscaling-min, --autoscaling-max and --autoscaling-cpu need --autoscaling");
			}
			return SettingFlags.settings(this);
		}

	}

	@Command(name = "check", sortOptions = false, usageHelpWidth = 100,
			description = { "Check Kubernetes YAML files or folders: schema, self-healing and security rules.", "" },
			footerHeading = "%n",
			footer = "Exit codes: 0 no errors, 1 errors found (with --strict: warnings too), 2 bad usage.")
	static final class CheckArguments {

		@Option(names = "--strict", description = "fail on warnings too")
		boolean strict;

		@Option(names = "--skip", paramLabel = "IDS",
				description = "comma-separated rule ids to skip (list them with the rules command)")
		String skip;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

		@Parameters(paramLabel = "PATH", arity = "1..*", description = "a YAML file or a folder of them")
		List<String> paths = new ArrayList<>();

	}

	@Command(name = "rules", usageHelpWidth = 100,
			description = "List the checker's rules: id, severity, what it checks.")
	static final class RulesArguments {

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

	}

	@Command(name = "help", usageHelpWidth = 100, description = "Show the help of the command line or of a command.")
	static final class HelpArguments {

		@Parameters(paramLabel = "COMMAND", arity = "0..1", description = "render, check or rules")
		String command;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

	}

}
