package dev.project51.agent.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.testsupport.agent.FakeAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client example of docs/agent-api.md and README.md, compiled and run against a local
 * agent; both pages must show exactly the lines between the tags.
 */
class ClientExampleIT {

	private static final Path SOURCE = Path.of("src/test/java/dev/project51/agent/client/ClientExampleIT.java");

	private static final List<Path> PAGES = List.of(Path.of("../docs/agent-api.md"), Path.of("../README.md"));

	@Test
	void theDocumentedExampleRuns() throws IOException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream stdout = System.out;
		try (FakeAgent server = FakeAgent.start()) {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			String agentUrl = server.baseUrl().toString();
			// tag::example[]
			try (AgentClient agent = AgentClient.builder()
				.baseUrl(agentUrl)
				.apiToken(System.getenv("AGENT_API_TOKEN")) // null: send no token
				.build()) {
				ChatReply reply = agent.chat(ChatRequest.of("How do I roll back a release?"));
				System.out.println(reply.reply() + (reply.degraded() ? " (fallback model " + reply.model() + ")" : ""));

				try (ChatStream stream = agent.stream(ChatRequest.of(reply.conversationId(), "And with kubectl?"))) {
					for (StreamEvent event : stream) {
						if (event instanceof StreamEvent.Token token) {
							System.out.print(token.text());
						}
					}
				}
			}
			catch (AgentUnavailableException ex) {
				System.out.println("The agent is unavailable, try again later: " + ex.getMessage());
			}
			// end::example[]
		}
		finally {
			System.setOut(stdout);
		}
		assertThat(printed.toString(StandardCharsets.UTF_8))
			.isEqualTo("Echo: How do I roll back a release?" + System.lineSeparator() + "Echo: And with kubectl?");
	}

	@ParameterizedTest
	@FieldSource("PAGES")
	void thePageShowsThisExample(Path page) throws IOException {
		List<String> source = Files.readAllLines(SOURCE);
		String example = source.subList(indexOf(source, "// tag::example[]") + 1, indexOf(source, "// end::example[]"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.collect(Collectors.joining("\n"));
		String shown = Files.readAllLines(page)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.collect(Collectors.joining("\n"));
		assertThat(shown).as("%s shows the tested example", page).contains(example);
	}

	private static int indexOf(List<String> lines, String marker) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).strip().equals(marker)) {
				return i;
			}
		}
		throw new AssertionError(marker + " not found in " + SOURCE);
	}

}
