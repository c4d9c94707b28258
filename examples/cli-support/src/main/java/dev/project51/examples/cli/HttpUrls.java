package dev.project51.examples.cli;

import java.net.URI;

import dev.project51.agent.client.AgentClient;

/**
 * Reads a URL from the command line or the environment with the agent client's own check,
 * so that a URL the examples accept is one their client accepts.
 */
public final class HttpUrls {

	private static final String CLIENT_PARAMETER = "baseUrl";

	private HttpUrls() {
	}

	/**
	 * Reads an http or https URL without credentials, query or fragment.
	 * @param value the URL as given
	 * @param source where it came from, named in the message: an option such as
	 * {@code --url} or an environment variable such as {@code AGENT_URL}
	 * @return the URL
	 * @throws UsageException naming the source, the value and the fix if the client would
	 * refuse the URL
	 */
	public static URI parse(String value, String source) throws UsageException {
		try {
			AgentClient.builder().baseUrl(value);
		}
		catch (IllegalArgumentException ex) {
			// The client names its parameter; the command line names where the value came
			// from.
			String message = ex.getMessage();
			throw new UsageException(message.startsWith(CLIENT_PARAMETER + " ")
					? source + message.substring(CLIENT_PARAMETER.length()) : source + ": " + message);
		}
		return URI.create(value.trim());
	}

}
