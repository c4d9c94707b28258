package dev.project51.agent.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link HttpTransport}, on the JDK {@link HttpClient}: HTTP/1.1 for
 * {@code http} URIs (no h2c upgrade dance), HTTP/2 when TLS negotiates it, no redirects.
 * <p>
 * The response body is the JDK's own {@code InputStream} subscriber: it requests one
 * buffer list at a time, so a slow reader applies back-pressure to the connection, and
 * {@link TransportResponse#close()} cancels the exchange and releases a blocked reader at
 * once. The JDK 17 {@code HttpClient} has no {@code close()}: a transport made by
 * {@link #create(Duration)} runs the client on its own daemon executor and shuts it down
 * in {@link #close()}; the client's selector thread ends when the client is garbage
 * collected.
 *
 * @since 0.1.0
 */
public final class JdkHttpTransport implements HttpTransport {

	private static final AtomicInteger TRANSPORT_IDS = new AtomicInteger();

	private final HttpClient client;

	private final ExecutorService executor;

	private JdkHttpTransport(HttpClient client, ExecutorService executor) {
		this.client = client;
		this.executor = executor;
	}

	/**
	 * A transport with its own {@link HttpClient} and executor, released by
	 * {@link #close()}.
	 * @param connectTimeout how long to wait for a TCP (and TLS) connection
	 * @return the transport
	 */
	public static JdkHttpTransport create(Duration connectTimeout) {
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("connectTimeout must be positive, but was " + connectTimeout);
		}
		ExecutorService executor = Executors
			.newCachedThreadPool(daemonThreads("project51-agent-client-http-" + TRANSPORT_IDS.incrementAndGet() + "-"));
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(executor)
			.build();
		return new JdkHttpTransport(client, executor);
	}

	/**
	 * A transport on an {@link HttpClient} configured by the caller (proxy, TLS,
	 * authenticator...). The caller keeps ownership: {@link #close()} does not touch the
	 * client or its executor. Configure it not to follow redirects.
	 * @param client the HTTP client
	 * @return the transport
	 */
	public static JdkHttpTransport of(HttpClient client) {
		Objects.requireNonNull(client, "client must not be null");
		return new JdkHttpTransport(client, null);
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
			.method(request.method(), (request.body() != null) ? HttpRequest.BodyPublishers.ofByteArray(request.body())
					: HttpRequest.BodyPublishers.noBody());
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		if ("http".equalsIgnoreCase(request.uri().getScheme())) {
			builder.version(HttpClient.Version.HTTP_1_1);
		}
		// The response is handed over from the body handler, which the JDK calls on its
		// own
		// thread as soon as the headers of the final response have arrived. Waiting for
		// sendAsync's future instead would add a hop through the common ForkJoinPool.
		AtomicReference<CompletableFuture<?>> upstream = new AtomicReference<>();
		CompletableFuture<TransportResponse> result = new CompletableFuture<>() {

			@Override
			public boolean cancel(boolean mayInterruptIfRunning) {
				// Since JDK 16 this aborts the exchange while it waits for the headers.
				CompletableFuture<?> exchange = upstream.get();
				if (exchange != null) {
					exchange.cancel(true);
				}
				return super.cancel(mayInterruptIfRunning);
			}

		};
		HttpResponse.BodyHandler<InputStream> handler = (info) -> {
			// The JDK's own InputStream subscriber: delivered inline (no executor hop per
			// buffer), and close() wakes a reader blocked on it.
			HttpResponse.BodySubscriber<InputStream> body = HttpResponse.BodySubscribers.ofInputStream();
			InputStream stream = body.getBody().toCompletableFuture().join();
			if (!result.complete(new JdkResponse(info.statusCode(), info.headers(), stream))) {
				closeQuietly(stream);
			}
			return body;
		};
		try {
			upstream.set(this.client.sendAsync(builder.build(), handler).whenComplete((response, failure) -> {
				if (failure != null) {
					result.completeExceptionally(unwrap(failure));
				}
			}));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (result.isCancelled()) {
			upstream.get().cancel(true);
		}
		return result;
	}

	/**
	 * Shuts down the executor this transport created, if any. Idempotent.
	 */
	@Override
	public void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public String toString() {
		return "JdkHttpTransport[" + this.client.version() + ", connectTimeout="
				+ this.client.connectTimeout().map(Duration::toString).orElse("none") + "]";
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static void closeQuietly(InputStream body) {
		try {
			body.close();
		}
		catch (IOException ex) {
			// Closing aborts the exchange; nothing more to do.
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static final class JdkResponse implements TransportResponse {

		private final int status;

		private final HttpHeaders headers;

		private final InputStream body;

		JdkResponse(int status, HttpHeaders headers, InputStream body) {
			this.status = status;
			this.headers = headers;
			this.body = body;
		}

		@Override
		public int statusCode() {
			return this.status;
		}

		@Override
		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		@Override
		public InputStream body() {
			return this.body;
		}

		@Override
		public void close() {
			closeQuietly(this.body);
		}

	}

}
