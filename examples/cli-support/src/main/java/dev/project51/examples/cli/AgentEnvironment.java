package dev.project51.examples.cli;

import java.net.URI;
import java.util.Map;

/**
 * Where the command-line examples find their agent: the URL from an option, else from
 * {@value #URL_VARIABLE}, else {@code http://localhost:8081}; the token only from
 * {@value #TOKEN_VARIABLE}, never from the command line.
 */
public final class AgentEnvironment {

	/** The environment variable with the agent's URL. */
	public static final String URL_VARIABLE = "AGENT_URL";

	/** The environment variable with the agent's bearer token. */
	public static final String TOKEN_VARIABLE = "AGENT_API_TOKEN";

	/** The agent's URL when neither the option nor the variable gives one. */
	public static final URI DEFAULT_URL = URI.create("http://localhost:8081");

	/** The help's description of the option with the agent's URL. */
	public static final String URL_OPTION_HELP = "the agent (default: $AGENT_URL, else http://localhost:8081)";

	/** The help's line on the token variable. */
	public static final String TOKEN_HELP = "  AGENT_API_TOKEN   the agent's bearer token (never on the command line)";

	private AgentEnvironment() {
	}

	/**
	 * The agent's URL.
	 * @param option the option's name, e.g. {@code --url}
	 * @param given the option's value, or {@code null} when it is not given
	 * @param environment the environment variables
	 * @return the URL
	 * @throws UsageException naming the option or the variable if the URL is not one the
	 * client accepts
	 */
	public static URI agentUrl(String option, String given, Map<String, String> environment) throws UsageException {
		String url = (given != null) ? given : environment.get(URL_VARIABLE);
		return (url == null || url.isBlank()) ? DEFAULT_URL
				: HttpUrls.parse(url, (given != null) ? option : URL_VARIABLE);
	}

	/**
	 * The agent's bearer token.
	 * @param environment the environment variables
	 * @return the token without surrounding white space (as the agent and the frontend
	 * read theirs), or {@code null} for none
	 */
	public static String apiToken(Map<String, String> environment) {
		String token = environment.get(TOKEN_VARIABLE);
		return (token == null || token.isBlank()) ? null : token.strip();
	}

}
