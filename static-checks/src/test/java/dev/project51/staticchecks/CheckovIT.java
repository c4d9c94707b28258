package dev.project51.staticchecks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.project51.infra.SynthesisResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * checkov (PyPI, the version of the root pom) on what this repository ships: the
 * Terraform JSON infra-cdktf synthesizes, the reference deployment's Kubernetes manifests
 * and Dockerfiles, and every GitHub workflow. 0 failed checks, except the checks that
 * {@code static-checks/checkov.yaml} skips, each with its reason; a failure shows
 * checkov's own report. Every file must actually be checked: checkov silently checks
 * nothing in a file it cannot read, so a file without results fails too.
 */
class CheckovIT {

	private static CheckovInputs inputs;

	@BeforeAll
	static void prepareInputs() {
		inputs = CheckovInputs.get();
	}

	@Test
	void synthesizedTerraformJsonOfBothStacksPassesCheckov() {
		Checkov.Scan scan = Checkov.scan("terraform_json", List.of("-d", inputs.terraformDirectory().toString()));
		// checkov has no check for the kind provider, the only one of the cluster stacks:
		// a
		// parsing error there fails the test, but no check runs on it.
		List<Path> hostStacks = inputs.terraformFiles()
			.stream()
			.filter((file) -> file.getParent().getFileName().toString().endsWith("-host"))
			.toList();
		assertThat(hostStacks).hasSize(2);
		assertClean(scan, hostStacks,
				"\nThe stacks were synthesized into "
						+ Repository.relative(inputs.stacks().get("default").outDir().getParent())
						+ " (terraform.required_version left out, see CheckovInputs).");
	}

	@Test
	void kubernetesManifestsPassCheckov() {
		Path k8s = Repository.example().resolve("k8s");
		Checkov.Scan scan = Checkov.scan("kubernetes", List.of("-d", k8s.toString()));
		List<Path> workloads = new ArrayList<>();
		for (Path manifest : Repository.yamlFiles(k8s)) {
			if (read(manifest).contains("\nkind: Deployment\n")) {
				workloads.add(manifest);
			}
		}
		assertThat(workloads).as("Deployments in %s", k8s).isNotEmpty();
		assertClean(scan, workloads, "");
	}

	@Test
	void dockerfilesPassCheckov() {
		assertClean(Checkov.scan("dockerfile", dockerfileTargets()), dockerfiles(), "");
	}

	@Test
	void githubWorkflowsPassCheckov() {
		Checkov.Scan scan = Checkov.scan("github_actions", List.of("-d", inputs.workflowsRoot().toString()));
		assertThat(inputs.workflowSources().values().stream().map(Repository::relative))
			.contains(".github/workflows/ci.yml", ".github/workflows/project51-build-push.yml",
					".github/workflow-templates/project51-delivery.yml",
					"examples/project51/.github/workflows/main.yml")
			.anyMatch((file) -> file.contains("generated/" + GeneratedProject.ARTIFACT_ID + "/.github/workflows/"));
		StringBuilder copies = new StringBuilder("\nThe workflows checked are copies (see CheckovInputs):\n");
		inputs.workflowSources()
			.forEach((copy, source) -> copies.append("  ")
				.append(Repository.relative(copy))
				.append(" is ")
				.append(Repository.relative(source))
				.append('\n'));
		assertClean(scan, List.copyOf(inputs.workflowSources().keySet()), copies.toString());
	}

