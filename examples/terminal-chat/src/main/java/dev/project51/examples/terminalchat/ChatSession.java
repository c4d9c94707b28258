package dev.project51.examples.terminalchat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentInvalidRequestException;
import dev.project51.agent.client.AgentNotFoundException;
import dev.project51.agent.client.AgentRateLimitedException;
import dev.project51.agent.client.AgentTimeoutException;
import dev.project51.agent.client.AgentUnauthorizedException;
import dev.project51.agent.client.AgentUnavailableException;
import dev.project51.agent.client.ChatStream;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.agent.contract.Role;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.examples.cli.AgentEnvironment;

/**
 * One conversation with the agent on a terminal. Answers go to {@code out} as their
 * tokens arrive; prompts, the answering model, sources and errors go to {@code err}, so
 * the answers can be piped on their own. Everything the agent sends is printed through
 * {@link TerminalText#printable(String)}.
 */
final class ChatSession {

	static final String COMMANDS = """
			/new       start a new conversation
			/history   show this conversation as the agent stored it
			/models    show the agent's models and their circuit states
			/help      show these commands
			/quit      leave (Ctrl-D does too)""";

	private final AgentClient agent;

	private final URI agentUrl;

	private final PrintStream out;

	private final PrintStream err;

	private String conversationId;

	ChatSession(AgentClient agent, URI agentUrl, String conversationId, PrintStream out, PrintStream err) {
		this.agent = agent;
		this.agentUrl = agentUrl;
		this.conversationId = conversationId;
		this.out = out;
		this.err = err;
	}

	/**
	 * The conversation this session continues, once the agent has named it.
	 * @return the conversation id, or {@code null} before the first answer
	 */
	String conversationId() {
		return this.conversationId;
	}

	/**
	 * Sends one message and prints the answer as it streams in.
	 * @param message the message
	 * @return whether the agent answered
	 */
	boolean ask(String message) {
		boolean printed = false;
		boolean atLineStart = true;
		try (ChatStream stream = this.agent.stream(ChatRequest.of(this.conversationId, message))) {
			for (StreamEvent event : stream) {
				if (event instanceof StreamEvent.Meta meta) {
					this.conversationId = meta.conversationId();
				}
				else if (event instanceof StreamEvent.Token token) {
					String text = TerminalText.printable(token.text());
					if (!text.isEmpty()) {
						this.out.print(text);
						this.out.flush();
						printed = true;
						atLineStart = text.endsWith("\n");
					}
				}
				else if (event instanceof StreamEvent.Done done) {
					if (!printed) {
						String reply = TerminalText.printable(done.reply());
						this.out.print(reply);
						atLineStart = reply.isEmpty() || reply.endsWith("\n");
					}
					endLine(atLineStart);
					this.err.println(summary(done));
					return true;
				}
			}
			endLine(atLineStart);
			this.err.println("error: the answer was cancelled");
			return false;
		}
		catch (AgentClientException ex) {
			endLine(atLineStart);
			this.err.println("error: " + describe(ex));
			return false;
		}
	}

	/**
	 * Reads messages and commands line by line until {@code /quit} or the end of the
	 * input.
	 * @param in the input
	 * @param prompt whether to prompt (the input is a terminal)
	 * @return whether every message was answered
	 * @throws IOException if the input cannot be read
	 */
	boolean converse(BufferedReader in, boolean prompt) throws IOException {
		boolean allAnswered = true;
		while (true) {
			if (prompt) {
				this.err.print("you> ");
				this.err.flush();
			}
			String line = in.readLine();
			if (line == null) {
				if (prompt) {
					this.err.println();
				}
				return allAnswered;
			}
			String input = line.strip();
			if (input.isEmpty()) {
				continue;
			}
			if (!input.startsWith("/")) {
				allAnswered &= ask(input);
				continue;
			}
			switch (input.toLowerCase(Locale.ROOT)) {
				case "/quit", "/exit" -> {
					return allAnswered;
				}
				case "/new" -> {
					this.conversationId = null;
					this.err.println("(a new conversation starts with your next message)");
				}
				case "/history" -> history();
				case "/models" -> allAnswered &= models();
				case "/help" -> this.err.println(COMMANDS);
				default -> this.err.println("unknown command " + TerminalText.printable(input) + "; /help lists them");
			}
		}
	}

