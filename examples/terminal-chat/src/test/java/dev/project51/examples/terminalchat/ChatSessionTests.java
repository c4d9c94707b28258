package dev.project51.examples.terminalchat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the session prints for answers and failures the real agent does not produce on
 * demand: hostile model output, a fallback model, an error after the answer started, a
 * rate limit. The agent is test-support's {@link FakeAgent}, answering with fixed bodies
 * in the contract's format.
 */
class ChatSessionTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private FakeAgent agent;

	private AgentClient client;

	private ChatSession session;

	@BeforeEach
	void start() {
		this.agent = FakeAgent.start();
		URI url = this.agent.baseUrl();
		this.client = AgentClient.builder().baseUrl(url).build();
		this.session = new ChatSession(this.client, url, null, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.agent.close();
	}

	@Test
	void escapeSequencesInAnAnswerNeverReachTheTerminal() {
		this.agent.stream(events(meta(false), token("Hello \\u001b]0;owned\\u0007"),
				token("\\u001b[2Jworld\\r\\u009b1m"), done("Hello world", false)));
		assertThat(this.session.ask("hi")).isTrue();
		assertThat(out()).isEqualTo("Hello \uFFFD]0;owned\uFFFD\uFFFD[2Jworld\uFFFD1m\n")
			.doesNotContain("\u001b", "\u0007", "\r", "\u009b");
		assertThat(err()).contains("-- local, 12 ms, sources: Rolling back (knowledge/rolling-back.md)",
				"conversation c-1");
		assertThat(this.session.conversationId()).isEqualTo("c-1");
	}

	@Test
	void aFallbackAnswerSaysSo() {
		this.agent.stream(events(meta(true), token("Still here.\\n"), done("Still here.\\n", true)));
		assertThat(this.session.ask("hi")).isTrue();
		assertThat(out()).isEqualTo("Still here.\n");
		assertThat(err()).contains("-- local (fallback: a preferred model is failing)");
	}

	@Test
	void anAnswerThatBreaksOffEndsItsLineAndSaysWhy() {
		this.agent.stream(events(meta(false), token("Half an ans"),
				"event: error\ndata: {\"problem\":{\"type\":\"https://project51.dev/problems/models-unavailable\","
						+ "\"title\":\"No model available\",\"status\":503,"
						+ "\"detail\":\"The model stopped answering.\\u001b[31m\"}}\n\n"));
		assertThat(this.session.ask("hi")).isFalse();
		assertThat(out()).isEqualTo("Half an ans\n");
		assertThat(err()).contains("error: The model stopped answering.\uFFFD[31m").doesNotContain("\u001b");
	}

	@Test
	void aRateLimitSaysWhenToTryAgain() {
		this.agent
			.stream(Script.problem(
					"{\"type\":\"https://project51.dev/problems/rate-limited\",\"title\":\"Too many requests\","
							+ "\"status\":429,\"detail\":\"Slow down.\",\"retryAfterSeconds\":30}",
					"Retry-After", "30"));
		assertThat(this.session.ask("hi")).isFalse();
		assertThat(out()).isEmpty();
		assertThat(err()).contains("error: too many requests; try again in 30 s");
	}

	@Test
	void aWaitOfASecondAndAHalfIsRoundedUpToTwoSecondsAsTheAgentRoundsIt() {
		// Whole delay-seconds cannot ask for 1.5 s, an HTTP-date can. No retries: the
		// client would wait the 1.5 s and ask again.
		URI url = this.agent.baseUrl();
		Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00.500Z"), ZoneOffset.UTC);
		try (AgentClient client = AgentClient.builder()
			.baseUrl(url)
			.clock(clock)
			.retryPolicy(RetryPolicy.disabled())
			.build()) {
			ChatSession session = new ChatSession(client, url, null,
					new PrintStream(this.out, true, StandardCharsets.UTF_8),
					new PrintStream(this.err, true, StandardCharsets.UTF_8));
			this.agent.stream(Script.problem(
					"{\"type\":\"https://project51.dev/problems/rate-limited\",\"title\":\"Too many requests\","
							+ "\"status\":429,\"detail\":\"Slow down.\"}",
					"Retry-After", "Thu, 01 Jan 2026 12:00:02 GMT"));
			assertThat(session.ask("hi")).isFalse();
		}
		assertThat(err()).contains("error: too many requests; try again in 2 s");
	}

	@Test
	void anInvalidRequestListsTheFields() {
		this.agent.stream(Script
			.problem("{\"type\":\"https://project51.dev/problems/invalid-request\",\"title\":\"Invalid request\","
					+ "\"status\":400,\"detail\":\"The request has 1 invalid field\","
					+ "\"errors\":[{\"field\":\"message\",\"reason\":\"must be at most 4000 characters\"}]}"));
		assertThat(this.session.ask("hi")).isFalse();
		assertThat(err()).contains("error: The request has 1 invalid field",
				"  message: must be at most 4000 characters");
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static String meta(boolean degraded) {
		return "event: meta\ndata: {\"conversationId\":\"c-1\",\"model\":\"local\",\"degraded\":" + degraded + "}\n\n";
	}

	/**
	 * A token event; {@code json} is the text as a JSON string body, escapes included.
	 */
	private static String token(String json) {
		return "event: token\ndata: {\"text\":\"" + json + "\"}\n\n";
	}

	private static String done(String reply, boolean degraded) {
		return "event: done\ndata: {\"reply\":\"" + reply + "\",\"model\":\"local\",\"degraded\":" + degraded
				+ ",\"citations\":[{\"source\":\"knowledge/rolling-back.md\",\"title\":\"Rolling back\","
				+ "\"excerpt\":\"...\"}],\"latencyMs\":12}\n\n";
	}

	/** A streamed answer of fixed events, as they are written. */
	private static Script events(String... events) {
		return Script.status(200, "text/event-stream", String.join("", events));
	}

}
