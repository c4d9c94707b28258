package dev.project51.agent.server.autoconfigure;

/**
 * What a context that failed to start says.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * The messages of a failure and all its causes, a line each.
	 * @param failure the failure
	 * @return the messages
	 */
	static String allMessages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