	/**
	 * Prints the agent's failover chain.
	 * @return whether the agent answered
	 */
	boolean models() {
		try {
			List<ModelStatus> models = this.agent.models();
			for (int i = 0; i < models.size(); i++) {
				ModelStatus model = models.get(i);
				String line = (i + 1) + ". " + model.summary();
				this.out.println(TerminalText.printable(line));
			}
			return true;
		}
		catch (AgentClientException ex) {
			this.err.println("error: " + describe(ex));
			return false;
		}
	}

	private void history() {
		if (this.conversationId == null) {
			this.err.println("(no conversation yet: send a message first)");
			return;
		}
		try {
			Conversation conversation = this.agent.conversation(this.conversationId);
			for (ConversationMessage message : conversation.messages()) {
				String who = (message.role() == Role.USER) ? "you" : "agent (" + message.model() + ")";
				this.out.println(TerminalText.printable(who + ": " + message.text()));
			}
		}
		catch (AgentClientException ex) {
			this.err.println("error: " + describe(ex));
		}
	}

	private void endLine(boolean atLineStart) {
		if (!atLineStart) {
			this.out.println();
		}
		this.out.flush();
	}

	private String summary(StreamEvent.Done done) {
		StringBuilder summary = new StringBuilder("  -- ").append(done.model());
		if (done.degraded()) {
			summary.append(" (fallback: a preferred model is failing)");
		}
		summary.append(", ").append(done.latencyMs()).append(" ms");
		if (!done.citations().isEmpty()) {
			summary.append(", sources: ")
				.append(done.citations()
					.stream()
					.map(ChatSession::source)
					.distinct()
					.collect(Collectors.joining("; ")));
		}
		summary.append(", conversation ").append(this.conversationId);
		return TerminalText.printable(summary.toString());
	}

	private static String source(Citation citation) {
		return (citation.title() != null && !citation.title().isBlank())
				? citation.title() + " (" + citation.source() + ")" : citation.source();
	}

	/**
	 * Says what went wrong, in terms of what the user can do about it.
	 * @param failure the client's exception
	 * @return one or more lines, printable
	 */
	String describe(AgentClientException failure) {
		String detail = failure.problem()
			.map(ProblemDetail::detail)
			.filter((text) -> text != null && !text.isBlank())
			.orElse(failure.getMessage());
		String description;
		if (failure instanceof AgentUnauthorizedException) {
			description = "the agent refused the token; set " + AgentEnvironment.TOKEN_VARIABLE
					+ " to the agent's token";
		}
		else if (failure instanceof AgentUnavailableException unavailable && unavailable.isCircuitOpen()) {
			description = "the agent failed repeatedly, so calls pause for a few seconds (circuit open); try again";
		}
		else if (failure instanceof AgentUnavailableException && failure.isRequestNotSent()) {
			description = "cannot reach the agent at " + this.agentUrl + "; is it running? (./run-example.sh starts"
					+ " one)";
		}
		else if (failure instanceof AgentRateLimitedException limited) {
			description = "too many requests" + (limited.hasRetryAfter()
					? "; try again in " + RetryAfter.seconds(limited.retryAfter()) + " s" : "; try again later");
		}
		else if (failure instanceof AgentNotFoundException) {
			description = "the agent does not know conversation " + this.conversationId + "; /new starts a new one";
		}
		else if (failure instanceof AgentTimeoutException) {
			description = "the agent took too long: " + detail;
		}
		else if (failure instanceof AgentInvalidRequestException) {
			description = detail + failure.problem()
				.map(ProblemDetail::errors)
				.orElse(List.of())
				.stream()
				.map((error) -> System.lineSeparator() + "  " + error.field() + ": " + error.reason())
				.collect(Collectors.joining());
		}
		else {
			description = detail;
		}
		return TerminalText.printable(description);
	}

}
