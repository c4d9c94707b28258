package dev.project51.examples.terminalchat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.project51.agent.contract.AgentApi;
import dev.project51.examples.cli.AgentEnvironment;
import dev.project51.examples.cli.CommandLineErrors;
import dev.project51.examples.cli.UsageException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * What the command line and the environment ask for.
 *
 * @param agentUrl the agent's base URL
 * @param apiToken the agent's bearer token, from {@code AGENT_API_TOKEN}; {@code null}
 * for none
 * @param conversationId the conversation to continue, or {@code null} to start a new one
 * @param message the one message to send, or {@code null} to chat line by line
 * @param listModels whether to list the agent's models instead of chatting
 * @param help whether to print the usage and stop
 * @param completion whether to print the completion script and stop
 */
record Options(URI agentUrl, String apiToken, String conversationId, String message, boolean listModels, boolean help,
		boolean completion) {

	private static final Map<String, String> EXAMPLES = Map.of("--url", "http://localhost:8081", "--conversation",
			"c-3f9a2b");

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @return the options
	 * @throws UsageException if the command line cannot run
	 */
	static Options parse(List<String> args, Map<String, String> environment) throws UsageException {
		Arguments arguments = new Arguments();
		try {
			commandLine(arguments).parseArgs(args.toArray(String[]::new));
		}
		catch (ParameterException ex) {
			throw new UsageException(CommandLineErrors.describe(ex, AgentEnvironment.TOKEN_VARIABLE, EXAMPLES));
		}
		String message = arguments.words.isEmpty() ? null : String.join(" ", arguments.words);
		if (message != null && message.isBlank()) {
			throw new UsageException("the message is empty; write one, e.g. terminal-chat \"How do I roll back?\"");
		}
		if (arguments.listModels && message != null) {
			throw new UsageException("--models lists the agent's models and takes no message");
		}
		String conversationId = arguments.conversationId;
		if (conversationId != null && !AgentApi.CONVERSATION_ID.matcher(conversationId).matches()) {
			throw new UsageException("--conversation '" + conversationId + "': a conversation id is 1 to 64 letters,"
					+ " digits, '-' or '_', starting with a letter or digit, e.g. --conversation c-3f9a2b");
		}
		return new Options(AgentEnvironment.agentUrl("--url", arguments.url, environment),
				AgentEnvironment.apiToken(environment), conversationId, message, arguments.listModels, arguments.help,
				arguments.completion);
	}

	/**
	 * The help text.
	 * @return what {@code --help} prints
	 */
	static String usage() {
		return commandLine(new Arguments()).getUsageMessage(Help.Ansi.OFF);
	}

	/**
	 * A completion script for bash and zsh.
	 * @return what {@code --completion} prints
	 */
	static String completionScript() {
		return AutoComplete.bash("terminal-chat", commandLine(new Arguments()));
	}

	private static CommandLine commandLine(Arguments arguments) {
		// Everything after the first word of the message is the message, "--help"
		// included.
		return new CommandLine(arguments).setStopAtPositional(true);
	}

	@Command(name = "terminal-chat", sortOptions = false, usageHelpWidth = 100,
			description = { "Chat with a Project51 agent; answers stream to the terminal as they are generated.",
					"With a message: send it, print the answer and exit. Without: read one message per line "
							+ "(commands: /new, /history, /models, /help, /quit).",
					"" },
			footerHeading = "%nEnvironment:%n",
			footer = { "  AGENT_URL         the agent's URL, when --url is not given", AgentEnvironment.TOKEN_HELP, "",
					"The answer goes to standard output; the model, sources and errors to standard error.",
					"Exit status: 0 answered, 1 the agent failed, 2 bad command line." })
	static final class Arguments {

		@Option(names = "--url", paramLabel = "URL", description = AgentEnvironment.URL_OPTION_HELP)
		String url;

		@Option(names = "--conversation", paramLabel = "ID",
				description = "continue this conversation instead of starting a new one")
		String conversationId;

		@Option(names = "--models", description = "list the agent's models (its failover chain) and exit")
		boolean listModels;

		@Option(names = "--completion", description = "print a completion script for bash and zsh and exit")
		boolean completion;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
		boolean help;

		@Parameters(paramLabel = "MESSAGE", arity = "0..*",
				description = "the message to send; without one, chat line by line")
		List<String> words = new ArrayList<>();

	}

	@Override
	public String toString() {
		return "Options[agentUrl=" + this.agentUrl + ", apiToken=" + ((this.apiToken != null) ? "(set)" : "(none)")
				+ ", conversationId=" + this.conversationId + ", listModels=" + this.listModels + "]";
	}

}
