package dev.project51.staticchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.project51.infra.SynthesisResult;
import dev.project51.infra.Synthesizer;
import dev.project51.infra.settings.InfraSettings;
import dev.project51.infra.settings.SettingsLoader;

/**
 * What checkov reads, prepared once: the Terraform JSON infra-cdktf synthesizes (both
 * stacks, for the default host and for a host with SSH), and every workflow gathered
 * under one {@code .github/workflows} directory, where checkov looks for them.
 * <p>
 * Two inputs are adapted around checkov bugs, nothing else is changed, and each
 * adaptation has a test that fails once checkov no longer needs it:
 * <ul>
 * <li>{@code terraform.required_version} is left out of the Terraform JSON: checkov's
 * {@code terraform_json} parser fails on any scalar in the {@code terraform} block and
 * then checks nothing in the file (bridgecrewio/checkov#7454). That block holds only
 * Terraform's own settings, which no checkov check reads.</li>
 * <li>an expression in {@code concurrency.cancel-in-progress} is replaced by {@code true}
 * (keeping the line numbers): checkov validates workflows against an old schema that
 * allows only a boolean there and silently ignores a workflow that does not match it,
 * checking nothing. GitHub and actionlint accept the expression; no checkov check reads
 * {@code concurrency}.</li>
 * </ul>
 */
final class CheckovInputs {

	static final Pattern CANCEL_IN_PROGRESS_EXPRESSION = Pattern
		.compile("(?m)^(\\s*cancel-in-progress:\\s*)\\$\\{\\{.*}}\\s*$");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static CheckovInputs instance;

	private final Map<String, SynthesisResult> stacks;

	private final Path terraformDirectory;

	private final List<Path> terraformFiles;

	private final Path workflowsRoot;

	private final Map<Path, Path> workflowSources;

	private CheckovInputs(Map<String, SynthesisResult> stacks, Path terraformDirectory, List<Path> terraformFiles,
			Path workflowsRoot, Map<Path, Path> workflowSources) {
		this.stacks = stacks;
		this.terraformDirectory = terraformDirectory;
		this.terraformFiles = terraformFiles;
		this.workflowsRoot = workflowsRoot;
		this.workflowSources = workflowSources;
	}

	/**
	 * Prepares the inputs the first time (synthesis takes a few seconds), then returns
	 * them.
	 * @return the inputs
	 */
	static synchronized CheckovInputs get() {
		if (instance == null) {
			instance = prepare();
		}
		return instance;
	}

	private static CheckovInputs prepare() {
		Map<String, InfraSettings> variants = new LinkedHashMap<>();
		variants.put("default", InfraSettings.defaults());
		variants.put("ssh", SettingsLoader.load(Map.of(), List.of("--ssh-cidrs=203.0.113.7/32", "--key-name=ops")));
		Map<String, SynthesisResult> stacks = new LinkedHashMap<>();
		Path terraform = Repository.workDirectory("checkov-input/terraform");
		List<Path> terraformFiles = new ArrayList<>();
		for (Map.Entry<String, InfraSettings> variant : variants.entrySet()) {
			SynthesisResult result = Synthesizer.synthesize(variant.getValue(),
					Repository.workDirectory("synthesized/" + variant.getKey()));
			stacks.put(variant.getKey(), result);
			terraformFiles.add(withoutRequiredVersion(result.hostStack(),
					terraform.resolve(variant.getKey() + "-host").resolve(Synthesizer.STACK_FILE)));
			terraformFiles.add(withoutRequiredVersion(result.clusterStack(),
					terraform.resolve(variant.getKey() + "-cluster").resolve(Synthesizer.STACK_FILE)));
		}
		Path workflowsRoot = Repository.workDirectory("checkov-input/workflows");
		Path workflowsDir = workflowsRoot.resolve(".github/workflows");
		Map<Path, Path> workflowSources = new LinkedHashMap<>();
		for (Path source : allWorkflows()) {
			String name = stagedName(source);
			workflowSources.put(withBooleanCancelInProgress(source, workflowsDir.resolve(name)), source);
		}
		return new CheckovInputs(stacks, terraform, terraformFiles, workflowsRoot, workflowSources);
	}

	/**
	 * Every workflow actionlint and checkov check: the repository's (with its workflow
	 * template) and a freshly generated project's.
	 * @return the workflow files
	 */
	static List<Path> allWorkflows() {
		List<Path> workflows = new ArrayList<>(Repository.workflows());
		workflows.addAll(Repository.yamlFiles(GeneratedProject.directory().resolve(".github/workflows")));
		return workflows;
	}

	private static String stagedName(Path source) {
		String relative = Repository.relative(source);
		if (relative.startsWith(".github/")) {
			return source.getFileName().toString();
		}
		if (relative.startsWith("examples/project51/")) {
			return "example-" + source.getFileName();
		}
		return "generated-" + source.getFileName();
	}

	/**
	 * Copies a synthesized stack without {@code terraform.required_version}.
	 * @param stack the synthesized {@code cdk.tf.json}
	 * @param target where the copy goes
	 * @return the copy
	 */
	static Path withoutRequiredVersion(Path stack, Path target) {
		try {
			JsonNode tree = JSON.readTree(stack.toFile());
			JsonNode terraform = tree.path("terraform");
			if (terraform instanceof ObjectNode block) {
				block.remove("required_version");
			}
			Files.createDirectories(target.getParent());
			JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), tree);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies a workflow with a boolean in place of an expression in
	 * {@code cancel-in-progress}.
	 * @param workflow the workflow
	 * @param target where the copy goes
	 * @return the copy
	 */
	static Path withBooleanCancelInProgress(Path workflow, Path target) {
		try {
			String text = Files.readString(workflow, StandardCharsets.UTF_8);
			String adapted = CANCEL_IN_PROGRESS_EXPRESSION.matcher(text)
				.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + "true"));
			Files.createDirectories(target.getParent());
			Files.writeString(target, adapted, StandardCharsets.UTF_8);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the synthesized stacks (unadapted), by variant.
	 * @return {@code default} and {@code ssh}
	 */
	Map<String, SynthesisResult> stacks() {
		return this.stacks;
	}

	/**
	 * Returns the directory with the adapted stacks.
	 * @return the directory
	 */
	Path terraformDirectory() {
		return this.terraformDirectory;
	}

	/**
	 * Returns the adapted stacks, host and cluster of each variant.
	 * @return the files
	 */
	List<Path> terraformFiles() {
		return this.terraformFiles;
	}

	/**
	 * Returns the directory whose {@code .github/workflows} holds every workflow.
	 * @return the directory
	 */
	Path workflowsRoot() {
		return this.workflowsRoot;
	}

	/**
	 * Returns the staged workflows with the file each was copied from.
	 * @return staged file to source file
	 */
	Map<Path, Path> workflowSources() {
		return this.workflowSources;
	}

}
