package dev.project51.staticchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.project51.testsupport.tools.Command;

/**
 * Runs checkov on one framework's inputs and reads its JSON report; its own text report
 * is what a failing test shows.
 * <p>
 * Always with {@code --skip-download}: without it checkov asks the Prisma Cloud API for
 * guidelines on every run, which no test may do (and which fails offline). The version
 * check against PyPI is off too ({@code CKV_SKIP_PACKAGE_UPDATE_CHECK}).
 */
final class Checkov {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final AtomicInteger RUNS = new AtomicInteger();

	private Checkov() {
	}

	/**
	 * Returns the repository's checkov configuration: the skipped checks with their
	 * reasons.
	 * @return static-checks/checkov.yaml
	 */
	static Path configuration() {
		return Repository.root().resolve("static-checks/checkov.yaml");
	}

	/**
	 * Runs checkov with the repository's configuration ({@code --config-file}).
	 * @param framework the checkov framework, e.g. {@code kubernetes}
	 * @param targets {@code -d DIR} or {@code -f FILE} arguments
	 * @return the scan
	 */
	static Scan scan(String framework, List<String> targets) {
		List<String> options = new ArrayList<>(List.of("--config-file", configuration().toString()));
		options.addAll(targets);
		return run(framework, options);
	}

	/**
	 * Runs only the given checks, without the repository's configuration.
	 * @param framework the checkov framework
	 * @param checks the check ids
	 * @param targets {@code -d DIR} or {@code -f FILE} arguments
	 * @return the scan
	 */
	static Scan scanOnly(String framework, Collection<String> checks, List<String> targets) {
		List<String> options = new ArrayList<>(List.of("--check", String.join(",", checks)));
		options.addAll(targets);
		return run(framework, options);
	}

	/**
	 * Runs every check of a framework, without the repository's configuration.
	 * @param framework the checkov framework
	 * @param targets {@code -d DIR} or {@code -f FILE} arguments
	 * @return the scan
	 */
	static Scan scanAll(String framework, List<String> targets) {
		return run(framework, targets);
	}

	private static Scan run(String framework, List<String> options) {
		Path output = Repository.workDirectory("checkov-reports").resolve(framework + "-" + RUNS.incrementAndGet());
		Path cli = output.resolve("report.txt");
		Path json = output.resolve("report.json");
		try {
			Files.createDirectories(output);
			Files.deleteIfExists(cli);
			Files.deleteIfExists(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>(List.of(Tools.checkov().toString(), "--framework", framework,
				"--skip-download", "--compact", "-o", "cli", "-o", "json", "--output-file-path", cli + "," + json));
		command.addAll(options);
		Command.Result result = Command.of(command)
			.env("CKV_SKIP_PACKAGE_UPDATE_CHECK", "true")
			.in(Repository.root())
			.timeout(Duration.ofMinutes(5))
			.run();
		if (result.exitCode() > 1 || !Files.isRegularFile(json) || !Files.isRegularFile(cli)) {
			throw new AssertionError("checkov did not run:\n" + result.describe());
		}
		try {
			return new Scan(result, Files.readString(cli, StandardCharsets.UTF_8), JSON.readTree(json.toFile()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One checkov run.
	 *
	 * @param result the process: exit code 1 when a check failed, and what checkov
	 * printed besides its reports (parsing errors and their tracebacks)
	 * @param cliReport checkov's text report, every check with its result
	 * @param json checkov's JSON report: one object, a list of them (one per framework),
	 * or only a summary when nothing was checked
	 */
	record Scan(Command.Result result, String cliReport, JsonNode json) {

		private List<JsonNode> reports() {
			List<JsonNode> reports = new ArrayList<>();
			if (this.json.isArray()) {
				this.json.forEach(reports::add);
			}
			else if (this.json.has("results")) {
				reports.add(this.json);
			}
			return reports;
		}

		private List<JsonNode> checks(String kind) {
			List<JsonNode> checks = new ArrayList<>();
			for (JsonNode report : reports()) {
				report.path("results").path(kind).forEach(checks::add);
			}
			return checks;
		}

		/**
		 * Returns the failed checks as {@code CHECK_ID file resource}.
		 * @return one line per failure
		 */
		List<String> failures() {
			return checks("failed_checks").stream()
				.map((check) -> check.path("check_id").asText() + " " + check.path("file_path").asText() + " "
						+ check.path("resource").asText())
				.toList();
		}

		/**
		 * Returns the ids of the failed checks.
		 * @return the check ids
		 */
		Set<String> failedCheckIds() {
			Set<String> ids = new TreeSet<>();
			checks("failed_checks").forEach((check) -> ids.add(check.path("check_id").asText()));
			return ids;
		}

		/**
		 * Returns the files some check ran on, passed or failed.
		 * @return absolute paths
		 */
		Set<Path> checkedFiles() {
			Set<Path> files = new LinkedHashSet<>();
			List<JsonNode> all = new ArrayList<>(checks("passed_checks"));
			all.addAll(checks("failed_checks"));
			for (JsonNode check : all) {
				files.add(Path.of(check.path("file_abs_path").asText()).toAbsolutePath().normalize());
			}
			return files;
		}

		/**
		 * Returns how many checks ran, passed or failed.
		 * @return the number of check results
		 */
		int checkCount() {
			return checks("passed_checks").size() + checks("failed_checks").size();
		}

		/**
		 * Returns the files checkov could not parse.
		 * @return the files as checkov names them
		 */
		List<String> parsingErrors() {
			List<String> files = new ArrayList<>();
			for (JsonNode report : reports()) {
				report.path("results").path("parsing_errors").forEach((file) -> files.add(file.asText()));
			}
			if (files.isEmpty() && this.json.path("summary").path("parsing_errors").asInt() > 0) {
				files.add(this.json.path("summary").path("parsing_errors").asInt() + " files");
			}
			if (files.isEmpty() && this.json.path("parsing_errors").asInt() > 0) {
				files.add(this.json.path("parsing_errors").asInt() + " files");
			}
			return files;
		}

		/**
		 * Returns checkov's own report, shortened to what a failure needs: the summary,
		 * every failed check with its resource and lines, and what checkov printed about
		 * files it could not parse.
		 * @return the report
		 */
		String report() {
			StringBuilder report = new StringBuilder("$ ").append(String.join(" ", this.result.command())).append("\n");
			List<String> block = new ArrayList<>();
			for (String line : this.cliReport.split("\n")) {
				if (line.startsWith("Check: ")) {
					appendIfFailed(report, block);
					block.clear();
					block.add(line);
				}
				else if (!block.isEmpty() && line.startsWith("\t")) {
					block.add(line);
				}
				else {
					appendIfFailed(report, block);
					block.clear();
					if (line.contains("scan results:") || line.startsWith("Passed checks:")
							|| line.startsWith("Error parsing file")) {
						report.append(line).append('\n');
					}
				}
			}
			appendIfFailed(report, block);
			if (!parsingErrors().isEmpty()) {
				report.append("\nwhat checkov printed:\n").append(this.result.output());
			}
			return report.toString();
		}

		private static void appendIfFailed(StringBuilder report, List<String> block) {
			if (block.size() > 1 && block.get(1).contains("FAILED")) {
				block.forEach((line) -> report.append(line).append('\n'));
			}
		}

	}

}
