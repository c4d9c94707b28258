package dev.project51.examples.terminalchat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.project51.agent.contract.AgentApi;

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
 */
record Options(URI agentUrl, String apiToken, String conversationId, String message, boolean listModels, boolean help) {

	static final String URL_VARIABLE = "AGENT_URL";

	static final String TOKEN_VARIABLE = "AGENT_API_TOKEN";

	static final URI DEFAULT_URL = URI.create("http://localhost:8081");

	static final String USAGE = """
			Usage: terminal-chat [options] [message...]

			Chat with a Project51 agent; answers stream to the terminal as they are generated.
			With a message: send it, print the answer and exit. Without: read one message per line
			(commands: /new, /history, /models, /help, /quit).

			Options:
			  --url URL            the agent (default: $AGENT_URL, else http://localhost:8081)
			  --conversation ID    continue this conversation instead of starting a new one
			  --models             list the agent's models (its failover chain) and exit
			  -h, --help           show this help

			Environment:
			  AGENT_URL            the agent's URL, when --url is not given
			  AGENT_API_TOKEN      the agent's bearer token (never on the command line)

			The answer goes to standard output; the model, sources and errors to standard error.
			Exit status: 0 answered, 1 the agent failed, 2 bad command line.
			""";

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @param environment the environment variables
	 * @return the options
	 * @throws UsageException if the command line cannot run
	 */
	static Options parse(List<String> args, Map<String, String> environment) throws UsageException {
		String url = null;
		String conversationId = null;
		boolean listModels = false;
		boolean help = false;
		List<String> words = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!words.isEmpty() || !arg.startsWith("-") || arg.equals("-")) {
				words.add(arg);
				continue;
			}
			if (arg.equals("--")) {
				words.addAll(args.subList(i + 1, args.size()));
				break;
			}
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			switch (name) {
				case "-h", "--help" -> help = true;
				case "--models" -> listModels = true;
				case "--url" -> {
					url = (value != null) ? value : valueOf(args, ++i, name, "http://localhost:8081");
				}
				case "--conversation" -> {
					conversationId = (value != null) ? value : valueOf(args, ++i, name, "c-3f9a2b");
				}
				default -> {
					if (name.toLowerCase(Locale.ROOT).contains("token")) {
						throw new UsageException("'" + name + "': pass the token in the environment variable "
								+ TOKEN_VARIABLE + ", never on the command line (other users of the machine can"
								+ " read command lines)");
					}
					throw new UsageException("unknown option '" + name + "'");
				}
			}
		}
		String message = words.isEmpty() ? null : String.join(" ", words);
		if (message != null && message.isBlank()) {
			throw new UsageException("the message is empty; write one, e.g. terminal-chat \"How do I roll back?\"");
		}
		if (listModels && message != null) {
			throw new UsageException("--models lists the agent's models and takes no message");
		}
		if (conversationId != null && !AgentApi.CONVERSATION_ID.matcher(conversationId).matches()) {
			throw new UsageException("--conversation '" + conversationId + "': a conversation id is 1 to 64 letters,"
					+ " digits, '-' or '_', starting with a letter or digit, e.g. --conversation c-3f9a2b");
		}
		String source = (url != null) ? "--url" : URL_VARIABLE;
		if (url == null) {
			url = environment.get(URL_VARIABLE);
		}
		URI agentUrl = (url == null || url.isBlank()) ? DEFAULT_URL : agentUrl(url.trim(), source);
		String token = environment.get(TOKEN_VARIABLE);
		return new Options(agentUrl, (token == null || token.isBlank()) ? null : token.trim(), conversationId, message,
				listModels, help);
	}

	private static String valueOf(List<String> args, int index, String name, String example) throws UsageException {
		if (index >= args.size() || args.get(index).startsWith("-")) {
			throw new UsageException(name + " needs a value, e.g. " + name + " " + example);
		}
		return args.get(index);
	}

	private static URI agentUrl(String url, String source) throws UsageException {
		String problem = source + " '" + url + "': use the agent's http or https URL, e.g. http://localhost:8081";
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				throw new UsageException(problem);
			}
			if (uri.getRawUserInfo() != null) {
				throw new UsageException(source + ": the URL must not carry credentials; set " + TOKEN_VARIABLE
						+ " to the agent's token instead");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new UsageException(problem);
		}
	}

	@Override
	public String toString() {
		return "Options[agentUrl=" + this.agentUrl + ", apiToken=" + ((this.apiToken != null) ? "(set)" : "(none)")
				+ ", conversationId=" + this.conversationId + ", listModels=" + this.listModels + "]";
	}

}
