package dev.project51.infra.cli;

import java.util.Map;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
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
	 * @param examples an example value per option name, for options given without one
	 * @return the message
	 */
	static String describe(ParameterException ex, Map<String, String> examples) {
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
			if (name.startsWith("-")) {
				return "unknown option '" + name + "'" + (unmatched.getSuggestions().isEmpty() ? ""
						: "; did you mean " + unmatched.getSuggestions().get(0) + "?");
			}
			return "unexpected argument '" + argument + "'; options look like --region=eu-central-1";
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
				&& missing.getMissing().get(0) instanceof OptionSpec option) {
			String name = option.longestName();
			String what = "<dir>".equals(option.paramLabel()) ? "a directory" : "a value";
			return "option " + name + " needs " + what + ", for example " + name + "="
					+ examples.getOrDefault(name, option.paramLabel());
		}
		return ex.getMessage();
	}

}
