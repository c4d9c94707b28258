package dev.project51.agent.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.testsupport.agent.Answer;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.Script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Streaming against a real local HTTP server: each fault states the exception, the number
 * of requests and roughly how long, and for stalls that the server saw the client go away
 * (the exchange was really closed, no thread waits forever).
 */
class AgentClientStreamIT {

	private static final String STREAM = AgentApi.CHAT_STREAM_PATH;

	private FakeAgent server;

	private AgentClient client;

	private long start;

	@BeforeEach
	void startServer() throws IOException {
		this.server = FakeAgent.builder().answer(Answer.counted(20)).start();
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.server.close();
	}

	private AgentClient client(Consumer<AgentClientBuilder> customizer) {
		AgentClientBuilder builder = AgentClient.builder()
			.baseUrl(this.server.baseUrl())
			.retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(50)).jitter(0).build());
		customizer.accept(builder);
		this.client = builder.build();
		this.start = System.nanoTime();
		return this.client;
	}

	private AgentClient client() {
		return client((builder) -> {
		});
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.start);
	}

	/**
	 * A slow but live agent: keep-alive comments only, for the given time, before the
	 * first event and again after the first token, then the answer.
	 */
	private static Script keepAlivesBeforeAndAfterTheFirstToken(Duration keepAlive) {
		return (exchange) -> {
			exchange.startStream();
			exchange.keepAliveFor(keepAlive, Duration.ofMillis(100));
			exchange.meta("c-1", "local", false);
			exchange.token("slow ");
			exchange.keepAliveFor(keepAlive, Duration.ofMillis(100));
			exchange.token("answer");
			exchange.done("slow answer", "local", false, List.of(), null);
		};
	}

	private static Throwable failureOf(StreamHandle handle) {
		try {
			handle.completion().get(10, TimeUnit.SECONDS);
			throw new AssertionError("The stream succeeded");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private void assertServerSawTheClientLeave() throws InterruptedException {
		assertThat(this.server.awaitStreamCancelled(Duration.ofSeconds(5))).as("server saw the client disconnect")
			.isTrue();
	}

	@Test
	void streamsTwentyTokensToAListener() throws Exception {
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamEvent.Done done = client().stream(ChatRequest.of("hi"), recorder).completion().get(10, TimeUnit.SECONDS);
		assertThat(recorder.calls).hasSize(22).startsWith("meta:local", "token:t0 ").endsWith("done:" + done.reply());
		assertThat(done.reply()).startsWith("t0 t1 t2").endsWith("t19 ");
		assertThat(this.server.count("POST", STREAM)).isOne();
	}

	@Test
	void streamsToAnIterator() {
		StringBuilder text = new StringBuilder();
		List<String> names = new ArrayList<>();
		try (ChatStream stream = client().stream(ChatRequest.of("hi"))) {
			for (StreamEvent event : stream) {
				names.add(event.name());
				if (event instanceof StreamEvent.Token token) {
					text.append(token.text());
				}
			}
		}
		assertThat(names).hasSize(22).startsWith("meta").endsWith("done");
		assertThat(text).startsWith("t0 t1 ");
	}

	@Test
	void keepAlivesKeepASlowStreamOpenBeforeAndAfterItsFirstToken() throws Exception {
		// Keep-alives every 100 ms, ten in each timeout: headroom on a loaded machine.
		Duration silence = Duration.ofMillis(2500);
		this.server.enqueue("POST", STREAM, keepAlivesBeforeAndAfterTheFirstToken(silence));
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client(
				(builder) -> builder.firstTokenTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(1)))
			.stream(ChatRequest.of("hi"), recorder);
		assertThat(handle.completion().get(20, TimeUnit.SECONDS).reply()).isEqualTo("slow answer");
		assertThat(elapsed()).as("both silences are longer than the timeouts, but keep-alives came")
			.isGreaterThanOrEqualTo(silence.multipliedBy(2));
		assertThat(recorder.calls).containsExactly("meta:local", "token:slow ", "token:answer", "done:slow answer");
	}

	@Test
	void slowFirstTokenTimesOutAndClosesTheExchange() throws Exception {
		this.server.enqueue("POST", STREAM, Script.silence(Duration.ofMillis(1500)));
		StreamHandle handle = client((builder) -> builder.firstTokenTimeout(Duration.ofMillis(500)))
			.stream(ChatRequest.of("hi"), new AgentClientStreamTests.Recorder());
		assertThat(failureOf(handle)).isInstanceOf(AgentTimeoutException.class)
			.hasMessageContaining("firstTokenTimeout (PT0.5S)");
		assertThat(elapsed()).as("not before the timeout").isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertThat(this.server.count("POST", STREAM)).isOne();
		assertServerSawTheClientLeave();
	}

	@Test
	void stallMidStreamTimesOutAfterDeliveringWhatCame() throws Exception {
		this.server.enqueue("POST", STREAM, Script.silentAfter(Duration.ofMillis(1500), "t0 ", "t1 ", "t2 "));
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client((builder) -> builder.idleTimeout(Duration.ofMillis(500)))
			.stream(ChatRequest.of("hi"), recorder);
		assertThat(failureOf(handle)).isInstanceOf(AgentTimeoutException.class)
			.hasMessageContaining("no event for idleTimeout (PT0.5S)");
		assertThat(recorder.calls).containsExactly("meta:local", "token:t0 ", "token:t1 ", "token:t2 ",
				"error:AgentTimeoutException");
		assertThat(elapsed()).as("not before the timeout").isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertThat(this.server.count("POST", STREAM)).isOne();
		assertServerSawTheClientLeave();
	}

	@Test
	void errorEventMidStreamEndsItWithTheProblem() {
		this.server.enqueue("POST", STREAM, Script.events(Json.META + Json.token("Hel")
				+ Json.error(503, "models-unavailable", "the model failed after its first token")));
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		assertThat(failureOf(handle)).isInstanceOf(AgentUnavailableException.class)
			.hasMessageContaining("the model failed after its first token");
		assertThat(recorder.error.problem()).hasValueSatisfying(
				(problem) -> assertThat(problem.type()).isEqualTo(ProblemType.MODELS_UNAVAILABLE.uri()));
		assertThat(this.server.count("POST", STREAM)).isOne();
	}

	@Test
	void streamCutOffWithoutDoneIsNotRetried() {
		this.server.enqueue("POST", STREAM, Script.events(Json.META + Json.token("Hel")));
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		assertThat(failureOf(handle)).isInstanceOf(AgentProtocolException.class)
			.hasMessageContaining("without a 'done' or 'error' event");
		assertThat(recorder.calls).containsExactly("meta:local", "token:Hel", "error:AgentProtocolException");
		assertThat(this.server.count("POST", STREAM)).isOne();
	}

	@Test
	void unavailableWithRetryAfterBeforeTheStreamIsRetried() throws Exception {
		this.server.enqueue("POST", STREAM, Script
			.problem(ProblemDetail.of(ProblemType.MODELS_UNAVAILABLE, "warming up", null), "Retry-After", "1"));
		client().stream(ChatRequest.of("hi"), new AgentClientStreamTests.Recorder())
			.completion()
			.get(10, TimeUnit.SECONDS);
		assertThat(this.server.count("POST", STREAM)).isEqualTo(2);
		assertThat(elapsed()).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void serverErrorBeforeTheStreamIsNotRetried() {
		this.server.enqueue("POST", STREAM, Script.problem(ProblemDetail.of(ProblemType.INTERNAL, "boom", null)));
		StreamHandle handle = client().stream(ChatRequest.of("hi"), new AgentClientStreamTests.Recorder());
		assertThat(failureOf(handle)).isInstanceOf(AgentServerException.class);
		assertThat(this.server.count("POST", STREAM)).isOne();
	}

	@Test
	void wrongContentTypeIsAProtocolError() {
		this.server.enqueue("POST", STREAM, Script.status(200, "application/json", Json.REPLY));
		StreamHandle handle = client().stream(ChatRequest.of("hi"), new AgentClientStreamTests.Recorder());
		assertThat(failureOf(handle)).isInstanceOf(AgentProtocolException.class)
			.hasMessageContaining("expected text/event-stream");
	}

	@Test
	void cancelClosesTheExchange() throws Exception {
		this.server.enqueue("POST", STREAM, Script.stallAfter("c-1", "t0 "));
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		AgentClientStreamTests.waitUntil(() -> recorder.calls.size() == 2);
		handle.cancel();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> handle.completion().join());
		assertServerSawTheClientLeave();
		assertThat(recorder.calls).containsExactly("meta:local", "token:t0 ");
	}

	@Test
	void closingTheClientClosesRunningStreams() throws Exception {
		this.server.enqueue("POST", STREAM, Script.stallAfter("c-1", "t0 "));
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		AgentClientStreamTests.waitUntil(() -> recorder.calls.size() == 2);
		this.client.close();
		assertThat(handle.completion()).isCancelled();
		assertServerSawTheClientLeave();
	}

}
