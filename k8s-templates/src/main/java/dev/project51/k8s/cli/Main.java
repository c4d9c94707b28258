package dev.project51.k8s.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.check.ManifestCheckResult;
import dev.project51.k8s.check.ManifestChecker;
import dev.project51.k8s.check.Rule;
import dev.project51.k8s.delivery.DeliveryFiles;

/**
 * Command line of the k8s templates: {@code render} the delivery set, {@code check}
 * manifests, list the {@code rules}. Exit codes: 0 success, 1 findings or failure, 2 bad
 * usage or an invalid setting.
 *
 * <pre>
 * java -cp project51-k8s-templates.jar:… dev.project51.k8s.cli.Main render --out . --app-name shop --image-repository docker.io/acme
 * java -cp … dev.project51.k8s.cli.Main check k8s/
 * java -cp … dev.project51.k8s.cli.Main render --help
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
			err.print(Options.usage());
			return USAGE;
		}
		try {
			Options options = Options.parse(List.of(args));
			return switch (options.action()) {
				case HELP, COMPLETION -> {
					out.print(options.text());
					yield OK;
				}
				case RENDER -> render(options, out);
				case CHECK -> check(options, out);
				case RULES -> rules(out);
			};
		}
		catch (UsageException ex) {
			err.println("error: " + ex.getMessage());
			err.println(hint(args));
			return USAGE;
		}
		catch (InvalidSettingException ex) {
			err.println("error: invalid setting (" + SettingFlags.option(ex.getSetting()) + "): " + ex.getMessage());
			return USAGE;
		}
		catch (UncheckedIOException | IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			return FAILED;
		}
	}

	private static int render(Options options, PrintStream out) {
		List<Path> files = DeliveryFiles.render(options.settings(), options.out());
		files.forEach((file) -> out.println(options.out().resolve(file)));
		return OK;
	}

	private static int check(Options options, PrintStream out) throws UsageException {
		ManifestChecker checker;
		try {
			checker = options.skip().isEmpty() ? ManifestChecker.defaults()
					: ManifestChecker.skipping(options.skip().toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
		ManifestCheckResult result = checker.check(options.paths());
		out.print(result.report());
		boolean failed = result.hasErrors() || (options.strict() && !result.isClean());
		return failed ? FAILED : OK;
	}

	private static int rules(PrintStream out) {
		for (Rule rule : Rule.values()) {
			out.printf(Locale.ROOT, "%-50s %-7s %s%n", rule.id(), rule.severity(), rule.description());
		}
		return OK;
	}

	private static String hint(String[] args) {
		String command = (args.length > 0 && List.of("render", "check", "rules").contains(args[0])) ? args[0] + " "
				: "";
		return "Run with " + command + "--help for usage.";
	}

}
