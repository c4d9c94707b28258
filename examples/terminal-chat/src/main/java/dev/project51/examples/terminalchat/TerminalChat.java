package dev.project51.examples.terminalchat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import dev.project51.agent.client.AgentClient;
import dev.project51.examples.cli.UsageException;

/**
 * A terminal chat with a Project51 agent:
 * {@code java -jar terminal-chat.jar [options] [message]}. See {@code --help}, or the
 * example's README.
 */
public final class TerminalChat {

	static final int OK = 0;

	static final int AGENT_FAILED = 1;

	static final int USAGE = 2;

	private TerminalChat() {
	}

	/**
	 * Runs the chat and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(run(List.of(args), System.getenv(), System.in, System.out, System.err, System.console() != null));
	}

	/**
	 * Runs the chat.
	 * @param args the command line
	 * @param environment the environment variables
	 * @param in where messages are read from, one per line
	 * @param out where answers go
	 * @param err where prompts, details and errors go
	 * @param interactive whether the input is a terminal (prompt for each line)
	 * @return the exit status: {@value #OK}, {@value #AGENT_FAILED} or {@value #USAGE}
	 */
	static int run(List<String> args, Map<String, String> environment, InputStream in, PrintStream out, PrintStream err,
			boolean interactive) {
		Options options;
		try {
			options = Options.parse(args, environment);
		}
		catch (UsageException ex) {
			ex.print("terminal-chat", err);
			return USAGE;
		}
		if (options.help()) {
			out.print(Options.usage());
			return OK;
		}
		if (options.completion()) {
			out.print(Options.completionScript());
			return OK;
		}
		AgentClient client;
		try {
			client = AgentClient.builder()
				.baseUrl(options.agentUrl())
				.apiToken(options.apiToken())
				.userAgent("project51-terminal-chat")
				.build();
		}
		catch (IllegalArgumentException ex) {
			err.println("terminal-chat: " + ex.getMessage());
			return USAGE;
		}
		try (AgentClient agent = client) {
			Thread closeOnExit = new Thread(agent::close, "terminal-chat-close");
			registerShutdownHook(closeOnExit);
			try {
				ChatSession session = new ChatSession(agent, options.agentUrl(), options.conversationId(), out, err);
				if (options.listModels()) {
					return session.models() ? OK : AGENT_FAILED;
				}
				if (options.message() != null) {
					return session.ask(options.message()) ? OK : AGENT_FAILED;
				}
				if (interactive) {
					err.println("Chatting with " + options.agentUrl() + ". Type a message; /help lists the commands.");
				}
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
				return session.converse(reader, interactive) ? OK : AGENT_FAILED;
			}
			finally {
				removeShutdownHook(closeOnExit);
			}
		}
		catch (IOException ex) {
			err.println("terminal-chat: cannot read the input: " + ex.getMessage());
			return AGENT_FAILED;
		}
	}

	private static void registerShutdownHook(Thread hook) {
		// Ctrl-C: cancel a running answer, so the agent sees the connection go away.
		Runtime.getRuntime().addShutdownHook(hook);
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down; the hook runs.
		}
	}

}
