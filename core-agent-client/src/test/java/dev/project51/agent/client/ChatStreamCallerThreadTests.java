package dev.project51.agent.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.StreamEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The iterator style reads on the iterating thread: the request is sent and the body read
 * there, the client's executor runs nothing, and the time the caller spends on an event
 * is not the agent's silence.
 */
class ChatStreamCallerThreadTests extends FakeTransportClientTests {

	private final Set<Thread> sending = new CopyOnWriteArraySet<>();

	private final Set<Thread> reading = new CopyOnWriteArraySet<>();

	private final AtomicInteger executed = new AtomicInteger();

	@Test
	void theIteratingThreadSendsAndReadsAndTheExecutorRunsNothing() throws Exception {
		respondStream(FakeTransport.PushBody.of(Json.META + Json.token("Hello") + Json.token(" world") + Json.DONE));
		List<String> seen = new ArrayList<>();
		try (ChatStream stream = client(this::rejectingExecutor).stream(ChatRequest.of("hi"))) {
			for (StreamEvent event : stream) {
				seen.add(event.name());
			}
			assertThat(stream.handle().completion().get(5, TimeUnit.SECONDS).reply()).isEqualTo("Hello world");
		}
		assertThat(seen).containsExactly("meta", "token", "token", "done");
		assertThat(this.sending).containsExactly(Thread.currentThread());
		assertThat(this.reading).containsExactly(Thread.currentThread());
		assertThat(this.executed).as("tasks given to the client's executor").hasValue(0);
	}

	@Test
	void retriesOnTheIteratingThread() {
		this.transport.then((request) -> {
			this.sending.add(Thread.currentThread());
			return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
		});
		respondStream(FakeTransport.PushBody.of(Json.META + Json.DONE));
		List<String> seen = new ArrayList<>();
		try (ChatStream stream = client(this::rejectingExecutor).stream(ChatRequest.of("hi"))) {
			stream.forEach((event) -> seen.add(event.name()));
		}
		assertThat(seen).containsExactly("meta", "done");
		assertThat(this.transport.count()).isEqualTo(2);
		assertThat(this.sleeper.delays).hasSize(1);
		assertThat(this.sending).containsExactly(Thread.currentThread());
		assertThat(this.executed).hasValue(0);
	}

	@Test
	void aCallerHoldingAnEventLongerThanTheIdleTimeoutIsNotAnIdleAgent() {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		List<String> seen = new ArrayList<>();
		try (ChatStream stream = client((builder) -> builder.idleTimeout(Duration.ofMillis(200)))
			.stream(ChatRequest.of("hi"))) {
			for (StreamEvent event : stream) {
				seen.add(event.name());
				if (event instanceof StreamEvent.Meta) {
					body.push(Json.token("Hello") + Json.DONE).end();
					// The caller works on the event for three idle timeouts.
					await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);
				}
			}
		}
		assertThat(seen).containsExactly("meta", "token", "done");
	}

	@Test
	void closingFromAnotherThreadEndsAnIterationBlockedInARead() throws Exception {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		ChatStream stream = client().stream(ChatRequest.of("hi"));
		Iterator<StreamEvent> events = stream.iterator();
		events.next();
		AtomicReference<Thread> reader = new AtomicReference<>();
		CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(() -> {
			reader.set(Thread.currentThread());
			return events.hasNext();
		});
		AgentClientStreamTests.waitUntil(() -> reader.get() != null && reader.get().getState() == Thread.State.WAITING);
		stream.close();
		assertThat(more.get(5, TimeUnit.SECONDS)).isFalse();
		assertThat(body.isAborted()).isTrue();
		assertThat(stream.handle().completion()).isCancelled();
	}

	private void rejectingExecutor(AgentClientBuilder builder) {
		builder.executor((task) -> {
			this.executed.incrementAndGet();
			throw new RejectedExecutionException("this client runs no stream on its executor");
		});
	}

	/** A stream whose request and body reads record their threads. */
	private void respondStream(FakeTransport.PushBody body) {
		this.transport.then((request) -> {
			this.sending.add(Thread.currentThread());
			InputStream recorded = new FilterInputStream(body) {

				@Override
				public int read(byte[] target, int offset, int length) throws IOException {
					ChatStreamCallerThreadTests.this.reading.add(Thread.currentThread());
					return super.read(target, offset, length);
				}

			};
			return CompletableFuture
				.completedFuture(new FakeTransport.FakeResponse(200, "text/event-stream", recorded));
		});
	}

}
