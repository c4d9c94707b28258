package dev.project51.examples.terminalchat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.project51.examples.cli.agent.RealAgent;
import dev.project51.testsupport.net.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal chat against a real Project51 agent (the agent starter with its offline
 * local model and built-in knowledge base), started in this JVM on a random port with a
 * token.
 */
class TerminalChatIT {

	private static final String TOKEN = "terminal-chat-test-token";

	@RegisterExtension
	static final RealAgent agent = new RealAgent(TOKEN);

	@Test
	void aMessageOnTheCommandLineIsAnsweredWithItsSources() {
		Run run = run(List.of("How do I roll back a release?"), "", false);
		assertThat(run.status()).isEqualTo(TerminalChat.OK);
		assertThat(run.out()).containsIgnoringCase("roll").endsWith("\n");
		assertThat(run.err()).contains("-- local, ", " ms, sources: ", "knowledge/").doesNotContain(TOKEN);
	}

	@Test
	void aLaterRunContinuesTheConversation() {
		Run first = run(List.of("What is Project51?"), "", false);
		Matcher id = Pattern.compile("conversation (\\S+)").matcher(first.err());
		assertThat(id.find()).as("the conversation id in %s", first.err()).isTrue();

		Run second = run(List.of("--conversation", id.group(1)), "/history\n", false);
		assertThat(second.status()).isEqualTo(TerminalChat.OK);
		assertThat(second.out()).startsWith("you: What is Project51?\nagent (local): ");
	}

	@Test
	void linesAreMessagesOrCommands() {
		Run run = run(List.of(), "How do I deploy?\n\n/history\n/models\n/nonsense\n/new\n/history\n/quit\nignored\n",
				true);
		assertThat(run.status()).isEqualTo(TerminalChat.OK);
		assertThat(run.out()).contains("you: How do I deploy?", "agent (local): ",
				"1. local (local): circuit CLOSED, ");
		assertThat(run.err()).startsWith("Chatting with " + agent.url())
			.contains("you> ", "unknown command /nonsense; /help lists them",
					"(a new conversation starts with your next message)",
					"(no conversation yet: send a message first)");
	}

	@Test
	void modelsListsTheFailoverChain() {
		Run run = run(List.of("--models"), "", false);
		assertThat(run.status()).isEqualTo(TerminalChat.OK);
		assertThat(run.out()).startsWith("1. local (local): circuit CLOSED");
	}

	@Test
	void aWrongTokenSaysWhichVariableToFix() {
		Map<String, String> environment = Map.of("AGENT_URL", agent.url(), "AGENT_API_TOKEN", "not-the-token");
		Run run = run(List.of("hello"), environment, "", false);
		assertThat(run.status()).isEqualTo(TerminalChat.AGENT_FAILED);
		assertThat(run.err()).contains("error: the agent refused the token; set AGENT_API_TOKEN to the agent's token");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aTooLongMessageGetsTheAgentsExplanation() {
		Run run = run(List.of("x".repeat(4001)), "", false);
		assertThat(run.status()).isEqualTo(TerminalChat.AGENT_FAILED);
		assertThat(run.err()).contains("error: ", "message: ");
	}

	@Test
	void anAgentThatIsNotRunningIsNamed() {
		String nobody = "http://127.0.0.1:" + FreePorts.one();
		Run run = run(List.of("hello"), Map.of("AGENT_URL", nobody), "", false);
		assertThat(run.status()).isEqualTo(TerminalChat.AGENT_FAILED);
		assertThat(run.err()).contains("error: cannot reach the agent at " + nobody + "; is it running?");
	}

	@Test
	void helpAndBadCommandLines() {
		Run help = run(List.of("--help"), "", false);
		assertThat(help.status()).isEqualTo(TerminalChat.OK);
		assertThat(help.out()).startsWith("Usage: terminal-chat [-h] [--completion] [--models] [--conversation=ID]")
			.contains("AGENT_API_TOKEN   the agent's bearer token (never on the command line)");

		Run completion = run(List.of("--completion"), "", false);
		assertThat(completion.status()).isEqualTo(TerminalChat.OK);
		assertThat(completion.out()).startsWith("#!/usr/bin/env bash")
			.contains("complete -F _complete_terminal-chat")
			.contains("--conversation")
			.contains("--models");

		Run bad = run(List.of("--token", "abc"), "", false);
		assertThat(bad.status()).isEqualTo(TerminalChat.USAGE);
		assertThat(bad.err()).startsWith("terminal-chat: '--token': pass the token in the environment variable")
			.contains("Try 'terminal-chat --help'.");
	}

	private static Run run(List<String> args, String input, boolean interactive) {
		Map<String, String> environment = new HashMap<>();
		environment.put("AGENT_URL", agent.url());
		environment.put("AGENT_API_TOKEN", TOKEN);
		return run(args, environment, input, interactive);
	}

	private static Run run(List<String> args, Map<String, String> environment, String input, boolean interactive) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
		int status = TerminalChat.run(args, environment, in, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), interactive);
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Run(int status, String out, String err) {

	}

}
