package dev.project51.reliability.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.FakeOpenAiServer;
import dev.project51.agent.server.testsupport.FakeOpenAiServer.Fault;
import dev.project51.reliability.deployment.FrontendChat;
import dev.project51.reliability.deployment.ReferenceDeployment;
import dev.project51.reliability.deployment.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider fault, end to end: the browser's path (the frontend's stream, relayed
 * from the agent's stream) and the API path (the agent's blocking chat through
 * {@link AgentClient}). Whatever the provider does, the user gets an answer from the
 * local model, or, when the provider fails in the middle of an answer already shown, an
 * error event written for people; and the next message after the provider heals is
 * answered by the primary again.
 */
class ProviderFaultMatrixIT {

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

	private static final List<String> rows = new ArrayList<>();

	private static ReferenceDeployment deployment;

	private static AgentClient client;

	@BeforeAll
	static void start() {
		deployment = ReferenceDeployment.shared();
		client = deployment.agentClient();
	}

	@AfterAll
	static void report() {
		client.close();
		Report report = new Report("provider-faults", "Provider fault matrix")
			.line("Primary: fake OpenAI-compatible server (model timeout 1 s, first token 1.5 s, idle 1 s); fallback:"
					+ " the local model. Time = from sending the message to the end of the answer.")
			.line("")
			.line("| fault | path | outcome | time |")
			.line("|---|---|---|---|");
		rows.forEach(report::line);
		report.write();
	}

	@AfterEach
	void heal() {
		deployment.provider().heal();
	}

	static Stream<Arguments> faults() {
		return Stream.of(
				Arguments.of("HTTP 500 on every call", (Supplier<Fault>) () -> Fault.status(500), Outcome.LOCAL,
						Outcome.LOCAL),
				Arguments.of("HTTP 429 on every call", (Supplier<Fault>) () -> Fault.status(429), Outcome.LOCAL,
						Outcome.LOCAL),
				Arguments.of("no answer within the timeout", (Supplier<Fault>) () -> Fault.delay(Duration.ofSeconds(3)),
						Outcome.LOCAL, Outcome.LOCAL),
				Arguments.of("headers sent, then the body stalls",
						(Supplier<Fault>) () -> Fault.stalledBody(Duration.ofSeconds(20)), Outcome.LOCAL,
						Outcome.LOCAL),
				Arguments.of("malformed JSON", (Supplier<Fault>) Fault::malformedJson, Outcome.LOCAL, Outcome.LOCAL),
				Arguments.of("connection dropped before the first token", (Supplier<Fault>) () -> Fault.dropAfter(0),
						Outcome.LOCAL, Outcome.LOCAL),
				Arguments.of("first token later than the first-token timeout",
						(Supplier<Fault>) () -> Fault.slow(Duration.ofMillis(2500), Duration.ZERO), Outcome.LOCAL,
						Outcome.LOCAL),
				Arguments.of("connection dropped after two tokens", (Supplier<Fault>) () -> Fault.dropAfter(2),
						Outcome.ERROR_EVENT, Outcome.LOCAL),
				Arguments.of("stream stalls after its first token",
						(Supplier<Fault>) () -> Fault.slow(Duration.ZERO, Duration.ofSeconds(3)), Outcome.ERROR_EVENT,
						Outcome.LOCAL));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void browserStreamThroughTheFrontend(String name, Supplier<Fault> fault, Outcome expected, Outcome unused)
			throws Exception {
		FakeOpenAiServer provider = deployment.provider();
		FrontendChat chat = deployment.frontendChat();
		provider.failAlways(fault.get());
		long start = System.nanoTime();
		FrontendChat.Answer answer = chat.send(null, "How do I roll back a deployment?", ANSWER_TIMEOUT);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		String outcome;
		if (expected == Outcome.LOCAL) {
			JsonNode done = answer.done();
			assertThat(done).as("a done event: " + answer).isNotNull();
			assertThat(done.path("model").asString()).isEqualTo("local");
			assertThat(done.path("degraded").asBoolean()).isTrue();
			assertThat(done.path("reply").asString()).isNotBlank();
			outcome = "answered by `local`, degraded";
		}
		else {
			JsonNode problem = (answer.error() != null) ? answer.error().path("problem") : null;
			assertThat(problem).as("an error event: " + answer).isNotNull();
			assertThat(answer.names()).as("the tokens already shown, then the error")
				.startsWith("meta", "token")
				.endsWith("error");
			assertThat(problem.path("title").asString()).isNotBlank();
			assertThat(problem.path("detail").asString()).isNotBlank()
				.doesNotContain("Exception")
				.doesNotContain("127.0.0.1");
			assertThat(problem.path("type").asString()).isIn(ProblemType.MODELS_UNAVAILABLE.uri(),
					ProblemType.TIMEOUT.uri());
			outcome = "error event `" + problem.path("type").asString().replaceAll(".*/", "") + "`: \""
					+ problem.path("detail").asString() + "\"";
		}
		// The provider heals: the next message in the same conversation is answered by
		// the primary, with no restart and no wait for a circuit.
		provider.heal();
		FrontendChat.Answer next = chat.send(answer.conversationId(), "And now?", ANSWER_TIMEOUT);
		assertThat(next.done()).as("the next answer: " + next).isNotNull();
		assertThat(next.done().path("model").asString()).isEqualTo("primary");
		assertThat(next.done().path("degraded").asBoolean()).isFalse();
		rows.add(row(name, "browser (frontend stream)", outcome, took));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void apiChatOnTheAgent(String name, Supplier<Fault> fault, Outcome unused, Outcome expected) {
		FakeOpenAiServer provider = deployment.provider();
		provider.failAlways(fault.get());
		long start = System.nanoTime();
		ChatReply reply = client.chat(ChatRequest.of("How do I roll back a deployment?"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(expected).isEqualTo(Outcome.LOCAL);
		assertThat(reply.model()).isEqualTo("local");
		assertThat(reply.degraded()).isTrue();
		assertThat(reply.reply()).isNotBlank();
		provider.heal();
		ChatReply next = client.chat(ChatRequest.of(reply.conversationId(), "And now?"));
		assertThat(next.model()).isEqualTo("primary");
		assertThat(next.degraded()).isFalse();
		rows.add(row(name, "API (agent chat)", "answered by `local`, degraded", took));
	}

	private static String row(String fault, String path, String outcome, Duration took) {
		return "| " + fault + " | " + path + " | " + outcome + " | "
				+ String.format(Locale.ROOT, "%d ms", took.toMillis()) + " |";
	}

	enum Outcome {

		/** The local model answers, marked degraded. */
		LOCAL,

		/** The stream ends with an error event after the tokens already sent. */
		ERROR_EVENT

	}

}
