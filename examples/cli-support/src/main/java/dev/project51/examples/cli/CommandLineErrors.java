package dev.project51.examples.cli;

import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's parse errors into messages that say what is wrong and how to fix it.
 */
public final class CommandLineErrors {

	private CommandLineErrors() {
	}

	/**
	 * Describes a command line picocli refused.
	 * @param ex what picocli threw
	 * @param tokenVariable the environment variable a token belongs in
	 * @param examples an example value per option name, for options given without one
	 * @return the message
	 */
	public static String describe(ParameterException ex, String tokenVariable, Map<String, String> examples) {
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
			if (name.startsWith("-") && name.toLowerCase(Locale.ROOT).contains("token")) {
				return "'" + name + "': pass the token in the environment variable " + tokenVariable
						+ ", never on the command line (other users of the machine can read command lines)";
			}
			return name.startsWith("-") ? "unknown option '" + name + "'" : "unexpected argument '" + argument + "'";
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
				&& missing.getMissing().get(0) instanceof OptionSpec option) {
			String name = option.longestName();
			return name + " needs a value, e.g. " + name + " " + examples.getOrDefault(name, option.paramLabel());
		}
		return ex.getMessage();
	}

}
