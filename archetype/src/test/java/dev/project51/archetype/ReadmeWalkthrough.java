package dev.project51.archetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.kubernetes.testing.CommandResult;
import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Follows a generated project's README.md from top to bottom, as a new user would: every
 * {@code shell} block, in order, is run as written, in the folder the README says, by
 * {@code bash}. Where a step needs what a test machine cannot have (GitHub, Docker Hub,
 * Render, AWS, a container engine, cron, root), the step runs against a named offline
 * stand-in instead, or is checked by the closest offline check; {@link #STEPS} says which
 * for each. A README block that no step knows fails the walk: a new command in the README
 * needs a step here. The walk writes what it did to
 * {@code target/it/<name>-walkthrough.md}.
 * <p>
 * Stand-ins used throughout: HOME is a fresh folder (as on a new machine: deploy.sh's env
 * file, lock, log and the crontab land there); Maven uses this build's local repository
 * ({@code MAVEN_OPTS=-Dmaven.repo.local}), which holds the Project51 libraries of this
 * build; the ports are free ones (run-local.sh's AGENT_PORT and FRONTEND_PORT), because
 * 8080 and 8081 may be taken on a shared machine.
 */
final class ReadmeWalkthrough {

	private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(20);

	private static final String TOKEN = "walkthrough-token-0123456789";

	private static final String CONTEXT = "project51-test";

	private static final Pattern SHELL_BLOCK = Pattern.compile("(?m)^( *)```shell\\n(.*?)^ *```$", Pattern.DOTALL);

	private final Path workdir = Path.of(System.getProperty("project51.workdir", "target/it"));

	private final List<String> report = new ArrayList<>();

	private Path project;

	private Path home;

	private Path origin;

	private Path checkout;

	private Shell shell;

	private ControlPlane controlPlane;

	private HttpServer smokeServer;

	private String artifactId;

	private String namespace;

	private String frontendImage;

	private final List<String> deployedCommits = new ArrayList<>();

	private final String name;

	private final Map<String, String> properties;

	/**
	 * A walk through the README of a project generated with the given properties.
	 * @param name the walk's name, for its folder, logs and report
	 * @param properties the archetype properties, none for the defaults
	 */
	ReadmeWalkthrough(String name, Map<String, String> properties) {
		this.name = name;
		this.properties = Map.copyOf(properties);
	}

	private Map<String, String> properties() {
		return this.properties;
	}

	private String name() {
		return this.name;
	}

	/**
	 * Generates the project, then runs every shell block of its README in order.
	 * @param controlPlane the Kubernetes control plane deploy.sh deploys to (a stand-in
	 * for the kind cluster on the EC2 host)
	 */
	void walk(ControlPlane controlPlane) throws Exception {
		this.controlPlane = controlPlane;
		Path directory = this.workdir.resolve(name());
		ReferenceDeploymentIT.deleteRecursively(directory);
		Maven.Result generated = new Maven(this.workdir).generate(directory, properties(), "generate-" + name());
		assertThat(generated.succeeded()).as("archetype:generate, see %s", generated.log()).isTrue();
		this.artifactId = properties().getOrDefault("artifactId", "project51-demo");
		this.namespace = this.artifactId;
		this.frontendImage = "docker.io/" + properties().getOrDefault("dockerHubUser", "project51") + "/"
				+ this.artifactId + "-frontend";
		this.project = directory.resolve(this.artifactId);
		this.home = Files.createDirectories(directory.resolve("home"));
		this.origin = directory.resolve("github.git");
		this.checkout = directory.resolve("opt").resolve(this.artifactId);
		this.shell = new Shell(this.workdir.resolve(name() + "-logs"), environment());
		controlPlane.deleteNamespace(this.namespace, Duration.ofMinutes(2));
		this.smokeServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.smokeServer.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.smokeServer.start();
		try {
			String readme = Files.readString(this.project.resolve("README.md"));
			Matcher blocks = SHELL_BLOCK.matcher(readme);
			int count = 0;
			while (blocks.find()) {
				String indent = blocks.group(1);
				String block = blocks.group(2).replaceAll("(?m)^" + indent, "").strip();
				int line = readme.substring(0, blocks.start()).split("\n", -1).length;
				Step step = STEPS.stream()
					.filter((candidate) -> candidate.matches().test(block))
					.findFirst()
					.orElseThrow(() -> new AssertionError("README.md line " + line + ": no step of "
							+ "ReadmeWalkthrough runs this block; add one (or an offline stand-in):\n" + block));
				long started = System.nanoTime();
				String how = step.run().run(this, block);
				long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
				this.report.add("| " + line + " | `" + block.lines().findFirst().orElse("").replace("|", "\\|")
						+ (block.contains("\n") ? " ...`" : "`") + " | " + how + " | " + seconds + " |");
				count++;
			}
			assertThat(count).as("shell blocks in README.md").isGreaterThanOrEqualTo(10);
		}
		finally {
			this.smokeServer.stop(0);
			writeReport();
			// Another walk's Service wants the same NodePort.
			controlPlane.deleteNamespace(this.namespace, Duration.ofMinutes(2));
		}
	}

	private Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		Path maven = Path.of(System.getProperty("maven.home"), "bin");
		Path java = Path.of(System.getProperty("java.home"), "bin");
		env.put("PATH", maven + ":" + java + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		env.put("HOME", this.home.toString());
		env.put("USER", System.getProperty("user.name"));
		env.put("LOGNAME", System.getProperty("user.name"));
		env.put("LANG", "C.UTF-8");
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
		env.put("GIT_AUTHOR_NAME", "Walkthrough");
		env.put("GIT_AUTHOR_EMAIL", "walkthrough@example.com");
		env.put("GIT_COMMITTER_NAME", "Walkthrough");
		env.put("GIT_COMMITTER_EMAIL", "walkthrough@example.com");
		if (System.getenv("CI") != null) {
			env.put("CI", System.getenv("CI"));
		}
		return env;
	}

	/** The README's steps: which block each one runs, and how. */
	private static final List<Step> STEPS = List.of(
			new Step((block) -> block.startsWith("git clone") && block.contains("install -DskipTests"),
					ReadmeWalkthrough::installProject51),
			new Step((block) -> block.equals("./run-local.sh"), ReadmeWalkthrough::runLocally),
			new Step((block) -> block.matches("[A-Z][A-Z0-9_]*=\\S+ \\./run-local\\.sh"),
					ReadmeWalkthrough::runLocallyWithTheProvider),
			new Step((block) -> block.contains("docker compose up"), ReadmeWalkthrough::composeUp),
			new Step((block) -> block.equals("mvn verify"), ReadmeWalkthrough::test),
			new Step((block) -> block.startsWith("git init"), ReadmeWalkthrough::pushToGitHub),
			new Step((block) -> block.startsWith("cd infra"), ReadmeWalkthrough::createTheHost),
			new Step((block) -> block.contains("output -raw ssm_command"), ReadmeWalkthrough::followTheCluster),
			new Step((block) -> block.contains("deploy.env") && block.contains("deploy.sh"),
					ReadmeWalkthrough::deployTheFrontend),
			new Step((block) -> block.contains("| crontab -"), ReadmeWalkthrough::installTheCronJob),
			new Step((block) -> block.matches("/opt/\\S+/deploy\\.sh --force"), ReadmeWalkthrough::retryWithForce),
			new Step((block) -> block.contains("rollout undo deployment/frontend"), ReadmeWalkthrough::rollBack),
			new Step((block) -> block.contains("helm install prometheus"), ReadmeWalkthrough::installPrometheus),
			new Step((block) -> block.contains(" destroy"), ReadmeWalkthrough::cleanUp),
			new Step((block) -> block.equals("mvn -q -pl delivery compile exec:java"), ReadmeWalkthrough::rerender));

	private String installProject51(String block) {
		String version = System.getProperty("project51.archetype.version");
		assertThat(block).contains("/tmp/project51-" + version)
			.contains(version.endsWith("-SNAPSHOT") ? "--branch main " : "--branch v" + version + " ");
		return "stand-in: not run (it clones GitHub); this build's Project51 " + version
				+ " is in the local repository the walk's Maven uses";
	}

	private String runLocally(String block) throws Exception {
		RunLocal run = startRunLocal(block, Map.of(), "run-local");
		try (AgentClient agent = run.agent()) {
			assertThat(get("http://127.0.0.1:" + run.frontendPort() + "/")).as("the chat page").contains("<html");
			ChatReply reply = agent.chat(ChatRequest.of("Where does the chat frontend of this deployment run?"));
			assertThat(reply.model()).as("without a key the offline local model answers").isEqualTo("local");
			assertThat(reply.citations()).isNotEmpty();
		}
		finally {
			run.stop();
		}
		return "real: built, started, page and agent answered (offline local model), stopped with Ctrl-C (SIGINT); "
				+ "free ports through AGENT_PORT/FRONTEND_PORT";
	}

	private String runLocallyWithTheProvider(String block) throws Exception {
		String provider = properties().getOrDefault("aiProvider", "openai");
		try (FakeProvider fake = FakeProvider.start(Protocol.OPENAI, "Hello from the provider's stand-in")) {
			Map<String, String> values = new LinkedHashMap<>();
			String command = block;
			Matcher assignment = Pattern.compile("^([A-Z][A-Z0-9_]*)=(\\S+) ").matcher(block);
			assertThat(assignment.find()).isTrue();
			String variable = assignment.group(1);
			if (variable.endsWith("_BASE_URL")) {
				command = block.replace(assignment.group(2), fake.baseUrl());
			}
			else {
				command = block.replace(assignment.group(2), "sk-walkthrough");
				values.put(variable.replace("_API_KEY", "_BASE_URL"), fake.baseUrl());
			}
			RunLocal run = startRunLocal(command + " --no-build", values, "run-local-provider");
			try (AgentClient agent = run.agent()) {
				assertThat(agent.models()).extracting(ModelStatus::provider).containsExactly(provider, "local");
				ChatReply reply = agent.chat(ChatRequest.of("Say hello."));
				assertThat(reply.reply()).contains("Hello from the provider's stand-in");
				assertThat(reply.degraded()).isFalse();
				assertThat(reply.model()).isNotEqualTo("local");
				assertThat(fake.requests()).isPositive();
			}
			finally {
				run.stop();
			}
		}
		return "stand-in: the " + provider + " provider is provider-fakes' OpenAI-protocol server ("
				+ (block.contains("_BASE_URL=") ? "the README's base URL replaced by its URL"
						: "its URL in the provider's _BASE_URL, which the README names")
				+ "); --no-build reuses the jars of the step before; the agent answered through it, not degraded";
	}

	private String composeUp(String block) throws Exception {
		Shell.Result token = this.shell.run(this.project, "openssl rand -hex 24", Map.of(), Duration.ofSeconds(30),
				"openssl");
		assertThat(token.output().strip()).matches("[0-9a-f]{48}");
		String compose = Files.readString(this.project.resolve("compose.yaml"));
		for (Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(compose); required.find();) {
			assertThat(block).as("the README's compose command sets %s, which compose.yaml requires", required.group(1))
				.contains(required.group(1) + "=");
		}
		return "stand-in: no container engine with Compose on the test machine; the command's variables cover what "
				+ "compose.yaml requires, `mvn verify` checks compose.yaml (ContainersTests), and reliability-tests' "
				+ "ContainerRecoveryIT builds and runs the reference deployment's images with Podman as compose.yaml "
				+ "does";
	}

	private String test(String block) throws Exception {
		Shell.Result result = this.shell.run(this.project, typed(block), Map.of(), MAVEN_TIMEOUT, "mvn-verify");
		assertThat(result.succeeded()).as("mvn verify, see %s", result.log()).isTrue();
		assertThat(result.output()).contains("BUILD SUCCESS");
		return "real";
	}

	private String pushToGitHub(String block) throws Exception {
		git(this.workdir, "init", "--quiet", "--bare", "--initial-branch=main", this.origin.toString());
		String command = block.replace(gitRepository(), this.origin.toString());
		assertThat(command).as("the README pushes to the repository the project was generated with")
			.isNotEqualTo(block);
		Shell.Result result = this.shell.run(this.project, typed(command), Map.of(), Duration.ofMinutes(2), "git-push");
		assertThat(result.succeeded()).as("git push, see %s", result.log()).isTrue();
		String ignored = git(this.project, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory");
		assertThat(ignored).as("build output and local data stay out of git").contains("target/");
		assertThat(git(this.project, "ls-files")).doesNotContain("target/").doesNotContain(".project51/");
		return "stand-in: GitHub is a local bare repository (the README's URL replaced by its path); the commands ran "
				+ "as written. The GitHub secrets cannot be set here: actionlint and checkov (static-checks) check "
				+ "the workflow that reads them";
	}

	private String createTheHost(String block) throws Exception {
		String synth = block.lines()
			.takeWhile((line) -> !line.startsWith("terraform"))
			.reduce("", (a, b) -> a + b + "\n");
		Shell.Result result = this.shell.run(this.project, typed(synth), Map.of(), MAVEN_TIMEOUT, "infra-synth");
		assertThat(result.succeeded()).as("synthesis, see %s", result.log()).isTrue();
		Path infra = this.project.resolve("infra");
		JsonNode host = JsonMapper.builder()
			.build()
			.readTree(Files.readString(infra.resolve("cdktf.out/stacks/host/cdk.tf.json")));
		for (String output : List.of("public_ip", "app_url", "ssm_command", "bootstrap_log")) {
			assertThat(host.at("/output/" + output).isMissingNode()).as("output %s the README reads", output).isFalse();
		}
		assertThat(host.at("/provider/aws/0/region").asString())
			.isEqualTo(properties().getOrDefault("awsRegion", "us-east-1"));
		assertThat(host.at("/terraform/backend/local/path").asString()).isEqualTo("../../../terraform.host.tfstate");
		assertThat(git(this.project, "check-ignore", "infra/terraform.host.tfstate",
				"infra/terraform.host.tfstate.backup", "infra/host.tfplan"))
			.as("Terraform's state and plans are git-ignored")
			.contains("terraform.host.tfstate.backup");
		Shell.Result help = this.shell.run(infra, typed("mvn -q compile exec:java -Dexec.args=--help"), Map.of(),
				MAVEN_TIMEOUT, "infra-help");
		assertThat(help.succeeded()).as("--help, see %s", help.log()).isTrue();
		assertThat(help.output())
			.contains("env PROJECT51_AWS_REGION, default " + properties().getOrDefault("awsRegion", "us-east-1")
					+ " (this project)")
			.contains("env PROJECT51_NAME, default " + this.artifactId + " (this project)");
		return "real: `cd infra`, `mvn -q compile exec:java` (and the `--help` the text names, which shows this "
				+ "project's defaults). stand-in for the three `terraform` commands (they need AWS and the "
				+ "provider registry): the synthesized JSON has the region, the outputs the README reads and the "
				+ "state path, which git ignores; checkov checks it in static-checks";
	}

	private String followTheCluster(String block) throws Exception {
		String nodes = block.lines()
			.filter((line) -> line.startsWith("kubectl "))
			.findFirst()
			.orElseThrow()
			.replace("--context kind-" + this.artifactId, "--context " + CONTEXT);
		Shell.Result result = this.shell.run(this.project, typed(nodes), this.controlPlane.environment(),
				Duration.ofMinutes(1), "kubectl-nodes");
		assertThat(result.succeeded()).as("%s, see %s", nodes, result.log()).isTrue();
		assertThat(result.output()).contains("Ready");
		return "stand-in: no EC2 host (the SSM session and the bootstrap log need AWS); the cluster is the test's "
				+ "Kubernetes control plane (kubernetes-tests: etcd, kube-apiserver, controllers, kwok nodes), "
				+ "asked with the README's kubectl command and its context; kubernetes-tests' KindConfigIT loads "
				+ "kind-config.yaml with kind's own types";
	}

	private String deployTheFrontend(String block) throws Exception {
		git(this.workdir, "clone", "--quiet", this.origin.toString(), this.checkout.toString());
		String command = block.replace("<the token Render generated>", TOKEN)
			.replace("/opt/" + this.artifactId, this.checkout.toString());
		Shell.Result result = this.shell.run(this.project, typed(command), clusterEnvironment(), Duration.ofMinutes(5),
				"deploy");
		assertThat(result.succeeded()).as("the README's deploy commands, see %s", result.log()).isTrue();
		String sha = git(this.checkout, "rev-parse", "HEAD");
		assertThat(result.output()).contains("[1/7]", "[3/7]", "[5/7]", "[6/7]", "deployed " + sha);
		Path config = this.home.resolve(".config").resolve(this.artifactId);
		assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(Files.getPosixFilePermissions(config.resolve("deploy.env")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(this.home.resolve(".cache").resolve(this.artifactId).resolve("deploy.lock")).exists();
		assertDeployed(sha);
		CommandResult alone = this.controlPlane.kubectl("apply", "--dry-run=server", "-f",
				this.checkout.resolve("k8s").toString());
		assertThat(alone.exitCode()).as("kubectl apply -f k8s/ alone").isNotZero();
		assertThat(alone.stderr()).contains("every image must be tagged with a commit SHA");
		assertThat(get("networkpolicies", "{.items[*].metadata.name}")).contains("default-deny", "frontend");
		this.deployedCommits.add(sha);
		return "real, as the user the README names (the test's user), with the real kubectl, git and flock; stand-ins: "
				+ "/opt/" + this.artifactId + " is a clone of the local GitHub stand-in (the host's bootstrap clones "
				+ "it), the token is a test value, and deploy.sh's documented KUBE_CONTEXT, SMOKE_URL (a local "
				+ "server: kwok pods serve nothing) and ROLLOUT_TIMEOUT point it at the test control plane";
	}

	private String installTheCronJob(String block) throws Exception {
		Path bin = Files.createDirectories(this.home.resolve("crontab-stand-in"));
		Path crontab = bin.resolve("crontab");
		Files.writeString(crontab, """
				#!/usr/bin/env bash
				# Stand-in for cron's crontab: keeps the user's table in $HOME/.crontab-stand-in
				set -euo pipefail
				table="$HOME/.crontab-stand-in"
				case "${1:-}" in
				  -l) if [[ -f "$table" ]]; then cat "$table"; else echo "no crontab for $USER" >&2; exit 1; fi ;;
				  -) cat >"$table" ;;
				  *) echo "crontab stand-in: unexpected arguments: $*" >&2; exit 2 ;;
				esac
				""");
		Files.setPosixFilePermissions(crontab, PosixFilePermissions.fromString("rwxr-xr-x"));
		Map<String, String> withCrontab = new LinkedHashMap<>(clusterEnvironment());
		withCrontab.put("PATH", bin + ":" + withCrontab.get("PATH"));
		Shell.Result installed = this.shell.run(this.project, typed(block), withCrontab, Duration.ofMinutes(1),
				"crontab");
		assertThat(installed.succeeded()).as("installing the cron job, see %s", installed.log()).isTrue();
		List<String> entries = Files.readAllLines(this.home.resolve(".crontab-stand-in"));
		assertThat(entries).hasSize(1);
		Matcher entry = Pattern.compile("(\\S+ \\S+ \\S+ \\S+ \\S+) (.+)").matcher(entries.get(0));
		assertThat(entry.matches()).as(entries.get(0)).isTrue();
		assertThat(entry.group(1)).isEqualTo("*/5 * * * *");
		String command = entry.group(2).replace("/opt/" + this.artifactId, this.checkout.toString());

		// CI pushes a commit; the next cron run deploys it. cron passes no environment:
		// the stand-in cluster's
		// settings go into deploy.env, which deploy.sh reads first.
		Files.writeString(this.project.resolve("CHANGELOG.md"), "A change pushed after the first deploy.\n");
		git(this.project, "add", "CHANGELOG.md");
		git(this.project, "commit", "--quiet", "-m", "a change");
		git(this.project, "push", "--quiet", "origin", "main");
		String sha = git(this.project, "rev-parse", "HEAD");
		Path env = this.home.resolve(".config").resolve(this.artifactId).resolve("deploy.env");
		StringBuilder settings = new StringBuilder();
		clusterSettings().forEach((name, value) -> settings.append(name.equals("KUBECONFIG") ? "export " : "")
			.append(name)
			.append('=')
			.append(name.equals("PATH") ? value + ":$PATH" : value)
			.append('\n'));
		Files.writeString(env, Files.readString(env) + settings);
		Map<String, String> cron = Map.of("HOME", this.home.toString(), "LOGNAME", System.getProperty("user.name"),
				"USER", System.getProperty("user.name"), "SHELL", "/bin/sh", "PATH", "/usr/bin:/bin");
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(this.home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.shell.log("cron-run").toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().clear();
		builder.environment().putAll(cron);
		Process process = builder.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as("the cron job's command, see %s", this.shell.log("cron-run")).isZero();
		Path log = this.home.resolve(".local/state").resolve(this.artifactId).resolve("deploy.log");
		assertThat(log).content().contains("rolling out: frontend").contains("deployed " + sha);
		assertDeployed(sha);
		this.deployedCommits.add(sha);
		return "real: the README's commands with a stand-in crontab (no cron daemon in the test: it stores the table "
				+ "the commands write); then the entry's command run as cron runs it (/bin/sh, only HOME, LOGNAME, "
				+ "SHELL and PATH=/usr/bin:/bin) after a new commit was pushed: it deployed that commit and logged to "
				+ "the file the README names; the stand-in cluster's settings are appended to deploy.env";
	}

	private String retryWithForce(String block) throws Exception {
		String command = block.replace("/opt/" + this.artifactId, this.checkout.toString());
		Shell.Result result = this.shell.run(this.project, typed(command), clusterEnvironment(), Duration.ofMinutes(5),
				"deploy-force");
		assertThat(result.succeeded()).as("deploy.sh --force, see %s", result.log()).isTrue();
		assertThat(result.output()).contains("deployed " + this.deployedCommits.get(this.deployedCommits.size() - 1));
		return "real (the last commit, not marked: --force deploys it like any run; kubernetes-tests' DeployScriptIT "
				+ "proves --force on a commit an earlier run rolled back)";
	}

	private String rollBack(String block) throws Exception {
		String command = block.replace("--context kind-" + this.artifactId, "--context " + CONTEXT);
		Shell.Result result = this.shell.run(this.project, typed(command), this.controlPlane.environment(),
				Duration.ofMinutes(1), "rollout-undo");
		assertThat(result.succeeded()).as("%s, see %s", command, result.log()).isTrue();
		this.controlPlane.kubectl("rollout", "status", "deployment/frontend", "-n", this.namespace, "--timeout=120s")
			.orThrow();
		assertDeployed(this.deployedCommits.get(this.deployedCommits.size() - 2));
		return "real, against the test control plane (its context instead of kind's): back to the previous commit's "
				+ "image";
	}

	private String installPrometheus(String block) throws Exception {
		String monitoring = "monitoring";
		this.controlPlane.deleteNamespace(monitoring, Duration.ofMinutes(2));
		int kubectl = 0;
		try {
			for (String command : commands(block)) {
				if (command.startsWith("helm ")) {
					continue;
				}
				assertThat(command).startsWith("kubectl ");
				String local = command.replace("--context kind-" + this.artifactId, "--context " + CONTEXT);
				Shell.Result result = this.shell.run(this.project, typed(local), this.controlPlane.environment(),
						Duration.ofMinutes(1), "monitoring-" + kubectl++);
				assertThat(result.succeeded()).as("%s, see %s", local, result.log()).isTrue();
			}
			String copied = this.controlPlane
				.kubectl("get", "secret", "agent-api-token", "-n", monitoring, "-o", "jsonpath={.data.AGENT_API_TOKEN}")
				.orThrow()
				.stdout()
				.strip();
			assertThat(new String(Base64.getDecoder().decode(copied), StandardCharsets.UTF_8))
				.as("the Secret in Prometheus' namespace holds the token deploy.sh stored")
				.isEqualTo(TOKEN);
		}
		finally {
			this.controlPlane.deleteNamespace(monitoring, Duration.ofMinutes(2));
		}
		for (Matcher file = Pattern.compile("--set-file '?[^=]+'?=(\\S+)").matcher(block); file.find();) {
			assertThat(this.project.resolve(file.group(1))).as("a file helm is given").isRegularFile();
		}
		Matcher mount = Pattern.compile("mountPath=([^' ]+)").matcher(block);
		assertThat(mount.find()).isTrue();
		assertThat(Files.readString(this.project.resolve("observability/prometheus-scrape.yml")))
			.as("the scrape jobs read the token where helm mounts the Secret")
			.contains("credentials_file: " + mount.group(1) + "/AGENT_API_TOKEN");
		return "real for the " + kubectl + " kubectl commands, against the test control plane (its context instead "
				+ "of kind's): the token's Secret is copied into the monitoring namespace; stand-in for helm (no chart "
				+ "repository offline): the files it is given exist and it mounts the Secret where "
				+ "prometheus-scrape.yml reads the token; static-checks runs promtool on alerts.yml";
	}

	/** The commands of a block, a line continued with a backslash joined to the next. */
	private static List<String> commands(String block) {
		List<String> commands = new ArrayList<>();
		StringBuilder command = new StringBuilder();
		for (String line : block.lines().toList()) {
			if (line.endsWith("\\")) {
				command.append(line, 0, line.length() - 1);
				continue;
			}
			commands.add(command.append(line).toString().strip());
			command.setLength(0);
		}
		return commands;
	}

	private String cleanUp(String block) {
		assertThat(block).startsWith("terraform -chdir=infra/cdktf.out/stacks/host destroy");
		return "not run: it destroys what `terraform apply` created in AWS, which the walk could not create";
	}

	private String rerender(String block) throws Exception {
		Shell.Result result = this.shell.run(this.project, typed(block), Map.of(), MAVEN_TIMEOUT, "rerender");
		assertThat(result.succeeded()).as("re-render, see %s", result.log()).isTrue();
		assertThat(result.output()).contains("rendered render.yaml").contains("rendered deploy.sh");
		assertThat(git(this.project, "status", "--porcelain")).as("re-rendering without a change changes no file")
			.isEmpty();
		return "real: renders every delivery file again, identical to the committed ones";
	}

	private Map<String, String> clusterSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("KUBECONFIG", this.controlPlane.kubeconfig().toString());
		settings.put("PATH", this.controlPlane.binDirectory().toString());
		settings.put("KUBE_CONTEXT", CONTEXT);
		settings.put("SMOKE_URL", "http://127.0.0.1:" + this.smokeServer.getAddress().getPort());
		settings.put("SMOKE_ATTEMPTS", "5");
		settings.put("SMOKE_INTERVAL", "1");
		settings.put("ROLLOUT_TIMEOUT", "120s");
		return settings;
	}

	private Map<String, String> clusterEnvironment() {
		Map<String, String> env = new LinkedHashMap<>(clusterSettings());
		env.put("PATH", this.controlPlane.binDirectory() + ":" + this.shell.environment().get("PATH"));
		return env;
	}

	private void assertDeployed(String sha) {
		assertThat(get("deployment/frontend", "{.spec.template.spec.containers[0].image}"))
			.isEqualTo(this.frontendImage + ":" + sha);
		assertThat(get("deployment/frontend", "{.status.readyReplicas}/{.status.updatedReplicas}/{.status.replicas}"))
			.isEqualTo("2/2/2");
	}

	private String get(String object, String jsonpath) {
		return this.controlPlane.kubectl("get", object, "-n", this.namespace, "-o", "jsonpath=" + jsonpath)
			.orThrow()
			.stdout()
			.trim();
	}

	private String gitRepository() {
		return properties().getOrDefault("gitRepository", "https://github.com/your-org/" + this.artifactId + ".git");
	}

	private String git(Path directory, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
		command.addAll(List.of(args));
		Shell.Result result = this.shell.run(this.workdir,
				String.join(" ", command.stream().map(ReadmeWalkthrough::quote).toList()), Map.of(),
				Duration.ofMinutes(1), "git");
		assertThat(result.succeeded()).as("%s: %s", command, result.output()).isTrue();
		return result.output().strip();
	}

	private static String quote(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

	private RunLocal startRunLocal(String command, Map<String, String> extra, String logName) throws Exception {
		int[] ports = FreePorts.of(2);
		int agentPort = ports[0];
		int frontendPort = ports[1];
		Map<String, String> env = new LinkedHashMap<>(extra);
		env.put("AGENT_PORT", String.valueOf(agentPort));
		env.put("FRONTEND_PORT", String.valueOf(frontendPort));
		env.put("AGENT_API_TOKEN", TOKEN);
		// A terminal delivers Ctrl-C to a shell whose SIGINT is in its default state; a
		// build started in the
		// background (nohup, a CI runner) hands its children an ignored SIGINT, which
		// bash cannot trap: reset it.
		Process process = this.shell.start(this.project, List.of("env", "--default-signal=INT", "bash", "-c", command),
				env, logName);
		Path log = this.shell.log(logName);
		try {
			await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (!process.isAlive()) {
					fail("run-local.sh stopped before it was ready; see " + log + "\n" + Files.readString(log));
				}
				return Files.readString(log).contains("is ready after");
			});
		}
		catch (ConditionTimeoutException ex) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			fail("run-local.sh was not ready within 8 minutes; see " + log);
		}
		assertThat(Files.readString(log)).contains("http://localhost:" + frontendPort);
		return new RunLocal(process, agentPort, frontendPort, log);
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	/**
	 * A README block as a person types it into a terminal, line after line, stopping at
	 * the first command that fails (no {@code set -e} inside subshells and no pipefail,
	 * as in an interactive shell).
	 */
	private static String typed(String block) {
		StringBuilder script = new StringBuilder();
		block.lines().forEach((line) -> script.append(line).append(" || exit $?\n"));
		return script.toString();
	}

	private void writeReport() {
		List<String> lines = new ArrayList<>();
		lines.add("# README walkthrough: " + name());
		lines.add("");
		lines.add("Generated with " + (properties().isEmpty() ? "the default properties" : properties()) + ".");
		lines.add("");
		lines.add("| README line | block | how it ran | s |");
		lines.add("|---|---|---|---|");
		lines.addAll(this.report);
		try {
			Files.createDirectories(this.workdir);
			Files.write(this.workdir.resolve(name() + "-walkthrough.md"), lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A README step: which blocks it runs, and how; it returns how it ran them, for the
	 * report.
	 */
	private record Step(Predicate<String> matches, Runner run) {
	}

	@FunctionalInterface
	private interface Runner {

		String run(ReadmeWalkthrough walk, String block) throws Exception;

	}

	private record RunLocal(Process process, int agentPort, int frontendPort, Path log) {

		AgentClient agent() {
			return AgentClient.builder().baseUrl("http://127.0.0.1:" + this.agentPort).apiToken(TOKEN).build();
		}

		/**
		 * Ctrl-C: SIGINT to run-local.sh and everything it started, as a terminal sends
		 * it to the foreground process group.
		 */
		void stop() throws Exception {
			List<String> kill = new ArrayList<>(List.of("kill", "-INT", String.valueOf(this.process.pid())));
			this.process.descendants().forEach((child) -> kill.add(String.valueOf(child.pid())));
			new ProcessBuilder(kill).start().waitFor();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
				fail("run-local.sh did not stop within 60 s of Ctrl-C; see " + this.log);
			}
			assertThat(this.process.descendants().filter(ProcessHandle::isAlive).count())
				.as("applications still running after Ctrl-C")
				.isZero();
		}

	}

}
