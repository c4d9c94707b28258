package dev.project51.infra.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.project51.infra.settings.SettingsLoader;
import dev.project51.infra.settings.SettingsLoader.SettingDescription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What the command line asks for. Every setting of {@link SettingsLoader} is an option;
 * their values go to the loader, which also reads the environment and validates.
 *
 * @param out the output directory, or {@code null} when not given
 * @param settingArguments the settings given, as {@code --option=value}
 * @param help whether to print the usage and stop
 */
record Options(String out, List<String> settingArguments, boolean help) {

	private static final Map<String, String> EXAMPLES = examples();

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws UsageException if the command line cannot run
	 */
	static Options parse(List<String> args) throws UsageException {
		Arguments arguments = new Arguments();
		CommandLine commandLine = commandLine(arguments, Map.of());
		try {
			commandLine.parseArgs(args.toArray(String[]::new));
		}
		catch (ParameterException ex) {
			throw new UsageException(CommandLineErrors.describe(ex, EXAMPLES));
		}
		List<String> settings = new ArrayList<>();
		for (SettingDescription setting : SettingsLoader.settings()) {
			String value = commandLine.getCommandSpec().findOption(setting.option()).getValue();
			if (value != null) {
				settings.add(setting.option() + "=" + value);
			}
		}
		return new Options(arguments.out, List.copyOf(settings), arguments.help);
	}

	/**
	 * The help text, with a project's own defaults.
	 * @param projectDefaults the project's defaults by environment variable
	 * @return what {@code --help} prints
	 */
	static String usage(Map<String, String> projectDefaults) {
		return commandLine(new Arguments(), projectDefaults).getUsageMessage(Help.Ansi.OFF);
	}

	private static CommandLine commandLine(Arguments arguments, Map<String, String> projectDefaults) {
		CommandLine commandLine = new CommandLine(arguments);
		for (SettingDescription setting : SettingsLoader.settings()) {
			String projectDefault = projectDefaults.get(setting.environmentVariable());
			String defaultValue = (projectDefault != null && !projectDefault.isBlank())
					? projectDefault + " (this project)" : setting.defaultValue();
			OptionSpec.Builder option = OptionSpec.builder(setting.option())
				.type(String.class)
				.paramLabel("<value>")
				.description(setting.description(),
						"env " + setting.environmentVariable() + ", default " + defaultValue);
			if (setting.flag()) {
				// --name alone means true, as in the loader.
				option.paramLabel("true|false").arity("0..1").fallbackValue("true");
			}
			commandLine.getCommandSpec().addOption(option.build());
		}
		// Later values win, as in the environment: a wrapper may add its own.
		return commandLine.setOverwrittenOptionsAllowed(true);
	}

	private static Map<String, String> examples() {
		Map<String, String> examples = new HashMap<>();
		for (SettingDescription setting : SettingsLoader.settings()) {
			if (!setting.defaultValue().startsWith("(")) {
				examples.put(setting.option(), setting.defaultValue());
			}
		}
		examples.put("--out", Main.DEFAULT_OUT_DIR);
		examples.put("--region", "eu-central-1");
		examples.put("--key-name", "ops");
		examples.put("--ssh-cidrs", "203.0.113.7/32");
		examples.put("--tags", "Owner=alice");
		examples.put("--vpc-id", "vpc-0a1b2c3d");
		examples.put("--subnet-id", "subnet-0a1b2c3d");
		return Map.copyOf(examples);
	}

	@Command(name = "project51-infra", customSynopsis = "project51-infra [--out=<dir>] [--<setting>=<value>...]",
			sortOptions = false, usageHelpWidth = 165,
			description = { "", "Synthesizes the Project51 infrastructure to plain Terraform JSON:",
					"  <out>/stacks/host/cdk.tf.json     EC2 host, applied from your machine",
					"  <out>/stacks/cluster/cdk.tf.json  kind cluster, applied on the host", "",
					"Every setting can be given as an option or as an environment variable; options win.",
					"Blank values count as unset. Options take their value as --name=value or --name value.", "" },
			footerHeading = "%n",
			footer = { "Then apply the host stack with Terraform or OpenTofu (no CDKTF CLI needed):",
					"  terraform -chdir=<out>/stacks/host init", "  terraform -chdir=<out>/stacks/host apply", "",
					"Exit codes: 0 synthesized, 1 synthesis failed, 2 invalid settings or arguments." })
	static final class Arguments {

		@Option(names = "--out", paramLabel = "<dir>",
				description = { "Output directory; Terraform state is kept next to it.",
						"env " + Main.OUT_DIR_ENV + " (or " + Main.CDKTF_OUT_DIR_ENV
								+ ", set by the CDKTF CLI), default " + Main.DEFAULT_OUT_DIR })
		String out;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Prints this help.")
		boolean help;

	}

}
