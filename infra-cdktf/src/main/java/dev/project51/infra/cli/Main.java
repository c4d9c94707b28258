package dev.project51.infra.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.project51.infra.SynthesisResult;
import dev.project51.infra.Synthesizer;
import dev.project51.infra.settings.InfraSettings;
import dev.project51.infra.settings.InvalidSettingsException;
import dev.project51.infra.settings.SettingsLoader;
import dev.project51.infra.settings.Violation;

/**
 * Command-line entry point: reads the settings from {@code PROJECT51_*} environment
 * variables and {@code --*} options, synthesizes both stacks and prints how to apply
 * them. Run with {@code --help} for every setting.
 * <p>
 * Exit codes: 0 on success, 2 for invalid settings or arguments, 1 when synthesis fails.
 *
 * @since 0.1.0
 */
public final class Main {

	/** Environment variable naming the output directory. */
	public static final String OUT_DIR_ENV = "PROJECT51_OUT_DIR";

	/**
	 * Environment variable the CDKTF CLI sets to its output directory; used when
	 * {@link #OUT_DIR_ENV} is unset.
	 */
	public static final String CDKTF_OUT_DIR_ENV = "CDKTF_OUTDIR";

	/** Default output directory, the one the CDKTF CLI uses too. */
	public static final String DEFAULT_OUT_DIR = "cdktf.out";

	/** Exit code for success. */
	public static final int OK = 0;

	/** Exit code when synthesis fails. */
	public static final int FAILED = 1;

	/** Exit code for invalid settings or arguments. */
	public static final int USAGE = 2;

	private static final String HINT = "Run with --help to list every setting with its environment variable and default.";

	private Main() {
	}

	/**
	 * Runs the command line and exits the JVM with its exit code.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		int status = run(args, System.getenv(), System.out, System.err);
		System.exit(status);
	}

	/**
	 * Runs the command line without exiting the JVM, for embedding and tests.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @param out where results and help go
	 * @param err where errors go
	 * @return the exit code: {@link #OK}, {@link #USAGE} or {@link #FAILED}
	 */
	public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		return run(args, Map.of(), environment, out, err);
	}

	/**
	 * Runs the command line for a project with defaults of its own, without exiting the
	 * JVM: the environment overrides the project's defaults, which override the
	 * library's, and {@code --help} shows the project's defaults.
	 * @param args the arguments
	 * @param projectDefaults the project's defaults by environment variable, e.g.
	 * {@code PROJECT51_AWS_REGION=eu-central-1}
	 * @param environment the environment variables
	 * @param out where results and help go
	 * @param err where errors go
	 * @return the exit code: {@link #OK}, {@link #USAGE} or {@link #FAILED}
	 */
	public static int run(String[] args, Map<String, String> projectDefaults, Map<String, String> environment,
			PrintStream out, PrintStream err) {
		Map<String, String> merged = new HashMap<>(projectDefaults);
		environment.forEach((key, value) -> {
			if (value != null && !value.isBlank()) {
				merged.put(key, value);
			}
		});
		return runMerged(args, projectDefaults, merged, out, err);
	}

	private static int runMerged(String[] args, Map<String, String> projectDefaults, Map<String, String> environment,
			PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(List.of(args));
		}
		catch (UsageException ex) {
			err.println("error: " + ex.getMessage());
			err.println(HINT);
			return USAGE;
		}
		if (options.help()) {
			out.print(usage(projectDefaults));
			return OK;
		}
		String outDir = (options.out() != null) ? options.out()
				: environment.getOrDefault(OUT_DIR_ENV, environment.getOrDefault(CDKTF_OUT_DIR_ENV, ""));
		Path outPath;
		try {
			outPath = Path.of(outDir.isBlank() ? DEFAULT_OUT_DIR : outDir.trim());
		}
		catch (InvalidPathException ex) {
			err.println("error: the output directory '" + outDir + "' (" + OUT_DIR_ENV + " or --out) is not a valid "
					+ "path: " + ex.getReason());
			return USAGE;
		}
		InfraSettings settings;
		try {
			settings = SettingsLoader.load(environment, options.settingArguments());
		}
		catch (InvalidSettingsException ex) {
			err.println("error: invalid settings:");
			for (Violation violation : ex.violations()) {
				err.println("  - " + violation.message());
			}
			err.println(HINT);
			return USAGE;
		}
		try {
			SynthesisResult result = Synthesizer.synthesize(settings, outPath);
			out.print(summary(result, settings));
			return OK;
		}
		catch (RuntimeException ex) {
			err.println("error: synthesis failed: " + ex.getMessage());
			err.println("Synthesis needs node (https://nodejs.org, version 22 or newer) on the PATH, or JSII_NODE "
					+ "pointing at it.");
			return FAILED;
		}
	}

	/**
	 * Returns the {@code --help} text.
	 * @return the usage
	 */
	public static String usage() {
		return usage(Map.of());
	}

	/**
	 * Returns the {@code --help} text with a project's own defaults.
	 * @param projectDefaults the project's defaults by environment variable
	 * @return the usage
	 */
	public static String usage(Map<String, String> projectDefaults) {
		return Options.usage(projectDefaults);
	}

	private static String summary(SynthesisResult result, InfraSettings settings) {
		StringBuilder summary = new StringBuilder();
		summary.append("Synthesized the host stack:    ").append(result.hostStack()).append('\n');
		summary.append("Synthesized the cluster stack: ").append(result.clusterStack()).append('\n');
		summary.append('\n').append("Create the host (from this machine, with AWS credentials):").append('\n');
		summary.append("  terraform -chdir=").append(result.hostStackDirectory()).append(" init").append('\n');
		summary.append("  terraform -chdir=").append(result.hostStackDirectory()).append(" apply").append('\n');
		if (settings.host().createClusterOnBoot()) {
			summary.append("The host creates the kind cluster itself at first boot (see the bootstrap_log output).")
				.append('\n');
		}
		else {
			summary.append("Then copy ")
				.append(result.clusterStack())
				.append(" to the host and apply it there with terraform init && terraform apply.")
				.append('\n');
		}
		return summary.toString();
	}

}
