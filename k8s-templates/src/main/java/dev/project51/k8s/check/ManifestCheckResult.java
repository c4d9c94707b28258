package dev.project51.k8s.check;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The outcome of {@link ManifestChecker#check}: the findings in a stable order (file,
 * line, rule) plus what was checked. Use {@link #assertClean()} in a JUnit test.
 *
 * @since 0.1.0
 */
public final class ManifestCheckResult {

	private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
		.thenComparingInt(Finding::line)
		.thenComparing(Finding::rule)
		.thenComparing(Finding::message);

	private final List<Finding> findings;

	private final int files;

	private final int objects;

	ManifestCheckResult(List<Finding> findings, int files, int objects) {
		this.findings = findings.stream().sorted(ORDER).toList();
		this.files = files;
		this.objects = objects;
	}

	/**
	 * Return every finding, errors and warnings.
	 * @return the findings in stable order
	 */
	public List<Finding> findings() {
		return this.findings;
	}

	/**
	 * Return the findings of one rule.
	 * @param rule the rule
	 * @return its findings
	 */
	public List<Finding> findings(Rule rule) {
		return this.findings.stream().filter((finding) -> finding.rule() == rule).toList();
	}

	/**
	 * Return the findings with severity {@link Severity#ERROR}.
	 * @return the errors
	 */
	public List<Finding> errors() {
		return this.findings.stream().filter((finding) -> finding.severity() == Severity.ERROR).toList();
	}

	/**
	 * Return the findings with severity {@link Severity#WARNING}.
	 * @return the warnings
	 */
	public List<Finding> warnings() {
		return this.findings.stream().filter((finding) -> finding.severity() == Severity.WARNING).toList();
	}

	/**
	 * Return the ids of the rules that produced findings.
	 * @return the rule ids, sorted
	 */
	public Set<String> ruleIds() {
		return this.findings.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Return whether there is at least one error.
	 * @return whether errors were found
	 */
	public boolean hasErrors() {
		return !errors().isEmpty();
	}

	/**
	 * Return whether nothing at all was found.
	 * @return whether the manifests are clean
	 */
	public boolean isClean() {
		return this.findings.isEmpty();
	}

	/**
	 * Return the number of YAML files checked.
	 * @return the file count
	 */
	public int filesChecked() {
		return this.files;
	}

	/**
	 * Return the number of Kubernetes objects checked.
	 * @return the object count
	 */
	public int objectsChecked() {
		return this.objects;
	}

	/**
	 * Fail with an {@link AssertionError} that lists every finding unless the manifests
	 * are clean (no errors and no warnings).
	 * @throws AssertionError if anything was found
	 */
	public void assertClean() {
		if (!isClean()) {
			throw new AssertionError("Expected clean Kubernetes manifests, but the checker found:\n" + report());
		}
	}

	/**
	 * Fail with an {@link AssertionError} that lists every error unless there are none;
	 * warnings are allowed.
	 * @throws AssertionError if an error was found
	 */
	public void assertNoErrors() {
		if (hasErrors()) {
			throw new AssertionError(
					"Expected no errors in the Kubernetes manifests, but the checker found:\n" + report(errors()));
		}
	}

	/**
	 * Return a human-readable report: one line per finding and a summary line.
	 * @return the report
	 */
	public String report() {
		return report(this.findings);
	}

	private String report(List<Finding> selected) {
		StringBuilder report = new StringBuilder();
		selected.forEach((finding) -> report.append(finding).append('\n'));
		report.append(summary()).append('\n');
		return report.toString();
	}

	/**
	 * Return a one-line summary, e.g. {@code 3 files, 7 objects: 1 error, 0 warnings}.
	 * @return the summary
	 */
	public String summary() {
		int errors = errors().size();
		int warnings = warnings().size();
		return this.files + ((this.files == 1) ? " file, " : " files, ") + this.objects
				+ ((this.objects == 1) ? " object: " : " objects: ") + errors
				+ ((errors == 1) ? " error, " : " errors, ") + warnings + ((warnings == 1) ? " warning" : " warnings");
	}

	@Override
	public String toString() {
		return summary();
	}

}
