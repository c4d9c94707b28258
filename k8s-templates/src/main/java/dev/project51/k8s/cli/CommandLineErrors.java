package dev.project51.k8s.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into messages that say what is wrong and how to fix it.
 */
final class CommandLineErrors {

	private CommandLineErrors() {
	}

	/**
	 * Describes a command line picocli refused.
	 * @param ex what picocli threw
	 * @param args the command line
	 * @param examples an example value per option name, for options given without one,
	 * and what a command needs per {@code command PARAM-LABEL}, for missing parameters
	 * @return the message
	 */
	static String describe(ParameterException ex, List<String> args, Map<String, String> examples) {
		CommandSpec command = ex.getCommandLine().getCommandSpec();
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
			String didYouMean = unmatched.getSuggestions().isEmpty() ? ""
					: "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
			if (name.startsWith("-")) {
				return "unknown option '" + name + "'" + didYouMean;
			}
			if (!command.subcommands().isEmpty()) {
				List<String> commands = List.copyOf(command.subcommands().keySet());
				return "unknown command '" + argument + "'; use "
						+ String.join(", ", commands.subList(0, commands.size() - 1)) + " or "
						+ commands.get(commands.size() - 1);
			}
			return command.name() + " takes no argument '" + argument + "'";
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
			ArgSpec spec = missing.getMissing().get(0);
			if (spec instanceof OptionSpec option) {
				String name = option.longestName();
				String example = examples.getOrDefault(name, option.paramLabel());
				if (given(args, option)) {
					return name + " needs a value, e.g. " + name + " " + example;
				}
				return command.name() + " needs " + name + " " + option.paramLabel() + ", e.g. " + command.name() + " "
						+ name + " " + example;
			}
			return examples.getOrDefault(command.name() + " " + spec.paramLabel(),
					command.name() + " needs " + spec.paramLabel());
		}
		if (ex instanceof OverwrittenOptionException overwritten
				&& overwritten.getOverwritten() instanceof OptionSpec option) {
			return option.longestName() + " given more than once";
		}
		if (ex.getCause() instanceof TypeConversionException && ex.getArgSpec() instanceof OptionSpec option) {
			Class<?> type = option.type();
			if (type == boolean.class || type == Boolean.class) {
				return option.longestName() + " is a switch and takes no value, but was given '" + ex.getValue() + "'";
			}
			if (type == int.class || type == Integer.class) {
				return option.longestName() + " needs a whole number, but was '" + ex.getValue() + "'";
			}
			return option.longestName() + " '" + ex.getValue() + "': " + ex.getCause().getMessage();
		}
		return ex.getMessage();
	}

	private static boolean given(List<String> args, OptionSpec option) {
		for (String name : option.names()) {
			if (args.contains(name) || args.stream().anyMatch((argument) -> argument.startsWith(name + "="))) {
				return true;
			}
		}
		return false;
	}

}
