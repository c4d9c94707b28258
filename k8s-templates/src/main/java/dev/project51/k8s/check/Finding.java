package dev.project51.k8s.check;

/**
 * One problem the {@link ManifestChecker} found: which rule, where, and what to do.
 *
 * @param rule the rule that failed
 * @param file the file the object came from (as given to the checker)
 * @param line the 1-based line where the object's document starts, or 0 if unknown
 * @param kind the object's kind, or {@code null} if it has none
 * @param name the object's name, or {@code null} if it has none
 * @param message what is wrong and how to fix it
 * @since 0.1.0
 */
public record Finding(Rule rule, String file, int line, String kind, String name, String message) {

	/**
	 * Return the rule id.
	 * @return the id
	 */
	public String ruleId() {
		return this.rule.id();
	}

	/**
	 * Return the severity.
	 * @return the severity
	 */
	public Severity severity() {
		return this.rule.severity();
	}

	/**
	 * Return the object as {@code Kind/name}.
	 * @return the object reference
	 */
	public String object() {
		return ((this.kind != null) ? this.kind : "?") + "/" + ((this.name != null) ? this.name : "?");
	}

	/**
	 * Return the location as {@code file:line}.
	 * @return the location
	 */
	public String location() {
		return (this.line > 0) ? this.file + ":" + this.line : this.file;
	}

	@Override
	public String toString() {
		return severity() + " " + ruleId() + " " + location() + " " + object() + ": " + this.message;
	}

}
