package dev.project51.k8s.delivery;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.internal.SettingChecks;

/**
 * The CI workflow, {@code .github/workflows/main.yml}: the branch it tests, publishes and
 * deploys, and how it builds and tests.
 *
 * @param branch the branch that is tested, published and deployed
 * @param javaVersion the Java feature release the workflow builds with
 * @param testCommand the command the workflow runs to build and test, one line
 * @since 0.1.0
 */
public record WorkflowSettings(String branch, String javaVersion, String testCommand) {

	/**
	 * Validate the settings.
	 * @param branch the branch
	 * @param javaVersion the Java version
	 * @param testCommand the test command
	 */
	public WorkflowSettings {
		SettingChecks.notNull("branch", branch);
		if (!branch.matches("[A-Za-z0-9._/-]+") || branch.startsWith("-") || branch.contains("..")) {
			throw new InvalidSettingException("branch", branch,
					"branch must be a git branch name (letters, digits, '.', '_', '/', '-'), but was '" + branch + "'");
		}
		SettingChecks.notNull("javaVersion", javaVersion);
		if (!javaVersion.matches("[1-9][0-9]*")) {
			throw new InvalidSettingException("javaVersion", javaVersion,
					"javaVersion must be a Java feature release such as 17 or 21, but was '" + javaVersion + "'");
		}
		SettingChecks.singleLine("testCommand", testCommand);
	}

	/**
	 * Start from the defaults: branch {@code main}, Java 17, {@code mvn -B -ntp verify}.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder pre-filled with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder().branch(this.branch).javaVersion(this.javaVersion).testCommand(this.testCommand);
	}

	/**
	 * Builder for {@link WorkflowSettings}; {@link #build()} validates.
	 */
	public static final class Builder {

		private String branch = "main";

		private String javaVersion = "17";

		private String testCommand = "mvn -B -ntp verify";

		private Builder() {
		}

		/**
		 * Set the deployed branch (default {@code main}).
		 * @param branch the branch
		 * @return this builder
		 */
		public Builder branch(String branch) {
			this.branch = branch;
			return this;
		}

		/**
		 * Set the Java version of the workflow (default 17).
		 * @param javaVersion the version
		 * @return this builder
		 */
		public Builder javaVersion(String javaVersion) {
			this.javaVersion = javaVersion;
			return this;
		}

		/**
		 * Set the workflow's build and test command (default {@code mvn -B -ntp verify}).
		 * @param testCommand the command
		 * @return this builder
		 */
		public Builder testCommand(String testCommand) {
			this.testCommand = testCommand;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException if a setting is invalid
		 */
		public WorkflowSettings build() {
			return new WorkflowSettings(this.branch, this.javaVersion, this.testCommand);
		}

	}

}
