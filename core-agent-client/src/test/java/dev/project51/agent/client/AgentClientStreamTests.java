package dev.project51.agent.client;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Streaming with a fake transport whose body the test writes: events, failures, timeouts,
 * retries before the first event only, cancellation, and the iterator style.
 */
class AgentClientStreamTests extends FakeTransportClientTests {

	@Test
	void deliversMetaTokensAndDoneInOrder() throws Exception {
		this.transport.respondStream(Json.META + Json.token("Hello") + Json.token(" world") + Json.DONE);
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		StreamEvent.Done done = handle.completion().get(5, TimeUnit.SECONDS);
		assertThat(done.reply()).isEqualTo("Hello world");
		assertThat(recorder.calls).containsExactly("meta:local", "token:Hello", "token: world", "done:Hello world");
		assertThat(handle.isDone()).isTrue();
		assertThat(this.transport.lastRequest().header("Accept")).isEqualTo("text/event-stream");
		assertThat(this.transport.lastRequest().uri()).hasToString("http://agent.test/api/v1/chat/stream");
	}

	@Test
	void parsesEventsSplitAcrossReadsWithCrlfCommentsAndUnknownEvents() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody();
		this.transport.respondStream(body);
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		body.push(": heartbeat\r\n\r\n");
		body.push("event: meta\r\ndata: {\"conversationId\":\"c-1\",");
		body.push("\"model\":\"local\",\"degraded\":false}\r\n\r\n");
		body.push("event: usage\r\ndata: {\"tokens\":3}\r\n\r\n");
		body.push("event: token\ndata: {\"text\":\"multi\\nline\"}\n\n");
		body.push(Json.DONE);
		body.end();
		handle.completion().get(5, TimeUnit.SECONDS);
		assertThat(recorder.calls).containsExactly("meta:local", "token:multi\nline", "done:Hello world");
	}

	@Test
	void errorEventEndsTheStreamWithATypedException() throws Exception {
		this.transport
			.respondStream(Json.META + Json.token("Hel") + Json.error(503, "models-unavailable", "model failed"));
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentUnavailableException.class)
			.withMessageContaining("failed mid-stream")
			.withMessageContaining("model failed");
		assertThat(recorder.calls).containsExactly("meta:local", "token:Hel", "error:AgentUnavailableException");
		assertThat(recorder.error.problem()).map(ProblemDetail::status).contains(503);
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void isNeverRetriedAfterTheFirstEvent() throws Exception {
		String retriableError = "event: error\ndata: {\"problem\":{\"type\":\"https://project51.dev/problems/"
				+ "rate-limited\",\"title\":\"t\",\"status\":429,\"detail\":\"d\",\"retryAfterSeconds\":1}}\n\n";
		this.transport.respondStream(Json.META + retriableError).respondStream(Json.META + Json.DONE);
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(AgentRateLimitedException.class);
		assertThat(this.transport.count()).isOne();
		assertThat(this.sleeper.delays).isEmpty();
	}

	@Test
	void isRetriedBeforeTheFirstEventWhenTheConnectionWasRefused() throws Exception {
		this.transport.fail(new ConnectException("Connection refused")).respondStream(Json.META + Json.DONE);
		Recorder recorder = new Recorder();
		client().stream(ChatRequest.of("hi"), recorder).completion().get(5, TimeUnit.SECONDS);
		assertThat(this.transport.count()).isEqualTo(2);
		assertThat(recorder.calls).containsExactly("meta:local", "done:Hello world");
	}

	@Test
	void isRetriedWhenDeclinedWith429AndRetryAfterBeforeStarting() throws Exception {
		this.transport.problem(429, "rate-limited", "Too many requests", "slow", "Retry-After", "1")
			.respondStream(Json.META + Json.DONE);
		client().stream(ChatRequest.of("hi"), new Recorder()).completion().get(5, TimeUnit.SECONDS);
		assertThat(this.transport.count()).isEqualTo(2);
		assertThat(this.sleeper.delays).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void answersBeforeTheStreamStartsAreTypedExceptions() {
		this.transport.problem(401, "unauthorized", "Unauthorized", "no token");
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(AgentUnauthorizedException.class);
		assertThat(recorder.calls).containsExactly("error:AgentUnauthorizedException");
	}

	@Test
	void wrongContentTypeIsAProtocolError() {
		this.transport.respond(200, "application/json", Json.REPLY);
		StreamHandle handle = client().stream(ChatRequest.of("hi"), new Recorder());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentProtocolException.class)
			.withMessageContaining("expected text/event-stream but the agent answered HTTP 200 with Content-Type "
					+ "'application/json'");
	}

	@Test
	void streamEndingWithoutDoneIsAProtocolError() {
		this.transport.respondStream(Json.META + Json.token("Hel") + "event: token\ndata: {\"te");
		StreamHandle handle = client().stream(ChatRequest.of("hi"), new Recorder());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentProtocolException.class)
			.withMessageContaining(
					"ended after 2 events without a 'done' or 'error' event (the last event was cut off)");
	}

	@Test
	void malformedEventDataIsAProtocolError() {
		this.transport.respondStream(Json.META + "event: token\ndata: {not json}\n\n" + Json.DONE);
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(AgentProtocolException.class);
		assertThat(recorder.calls).containsExactly("meta:local", "error:AgentProtocolException");
	}

	@Test
	void eventLargerThanTheLimitIsAProtocolError() {
		this.transport.respondStream(Json.META + Json.token("x".repeat(5000)) + Json.DONE);
		StreamHandle handle = client((builder) -> builder.maxResponseBytes(4096)).stream(ChatRequest.of("hi"),
				new Recorder());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentProtocolException.class)
			.withMessageContaining("limit of 4096 bytes (maxResponseBytes)");
	}

	@Test
	void firstTokenTimeoutClosesTheExchange() {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(": waiting for the model\n\n");
		this.transport.respondStream(body);
		long start = System.nanoTime();
		StreamHandle handle = client((builder) -> builder.firstTokenTimeout(Duration.ofMillis(300)))
			.stream(ChatRequest.of("hi"), new Recorder());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentTimeoutException.class)
			.withMessageContaining("no first event within firstTokenTimeout (PT0.3S); exchange closed");
		// Not before the firstTokenTimeout; the body never sends an event, so the timeout
		// ended it (the message says so).
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(body.isAborted()).isTrue();
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void idleTimeoutClosesAStalledStreamEvenWithHeartbeats() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META + Json.token("Hel"));
		this.transport.respondStream(body);
		Recorder recorder = new Recorder();
		StreamHandle handle = client((builder) -> builder.idleTimeout(Duration.ofMillis(300)))
			.stream(ChatRequest.of("hi"), recorder);
		for (int i = 0; i < 10 && !handle.isDone(); i++) {
			body.push(":\n\n");
			Thread.sleep(100);
		}
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentTimeoutException.class)
			.withMessageContaining("no event for idleTimeout (PT0.3S)");
		assertThat(recorder.calls).containsExactly("meta:local", "token:Hel", "error:AgentTimeoutException");
		assertThat(body.isAborted()).isTrue();
	}

	@Test
	void streamTimeoutCapsAStreamThatNeverEnds() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		StreamHandle handle = client((builder) -> builder.streamTimeout(Duration.ofMillis(500))
			.firstTokenTimeout(Duration.ofMillis(400))
			.idleTimeout(Duration.ofMillis(400))).stream(ChatRequest.of("hi"), new Recorder());
		for (int i = 0; i < 30 && !handle.isDone(); i++) {
			body.push(Json.token("t"));
			Thread.sleep(50);
		}
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AgentTimeoutException.class)
			.withMessageContaining("did not end within streamTimeout (PT0.5S)");
	}

	@Test
	void cancelFromACallbackStopsCallbacksAndClosesTheExchange() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META + Json.token("a") + Json.token("b"));
		this.transport.respondStream(body);
		List<String> calls = new CopyOnWriteArrayList<>();
		StreamHandle[] handle = new StreamHandle[1];
		CountDownLatch started = new CountDownLatch(1);
		handle[0] = client().stream(ChatRequest.of("hi"), new StreamListener() {

			@Override
			public void onToken(String text) {
				calls.add(text);
				try {
					started.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				handle[0].cancel();
			}

			@Override
			public void onDone(StreamEvent.Done done) {
				calls.add("done");
			}

			@Override
			public void onError(AgentClientException error) {
				calls.add("error");
			}

		});
		started.countDown();
		assertThatExceptionOfType(CancellationException.class)
			.isThrownBy(() -> handle[0].completion().get(5, TimeUnit.SECONDS));
		waitUntil(body::isAborted);
		await("no callback after the abort").during(Duration.ofMillis(100))
			.atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(calls).containsExactly("a"));
		assertThat(handle[0].isDone()).isTrue();
	}

	@Test
	void cancellingTheCompletionCancelsTheStream() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		Recorder recorder = new Recorder();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), recorder);
		waitUntil(() -> recorder.calls.contains("meta:local"));
		handle.completion().cancel(true);
		waitUntil(body::isAborted);
		body.push(Json.token("late"));
		await("no callback after the abort").during(Duration.ofMillis(100))
			.atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(recorder.calls).containsExactly("meta:local"));
	}

	@Test
	void cancelAfterTheEndDoesNothing() throws Exception {
		this.transport.respondStream(Json.META + Json.DONE);
		StreamHandle handle = client().stream(ChatRequest.of("hi"), new Recorder());
		StreamEvent.Done done = handle.completion().get(5, TimeUnit.SECONDS);
		handle.cancel();
		assertThat(handle.completion()).isCompletedWithValue(done);
	}

	@Test
	void aThrowingListenerEndsTheStreamWithOnErrorAndIsNotRetried() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META + Json.token("a"));
		this.transport.respondStream(body);
		List<AgentClientException> errors = new CopyOnWriteArrayList<>();
		StreamHandle handle = client().stream(ChatRequest.of("hi"), new StreamListener() {

			@Override
			public void onToken(String text) {
				throw new IllegalStateException("UI gone");
			}

			@Override
			public void onError(AgentClientException error) {
				errors.add(error);
			}

		});
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> handle.completion().get(5, TimeUnit.SECONDS))
			.havingCause()
			.withMessageContaining("StreamListener.onToken threw java.lang.IllegalStateException: UI gone");
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error).hasRootCauseInstanceOf(IllegalStateException.class);
			assertThat(error.isRetriable()).isFalse();
		});
		assertThat(body.isAborted()).isTrue();
		assertThat(this.transport.count()).isOne();
	}

	@Test
	void iteratorYieldsMetaTokensAndDone() {
		this.transport.respondStream(Json.META + Json.token("Hello") + Json.token(" world") + Json.DONE);
		List<String> seen = new ArrayList<>();
		try (ChatStream stream = client().stream(ChatRequest.of("hi"))) {
			for (StreamEvent event : stream) {
				seen.add(event.name() + ((event instanceof StreamEvent.Token token) ? ":" + token.text() : ""));
			}
		}
		assertThat(seen).containsExactly("meta", "token:Hello", "token: world", "done");
	}

	@Test
	void iteratorThrowsTheStreamFailure() {
		this.transport.respondStream(Json.META + Json.error(504, "timeout", "model too slow"));
		try (ChatStream stream = client().stream(ChatRequest.of("hi"))) {
			Iterator<StreamEvent> events = stream.iterator();
			assertThat(events.next()).isInstanceOf(StreamEvent.Meta.class);
			assertThatExceptionOfType(AgentTimeoutException.class).isThrownBy(events::hasNext)
				.withMessageContaining("model too slow");
			assertThat(events.hasNext()).isFalse();
		}
	}

	@Test
	void iteratorIsSingleUseAndEndsWhenClosed() {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		ChatStream stream = client().stream(ChatRequest.of("hi"));
		Iterator<StreamEvent> events = stream.iterator();
		assertThatIllegalStateException().isThrownBy(stream::iterator).withMessageContaining("only once");
		assertThat(events.next()).isInstanceOf(StreamEvent.Meta.class);
		stream.close();
		assertThat(events.hasNext()).isFalse();
		waitUntil(body::isAborted);
		assertThat(stream.handle().completion()).isCancelled();
	}

	@Test
	void closingTheClientCancelsAnIterationWithCancellationException() {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		ChatStream stream = client().stream(ChatRequest.of("hi"));
		Iterator<StreamEvent> events = stream.iterator();
		events.next();
		this.client.close();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(events::hasNext);
		assertThat(body.isAborted()).isTrue();
	}

	@Test
	void rejectsInvalidRequestsAtOnce() {
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> client().stream(ChatRequest.of(""), new Recorder()));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.stream(ChatRequest.of("bad id!", "hi")));
		assertThat(this.transport.count()).isZero();
	}

	static void waitUntil(java.util.function.BooleanSupplier condition) {
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
	}

	/** Records callbacks and checks they never overlap. */
	static final class Recorder implements StreamListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		volatile AgentClientException error;

		private volatile boolean inCallback;

		private void record(String call) {
			assertThat(this.inCallback).as("callbacks must not overlap").isFalse();
			this.inCallback = true;
			this.calls.add(call);
			this.inCallback = false;
		}

		@Override
		public void onMeta(StreamEvent.Meta meta) {
			record("meta:" + meta.model());
		}

		@Override
		public void onToken(String text) {
			record("token:" + text);
		}

		@Override
		public void onDone(StreamEvent.Done done) {
			record("done:" + done.reply());
		}

		@Override
		public void onError(AgentClientException error) {
			this.error = error;
			record("error:" + error.getClass().getSimpleName());
		}

	}

}
