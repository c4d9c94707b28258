package dev.project51.k8s.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.check.ManifestCheckResult;
import dev.project51.k8s.check.ManifestChecker;
import dev.project51.k8s.check.Rule;
import dev.project51.k8s.delivery.DeliveryFiles;
import dev.project51.k8s.delivery.DeliverySettings;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * Command line of the k8s templates: {@code render} the delivery set, {@code check}
 * manifests, list the {@code rules}. Exit codes: 0 success, 1 findings or failure, 2 bad
 * usage or an invalid setting.
 *
 * <pre>
 * java -cp project51-k8s-templates.jar:… dev.project51.k8s.cli.Main render --out . --app-name shop --image-repository docker.io/acme
 * java -cp … dev.project51.k8s.cli.Main check k8s/
 * </pre>
 *
 * @since 0.1.0
 */
public final class Main {

	/** Success. */
	public static final int OK = 0;

	/** The checker found errors, or rendering failed. */
	public static final int FAILED = 1;

	/** Bad command line or invalid setting. */
	public static final int USAGE = 2;

	private static final String USAGE_TEXT = """
			Usage: java -cp <classpath> dev.project51.k8s.cli.Main <command> [options]

			Commands:
			  render --out DIR [settings]   render k8s/*.yaml, deploy.sh, render.yaml,
			                                .github/workflows/main.yml and kind-config.yaml into DIR
			  check [--strict] [--skip IDS] PATH...
			                                check Kubernetes YAML files or folders; exit 1 on errors
			                                (--strict: on warnings too); IDS is a comma-separated list
			  rules                         list the checker's rules
			  help                          show this help

			Settings of render (defaults in brackets):
			  --app-name NAME               application name [project51]
			  --image-repository REPO       registry and Docker Hub user [docker.io/project51];
			                                images are REPO/NAME-frontend and REPO/NAME-backend
			  --image-tag TAG               placeholder tag in k8s/ that deploy.sh replaces [set-by-deploy-sh]
			  --branch BRANCH               deployed branch [main]
			  --namespace NS                Kubernetes namespace [app name]
			  --cluster-name NAME           kind cluster name [app name]
			  --frontend-replicas N         frontend replicas, >= 2 [2]
			  --allow-single-replica        accept one replica (no spare pod during rollouts)
			  --frontend-port PORT          frontend container port [8080]
			  --node-port PORT              NodePort of the frontend Service [30080]
			  --host-port PORT              host port kind forwards to the NodePort [8080]
			  --listen-address IP           address kind binds the host port to [0.0.0.0]
			  --kind-node-image IMAGE       kindest/node image pinned by digest [v1.35.0]
			  --frontend-cpu-request Q      [250m]     --frontend-cpu-limit Q      [1]
			  --frontend-memory-request Q   [768Mi]    --frontend-memory-limit Q   [768Mi]
			  --autoscaling                 add a HorizontalPodAutoscaler (needs metrics-server)
			  --autoscaling-min N           [2]  --autoscaling-max N [4]  --autoscaling-cpu PERCENT [70]
			  --agent-base-url URL          agent URL for the frontend [https://<render-service-name>.onrender.com]
			  --agent-token-secret NAME     Secret holding AGENT_API_TOKEN [agent-api-token]
			  --agent-in-cluster            also run the agent in the cluster (frontend then calls it)
			  --agent-port PORT             agent container port [8081]
			  --ai-provider NAME            the agent's model provider: openai, anthropic, gemini,
			                                openai-compatible or local; render.yaml names its variables [openai]
			  --no-network-policies         leave out the NetworkPolicies (default deny, then what the app needs)
			  --shutdown-timeout SECONDS    the applications' graceful shutdown; sets the grace periods [30]
			  --render-build-filter P1,P2   paths that make Render rebuild the agent [backend/**,pom.xml]
			  --render-service-name NAME    Render service [<app name>-backend]
			  --render-region REGION        [oregon]   --render-plan PLAN [starter]
			  --render-health-check-path P  [/actuator/health/readiness]
			  --render-auto-deploy-trigger  commit|checksPass|off [checksPass]
			  --backend-dockerfile PATH     [backend/Dockerfile]   --frontend-dockerfile PATH [frontend/Dockerfile]
			  --docker-context PATH         [.]
			  --java-version N              [17]       --test-command CMD [mvn -B -ntp verify]
			  --rollout-timeout DURATION    [600s]     --smoke-paths P1,P2 [/actuator/health/readiness,/]
			  --install-dir DIR             checkout path on the host for the cron/systemd examples [/opt/<app name>]

			Exit codes: 0 success, 1 findings or failure, 2 bad usage or invalid setting.
			""";

	private static final Set<String> SWITCHES = Set.of("allow-single-replica", "autoscaling", "agent-in-cluster",
			"strict");

