package dev.project51.k8s.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.project51.k8s.delivery.DeliveryFiles;
import dev.project51.k8s.delivery.DeliverySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the command line {@link Main}.
 */
class MainTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void rendersTheDeliverySetWithTheGivenSettings(@TempDir Path dir) throws IOException {
		int code = run("render", "--out", dir.toString(), "--app-name", "shop", "--image-repository=docker.io/acme",
				"--agent-in-cluster", "--autoscaling", "--autoscaling-max", "6", "--frontend-memory-limit", "1Gi",
				"--frontend-memory-request", "1Gi", "--ai-provider", "openai-compatible", "--smoke-paths",
				"/actuator/health/readiness");
		assertThat(code).as(err()).isZero();
		assertThat(out()).contains(dir.resolve("deploy.sh").toString()).contains(dir.resolve("render.yaml").toString());
		assertThat(Files.readString(dir.resolve("k8s/frontend-deployment.yaml")))
			.contains("image: docker.io/acme/shop-frontend:set-by-deploy-sh")
			.contains("memory: 1Gi");
		assertThat(Files.readString(dir.resolve("k8s/frontend-hpa.yaml"))).contains("maxReplicas: 6");
		assertThat(dir.resolve("k8s/agent-deployment.yaml")).exists();
		assertThat(Files.readString(dir.resolve("render.yaml"))).contains("key: OPENAI_COMPATIBLE_BASE_URL")
			.doesNotContain("key: OPENAI_API_KEY");
		assertThat(Files.readString(dir.resolve("k8s/agent-deployment.yaml"))).contains("value: openai-compatible")
			.contains("name: OPENAI_COMPATIBLE_API_KEY");
	}

	@Test
	void renderWithoutFlagsEqualsTheJavaApiDefaults(@TempDir Path dir) throws IOException {
		assertThat(run("render", "--out", dir.toString())).isZero();
		for (var entry : DeliveryFiles.contents(DeliverySettings.defaults()).entrySet()) {
			assertThat(Files.readString(dir.resolve(entry.getKey()))).isEqualTo(entry.getValue());
		}
	}

	@Test
	void checkExitsOneOnErrorsAndZeroWhenClean(@TempDir Path dir) throws IOException {
		DeliveryFiles.render(DeliverySettings.defaults(), dir);
		assertThat(run("check", dir.resolve("k8s").toString())).isZero();
		assertThat(out()).contains("8 files, 8 objects: 0 errors, 0 warnings");
		Files.writeString(dir.resolve("k8s/frontend-deployment.yaml"),
				Files.readString(dir.resolve("k8s/frontend-deployment.yaml"))
					.replace("imagePullPolicy: IfNotPresent", "imagePullPolicy: Always")
					.replace("replicas: 2", "replicas: 1"));
		this.out.reset();
		assertThat(run("check", dir.resolve("k8s").toString())).isEqualTo(Main.FAILED);
		assertThat(out()).contains("ERROR deployment-replicas").contains("WARNING container-image-pull-policy");
		this.out.reset();
		assertThat(run("check", "--skip", "deployment-replicas", dir.resolve("k8s").toString())).isZero();
		assertThat(run("check", "--strict", "--skip", "deployment-replicas", dir.resolve("k8s").toString()))
			.isEqualTo(Main.FAILED);
	}

	@Test
	void badUsageExitsTwoWithAClearMessage() {
		assertThat(run()).isEqualTo(Main.USAGE);
		assertThat(err()).contains("Usage:");
		assertUsageError(new String[] { "deploy" }, "unknown command 'deploy'; use render, check, rules or help");
		assertUsageError(new String[] { "render" }, "render needs --out DIR");
		assertUsageError(new String[] { "render", "--out", "x", "--colour", "blue" }, "unknown option '--colour'");
		assertUsageError(new String[] { "render", "--out", "x", "--app-nam", "shop" },
				"unknown option '--app-nam'; did you mean --app-name?");
		assertUsageError(new String[] { "render", "--out", "x", "--out", "y" }, "--out given more than once");
		assertUsageError(new String[] { "render", "--out", "x", "extra" }, "render takes no argument 'extra'");
		assertUsageError(new String[] { "render", "--out", "x", "--app-name" },
				"--app-name needs a value, e.g. --app-name shop");
		assertUsageError(new String[] { "render", "--out", "--app-name", "shop" }, "--out needs a value");
		assertUsageError(new String[] { "render", "--out", "x", "--allow-single-replica=yes" },
				"--allow-single-replica is a switch and takes no value, but was given 'yes'");
		assertUsageError(new String[] { "help", "deploy" }, "help: unknown command 'deploy'");
		assertUsageError(new String[] { "--completion", "rules" }, "takes no command");
		assertUsageError(new String[] { "render", "--out", "x", "--frontend-replicas", "two" },
				"--frontend-replicas needs a whole number, but was 'two'");
		assertUsageError(new String[] { "render", "--out" }, "--out needs a value");
		assertUsageError(new String[] { "render", "--out", "x", "--autoscaling-min", "3" }, "need --autoscaling");
		assertUsageError(new String[] { "check" }, "check needs at least one file or folder");
		assertUsageError(new String[] { "check", "--skip", "nope", "k8s" }, "Unknown rule id 'nope'");
	}

	@Test
	void invalidSettingNamesTheFlag(@TempDir Path dir) {
		assertThat(run("render", "--out", dir.toString(), "--frontend-replicas", "1")).isEqualTo(Main.USAGE);
		assertThat(err()).contains("(--frontend-replicas)").contains("frontendReplicas must be >= 2, but was 1");
		this.err.reset();
		assertThat(run("render", "--out", dir.toString(), "--autoscaling", "--autoscaling-min", "1")).isEqualTo(2);
		assertThat(err()).contains("(--autoscaling-min)");
		this.err.reset();
		assertThat(run("render", "--out", dir.toString(), "--frontend-cpu-request=2")).isEqualTo(Main.USAGE);
		assertThat(err()).startsWith("error: invalid setting (--frontend-cpu-request): cpuRequest must not exceed");
		this.err.reset();
		assertThat(run("render", "--out", dir.toString(), "--shutdown-timeout", "0")).isEqualTo(Main.USAGE);
		assertThat(err()).contains("(--shutdown-timeout)");
		this.err.reset();
		assertThat(run("render", "--out", dir.toString(), "--ai-provider", "mistral")).isEqualTo(Main.USAGE);
		assertThat(err()).contains("(--ai-provider)");
		assertThat(dir.resolve("deploy.sh")).doesNotExist();
	}

	@Test
	void missingPathToCheckExitsOne() {
		assertThat(run("check", "no/such/dir")).isEqualTo(Main.FAILED);
		assertThat(err()).contains("No such file or folder: no/such/dir");
	}

	@Test
	void badUsageHintsAtTheHelpOfTheCommand() {
		assertThat(run("render", "--out", "x", "--frontend-replicas")).isEqualTo(Main.USAGE);
		assertThat(err()).isEqualTo("""
				error: --frontend-replicas needs a value, e.g. --frontend-replicas 3
				Run with render --help for usage.
				""");
		assertThat(out()).isEmpty();
	}

	@Test
	void helpListsTheCommandsAndExitCodes() {
		assertThat(run("--help")).isZero();
		assertThat(out()).startsWith("Usage: project51-k8s [-h] [--completion] (render | check | rules | help)")
			.contains("dev.project51.k8s.cli.Main")
			.contains("  render ")
			.contains("  check ")
			.contains("  rules ")
			.contains("Exit codes: 0 success, 1 findings or failure, 2 bad usage or invalid setting.");
		String help = out();
		this.out.reset();
		assertThat(run("help")).isZero();
		assertThat(out()).isEqualTo(help);
		this.out.reset();
		assertThat(run("-h")).isZero();
		assertThat(out()).isEqualTo(help);
		assertThat(err()).isEmpty();
	}

	@Test
	void renderHelpShowsEveryOptionWithItsDefault() {
		assertThat(run("render", "--help")).isZero();
		String help = out();
		assertThat(help).startsWith("Usage: project51-k8s render --out=DIR [OPTIONS]")
			.contains("--image-repository=REPO")
			.contains("(default: docker.io/project51)")
			.contains(DeliverySettings.DEFAULT_KIND_NODE_IMAGE + "\n")
			.contains("--frontend-memory-limit=Q")
			.contains("(default: 768Mi)")
			.contains("--no-network-policies");
		List<String> switches = List.of("--out=DIR", "--allow-single-replica", "--autoscaling ", "--agent-in-cluster",
				"--no-network-policies", "-h, --help");
		help.lines()
			.filter((line) -> line.matches(" {2,6}-.*"))
			.filter((line) -> switches.stream().noneMatch(line::contains))
			.forEach((line) -> assertThat(line).as("an option without its default").contains("default"));
		this.out.reset();
		assertThat(run("help", "render")).isZero();
		assertThat(out()).isEqualTo(help);
	}

	@Test
	void checkAndRulesHaveHelpToo() {
		assertThat(run("check", "--help")).isZero();
		assertThat(out()).startsWith("Usage: project51-k8s check [-h] [--strict] [--skip=IDS] PATH...");
		this.out.reset();
		assertThat(run("rules", "-h")).isZero();
		assertThat(out()).startsWith("Usage: project51-k8s rules");
	}

	@Test
	void rulesListsTheCheckersRules() {
		assertThat(run("rules")).isZero();
		assertThat(out()).contains("deployment-has-poddisruptionbudget").contains("container-seccomp-profile");
	}

	@Test
	void completionScriptCompletesCommandsAndOptions() {
		assertThat(run("--completion")).isZero();
		assertThat(out()).contains("complete -F _complete_project51-k8s")
			.contains("render check rules help")
			.contains("--frontend-replicas")
			.contains("--strict");
	}

	@Test
	void optionValuesMayFollowAnEqualsSignAndSwitchesTakeNone(@TempDir Path dir) throws IOException {
		assertThat(run("render", "--out=" + dir, "--app-name=shop", "--frontend-replicas=3", "--no-network-policies",
				"--render-build-filter", " backend/src/** , pom.xml,"))
			.as(err())
			.isZero();
		assertThat(Files.readString(dir.resolve("k8s/frontend-deployment.yaml"))).contains("replicas: 3")
			.contains("namespace: shop");
		assertThat(dir.resolve("k8s")).isDirectoryNotContaining("glob:**networkpolicy*");
		assertThat(Files.readString(dir.resolve("render.yaml"))).contains("- \"backend/src/**\"")
			.contains("- \"pom.xml\"");
	}

	private void assertUsageError(String[] args, String message) {
		this.err.reset();
		assertThat(run(args)).as(String.join(" ", args)).isEqualTo(Main.USAGE);
		assertThat(err()).contains(message).contains("--help");
	}

	private int run(String... args) {
		return Main.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