	@Test
	void everySkippedCheckHasAReasonAndStillFindsSomething() {
		Map<String, String> skips = CheckovSkips.read(Checkov.configuration());
		assertThat(skips).as("skipped checks in %s", Checkov.configuration()).isNotEmpty();
		skips.forEach((id, reason) -> {
			assertThat(id).as("a check id").matches("CKV[23]?_[A-Z0-9]+_[0-9]+");
			assertThat(reason).as("the reason for skipping %s, as the comment on its line", id).hasSizeGreaterThan(20);
		});
		Set<String> found = new TreeSet<>();
		List<String> reports = new ArrayList<>();
		for (Checkov.Scan scan : List.of(
				Checkov.scanOnly("terraform_json", skips.keySet(),
						List.of("-d", inputs.terraformDirectory().toString())),
				Checkov.scanOnly("kubernetes", skips.keySet(),
						List.of("-d", Repository.example().resolve("k8s").toString())),
				Checkov.scanOnly("dockerfile", skips.keySet(), dockerfileTargets()),
				Checkov.scanOnly("github_actions", skips.keySet(), List.of("-d", inputs.workflowsRoot().toString())))) {
			found.addAll(scan.failedCheckIds());
			reports.add(scan.report());
		}
		assertThat(found)
			.overridingErrorMessage(
					() -> "these skipped checks find nothing any more; remove them from " + Checkov.configuration()
							+ ": " + new TreeSet<>(skips.keySet()).stream().filter((id) -> !found.contains(id)).toList()
							+ "\n" + String.join("\n", reports))
			.containsAll(skips.keySet());
	}

	@Test
	void checkovStillCannotParseRequiredVersionInTheTerraformBlock() {
		SynthesisResult stacks = inputs.stacks().get("default");
		assertThat(read(stacks.hostStack())).contains("\"required_version\"");
		Checkov.Scan scan = Checkov.scanAll("terraform_json", List.of("-f", stacks.hostStack().toString()));
		assertThat(scan.parsingErrors())
			.overridingErrorMessage(() -> "checkov parses terraform.required_version now "
					+ "(bridgecrewio/checkov#7454 fixed): check the synthesized JSON as it is, drop "
					+ "CheckovInputs.withoutRequiredVersion\n" + scan.report())
			.isNotEmpty();
	}

	@Test
	void checkovStillIgnoresAWorkflowWithAnExpressionInCancelInProgress() {
		Path workflow = Repository.example().resolve(".github/workflows/main.yml");
		assertThat(CheckovInputs.CANCEL_IN_PROGRESS_EXPRESSION.matcher(read(workflow)).find())
			.as("%s has an expression in cancel-in-progress", workflow)
			.isTrue();
		Path root = Repository.workDirectory("checkov-canary/workflow");
		Path copy = root.resolve(".github/workflows/main.yml");
		try {
			Files.createDirectories(copy.getParent());
			Files.copy(workflow, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		Checkov.Scan scan = Checkov.scanAll("github_actions", List.of("-d", root.toString()));
		assertThat(scan.checkCount())
			.overridingErrorMessage(() -> "checkov reads a workflow with an expression in "
					+ "cancel-in-progress now: check the workflows as they are, drop "
					+ "CheckovInputs.withBooleanCancelInProgress\n" + scan.report())
			.isZero();
	}

	private static void assertClean(Checkov.Scan scan, List<Path> files, String note) {
		assertThat(scan.parsingErrors())
			.overridingErrorMessage(() -> "checkov could not parse " + scan.parsingErrors()
					+ ", so it checked nothing in them:\n" + scan.report() + note)
			.isEmpty();
		Set<Path> checked = scan.checkedFiles();
		List<String> unchecked = files.stream()
			.map((file) -> file.toAbsolutePath().normalize())
			.filter((file) -> !checked.contains(file))
			.map(Repository::relative)
			.toList();
		assertThat(unchecked)
			.overridingErrorMessage(() -> "checkov ran no check on " + unchecked
					+ " (it skips a file it cannot read without a parsing error):\n" + scan.report() + note)
			.isEmpty();
		assertThat(scan.failures())
			.overridingErrorMessage(() -> "checkov found " + scan.failures().size()
					+ " failed checks; fix them at their source, or skip a check in " + Checkov.configuration()
					+ " with the reason:\n" + scan.report() + note)
			.isEmpty();
		assertThat(scan.result().exitCode()).as(scan.report()).isZero();
	}

	private static List<Path> dockerfiles() {
		return List.of(Repository.example().resolve("backend/Dockerfile"),
				Repository.example().resolve("frontend/Dockerfile"));
	}

	private static List<String> dockerfileTargets() {
		List<String> targets = new ArrayList<>();
		dockerfiles().forEach((file) -> targets.addAll(List.of("-f", file.toString())));
		return targets;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