	private static final Map<String, String> FLAG_ALIASES = Map.of("autoscaling.minReplicas", "autoscaling-min",
			"autoscaling.maxReplicas", "autoscaling-max", "autoscaling.targetCpuUtilization", "autoscaling-cpu",
			"cpuRequest", "frontend-cpu-request", "cpuLimit", "frontend-cpu-limit", "memoryRequest",
			"frontend-memory-request", "memoryLimit", "frontend-memory-limit");

	private Main() {
	}

	/**
	 * Run the command line and exit with its exit code.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Run the command line.
	 * @param args the arguments
	 * @param out where results go
	 * @param err where errors go
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0) {
			err.print(USAGE_TEXT);
			return USAGE;
		}
		String command = args[0];
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		try {
			return switch (command) {
				case "help", "-h", "--help" -> {
					out.print(USAGE_TEXT);
					yield OK;
				}
				case "render" -> render(Arguments.parse(rest, SWITCHES), out);
				case "check" -> check(Arguments.parse(rest, SWITCHES), out);
				case "rules" -> rules(out);
				default ->
					throw new UsageException("unknown command '" + command + "'; use render, check, rules or help");
			};
		}
		catch (UsageException ex) {
			err.println("error: " + ex.getMessage());
			err.println("Run with --help for usage.");
			return USAGE;
		}
		catch (InvalidSettingException ex) {
			err.println("error: invalid setting (--" + kebab(ex.getSetting()) + "): " + ex.getMessage());
			return USAGE;
		}
		catch (UncheckedIOException | IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			return FAILED;
		}
	}

	private static int render(Arguments arguments, PrintStream out) {
		if (!arguments.positional().isEmpty()) {
			throw new UsageException("render takes no positional arguments, but got " + arguments.positional());
		}
		String outDir = arguments.take("out");
		if (outDir == null) {
			throw new UsageException("render needs --out DIR, the project root to write into");
		}
		DeliverySettings settings = settings(arguments);
		arguments.requireAllUsed();
		Path root = Path.of(outDir);
		List<Path> files = DeliveryFiles.render(settings, root);
		files.forEach((file) -> out.println(root.resolve(file)));
		return OK;
	}

	static DeliverySettings settings(Arguments arguments) {
		DeliverySettings.Builder builder = DeliverySettings.builder();
		arguments.string("app-name", builder::appName);
		arguments.string("image-repository", builder::imageRepository);
		arguments.string("image-tag", builder::imageTag);
		arguments.string("branch", builder::branch);
		arguments.string("namespace", builder::namespace);
		arguments.string("cluster-name", builder::clusterName);
		arguments.integer("frontend-replicas", builder::frontendReplicas);
		builder.allowSingleReplica(arguments.flag("allow-single-replica"));
		arguments.integer("frontend-port", builder::frontendPort);
		arguments.integer("node-port", builder::nodePort);
		arguments.integer("host-port", builder::hostPort);
		arguments.string("listen-address", builder::listenAddress);
		arguments.string("kind-node-image", builder::kindNodeImage);
		ResourceSettings resources = ResourceSettings.defaults();
		String cpuRequest = arguments.take("frontend-cpu-request");
		String cpuLimit = arguments.take("frontend-cpu-limit");
		String memoryRequest = arguments.take("frontend-memory-request");
		String memoryLimit = arguments.take("frontend-memory-limit");
		if (cpuRequest != null || cpuLimit != null || memoryRequest != null || memoryLimit != null) {
			builder.frontendResources(new ResourceSettings(or(cpuRequest, resources.cpuRequest()),
					or(memoryRequest, resources.memoryRequest()), or(cpuLimit, resources.cpuLimit()),
					or(memoryLimit, resources.memoryLimit())));
		}
		boolean autoscaling = arguments.flag("autoscaling");
		AutoscalingSettings defaults = AutoscalingSettings.defaults();
		String min = arguments.take("autoscaling-min");
		String max = arguments.take("autoscaling-max");
		String cpu = arguments.take("autoscaling-cpu");
		if (!autoscaling && (min != null || max != null || cpu != null)) {
			throw new UsageException("--autoscaling-min, --autoscaling-max and --autoscaling-cpu need --autoscaling");
		}
		if (autoscaling) {
			builder.frontendAutoscaling(new AutoscalingSettings(
					(min != null) ? Arguments.toInt("autoscaling-min", min) : defaults.minReplicas(),
					(max != null) ? Arguments.toInt("autoscaling-max", max) : defaults.maxReplicas(),
					(cpu != null) ? Arguments.toInt("autoscaling-cpu", cpu) : defaults.targetCpuUtilization()));
		}
		arguments.string("agent-base-url", builder::agentBaseUrl);
		arguments.string("agent-token-secret", builder::agentTokenSecret);
		builder.agentInCluster(arguments.flag("agent-in-cluster"));
		arguments.integer("agent-port", builder::agentPort);
		String provider = arguments.take("ai-provider");
		if (provider != null) {
			builder.aiProvider(provider);
		}
		if (arguments.flag("no-network-policies")) {
			builder.networkPolicies(false);
		}
		arguments.integer("shutdown-timeout", builder::shutdownTimeoutSeconds);
		arguments.list("render-build-filter", builder::renderBuildFilterPaths);
		arguments.string("render-service-name", builder::renderServiceName);
		arguments.string("render-region", builder::renderRegion);
		arguments.string("render-plan", builder::renderPlan);
		arguments.string("render-health-check-path", builder::renderHealthCheckPath);
		arguments.string("render-auto-deploy-trigger", builder::renderAutoDeployTrigger);
		arguments.string("backend-dockerfile", builder::backendDockerfile);
		arguments.string("frontend-dockerfile", builder::frontendDockerfile);
		arguments.string("docker-context", builder::dockerContext);
		arguments.string("java-version", builder::javaVersion);
		arguments.string("test-command", builder::testCommand);
		arguments.string("rollout-timeout", builder::rolloutTimeout);
		arguments.list("smoke-paths", builder::smokePaths);
		arguments.string("install-dir", builder::installDir);
		return builder.build();
	}

	private static int check(Arguments arguments, PrintStream out) {
		boolean strict = arguments.flag("strict");
		String skip = arguments.take("skip");
		arguments.requireAllUsed();
		if (arguments.positional().isEmpty()) {
			throw new UsageException("check needs at least one file or folder, e.g. check k8s/");
		}
		ManifestChecker checker;
		try {
			checker = (skip != null) ? ManifestChecker.skipping(skip.split(",")) : ManifestChecker.defaults();
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
		List<Path> paths = arguments.positional().stream().map(Path::of).toList();
		ManifestCheckResult result = checker.check(paths);
		out.print(result.report());
		boolean failed = result.hasErrors() || (strict && !result.isClean());
		return failed ? FAILED : OK;
	}

	private static int rules(PrintStream out) {
		for (Rule rule : Rule.values()) {
			out.printf(Locale.ROOT, "%-50s %-7s %s%n", rule.id(), rule.severity(), rule.description());
		}
		return OK;
	}

	private static String or(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	static String kebab(String camel) {
		String alias = FLAG_ALIASES.get(camel);
		if (alias != null) {
			return alias;
		}
		StringBuilder kebab = new StringBuilder();
		for (char c : camel.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString().replace('.', '-');
	}

	/** A command line error: exit code 2. */
	static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}

	}

	/**
	 * Parsed {@code --name value}, {@code --name=value}, switches and positional
	 * arguments.
	 */
	static final class Arguments {

		private final Map<String, String> options;

		private final List<String> positional;

		private Arguments(Map<String, String> options, List<String> positional) {
			this.options = options;
			this.positional = positional;
		}

		static Arguments parse(List<String> args, Set<String> switches) {
			Map<String, String> options = new LinkedHashMap<>();
			List<String> positional = new ArrayList<>();
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				if (!arg.startsWith("--")) {
					positional.add(arg);
					continue;
				}
				String name = arg.substring(2);
				String value;
				int equals = name.indexOf('=');
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
					if (switches.contains(name)) {
						throw new UsageException("--" + name + " is a switch and takes no value");
					}
				}
				else if (switches.contains(name)) {
					value = "true";
				}
				else {
					if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
						throw new UsageException("--" + name + " needs a value");
					}
					value = args.get(++i);
				}
				if (name.isEmpty()) {
					throw new UsageException("empty option name in '" + arg + "'");
				}
				if (options.put(name, value) != null) {
					throw new UsageException("--" + name + " given more than once");
				}
			}
			return new Arguments(options, positional);
		}

		List<String> positional() {
			return this.positional;
		}

		String take(String name) {
			return this.options.remove(name);
		}

		boolean flag(String name) {
			return this.options.remove(name) != null;
		}

		void string(String name, java.util.function.Consumer<String> setter) {
			String value = take(name);
			if (value != null) {
				setter.accept(value);
			}
		}

		void integer(String name, java.util.function.IntConsumer setter) {
			String value = take(name);
			if (value != null) {
				setter.accept(toInt(name, value));
			}
		}

		void list(String name, java.util.function.Consumer<List<String>> setter) {
			String value = take(name);
			if (value != null) {
				setter.accept(Arrays.stream(value.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList());
			}
		}

		static int toInt(String name, String value) {
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new UsageException("--" + name + " needs a whole number, but was '" + value + "'");
			}
		}

		void requireAllUsed() {
			if (!this.options.isEmpty()) {
				String unknown = String.join(", ", this.options.keySet().stream().map((name) -> "--" + name).toList());
				throw new UsageException("unknown option" + ((this.options.size() == 1) ? " " : "s ") + unknown);
			}
		}

	}

}
