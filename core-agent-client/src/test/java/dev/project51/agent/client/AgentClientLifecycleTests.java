package dev.project51.agent.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.project51.agent.contract.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Closing: idempotent, cancels what runs, releases the client's threads, and later calls
 * fail clearly.
 */
class AgentClientLifecycleTests {

	private final FakeTransport transport = new FakeTransport();

	private AgentClient client() {
		return AgentClient.builder().baseUrl("http://agent.test").transport(this.transport).build();
	}

	@Test
	void closeIsIdempotentAndLaterCallsThrowIllegalState() {
		AgentClient client = client();
		client.close();
		client.close();
		assertThatIllegalStateException().isThrownBy(() -> client.chat(ChatRequest.of("hi")))
			.withMessageContaining("AgentClient is closed");
		assertThatIllegalStateException().isThrownBy(client::models);
		assertThatIllegalStateException().isThrownBy(() -> client.stream(ChatRequest.of("hi"), (text) -> {
		}));
		assertThat(client.toString()).endsWith(", closed]");
		assertThat(this.transport.count()).isZero();
	}

	@Test
	void closeCancelsRunningStreamsWithoutCallbacks() {
		FakeTransport.PushBody body = new FakeTransport.PushBody().push(Json.META);
		this.transport.respondStream(body);
		AgentClient client = client();
		AgentClientStreamTests.Recorder recorder = new AgentClientStreamTests.Recorder();
		StreamHandle handle = client.stream(ChatRequest.of("hi"), recorder);
		AgentClientStreamTests.waitUntil(() -> recorder.calls.contains("meta:local"));
		client.close();
		assertThat(handle.completion()).isCancelled();
		assertThat(body.isAborted()).isTrue();
		assertThat(recorder.calls).containsExactly("meta:local");
	}

	@Test
	void closeAbortsARunningBlockingCall() throws Exception {
		this.transport.hang();
		AgentClient client = client();
		CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> client.chat(ChatRequest.of("hi")));
		AgentClientStreamTests.waitUntil(() -> this.transport.count() == 1);
		client.close();
		assertThat(call).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("closed while POST /api/v1/chat was running");
		assertThat(this.transport.futures.get(0)).isCancelled();
	}

	@Test
	void closeReleasesTheClientsThreads() throws Exception {
		Set<Thread> before = clientThreads();
		this.transport.respondStream(Json.META + Json.DONE).hang();
		AgentClient client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		client.stream(ChatRequest.of("hi"), (text) -> {
		}).completion().get(5, TimeUnit.SECONDS);
		CompletableFuture.runAsync(() -> {
			try {
				client.models();
			}
			catch (IllegalStateException ex) {
				// closed below
			}
		});
		AgentClientStreamTests.waitUntil(() -> this.transport.count() == 2);
		Set<Thread> started = clientThreads();
		started.removeAll(before);
		assertThat(started).as("threads of this client").isNotEmpty();
		client.close();
		for (Thread thread : started) {
			thread.join(2000);
			assertThat(thread.isAlive()).as(thread.getName() + " alive after close").isFalse();
		}
	}

	@Test
	void closeCancelsAStreamWaitingToRetry() {
		this.transport.problem(503, "models-unavailable", "No model available", "warming up", "Retry-After", "5");
		AgentClient client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.retryPolicy(RetryPolicy.builder().maxBackoff(Duration.ofSeconds(10)).build())
			.build();
		StreamHandle handle = client.stream(ChatRequest.of("hi"), (text) -> {
		});
		AgentClientStreamTests.waitUntil(() -> this.transport.count() == 1);
		long start = System.nanoTime();
		client.close();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> handle.completion().join());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close() does not wait out the 5 s Retry-After")
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void doesNotCloseATransportItWasGiven() {
		boolean[] closed = new boolean[1];
		FakeTransport given = new FakeTransport() {

			@Override
			public void close() {
				closed[0] = true;
			}

		};
		AgentClient.builder().baseUrl("http://agent.test").transport(given).build().close();
		assertThat(closed[0]).isFalse();
	}

	@Test
	void runsStreamsOnAGivenExecutorAndLeavesItRunningAfterClose() throws Exception {
		ExecutorService given = Executors.newFixedThreadPool(1, (task) -> new Thread(task, "app-stream"));
		try {
			this.transport.respondStream(Json.META + Json.token("Hello") + Json.DONE);
			AgentClient client = AgentClient.builder()
				.baseUrl("http://agent.test")
				.transport(this.transport)
				.executor(given)
				.build();
			String[] thread = new String[1];
			client.stream(ChatRequest.of("hi"), (text) -> thread[0] = Thread.currentThread().getName())
				.completion()
				.get(5, TimeUnit.SECONDS);
			assertThat(thread[0]).isEqualTo("app-stream");
			client.close();
			assertThat(given.isShutdown()).as("the caller's executor is shut down by its owner only").isFalse();
			assertThat(given.submit(() -> "still usable").get(5, TimeUnit.SECONDS)).isEqualTo("still usable");
		}
		finally {
			given.shutdownNow();
		}
	}

	@Test
	void aStreamTheGivenExecutorRejectsFailsAtOnce() {
		AgentClient client = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.executor((task) -> {
				throw new RejectedExecutionException("full");
			})
			.build();
		assertThatIllegalStateException().isThrownBy(() -> client.stream(ChatRequest.of("hi"), (text) -> {
		})).withMessageContaining("rejected the stream");
		client.close();
	}

	private static Set<Thread> clientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("project51-agent-client-"))
			.collect(Collectors.toSet());
	}

}
