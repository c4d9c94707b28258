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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link HttpTransport}, on the JDK {@link HttpClient}: HTTP/1.1 for
 * {@code http} URIs (no h2c upgrade dance), HTTP/2 when TLS negotiates it, no redirects.
 * <p>
 * The response body is the JDK's own {@code InputStream} subscriber: it requests one
 * buffer list at a time, so a slow reader applies back-pressure to the connection, and
 * {@link TransportResponse#close()} cancels the exchange and releases a blocked reader at
 * once.
 * <p>
 * A transport made by {@link #create(Duration)} runs the client's tasks on the thread
 * that triggers them, with no executor: the request is written by the calling thread, the
 * response is parsed and handed over by the client's selector thread, and the body is
 * delivered to the thread reading it. Each hop through an executor would cost a thread
 * hand-off per exchange (and per body buffer); the work these tasks do is small and never
 * blocks (the body subscriber only queues buffers). The JDK 17 {@code HttpClient} has no
 * {@code close()}: its selector thread ends when the client is garbage collected.
 *
 * @since 0.1.0
 */
public final class JdkHttpTransport implements HttpTransport {

	private final HttpClient client;

	private JdkHttpTransport(HttpClient client) {
		this.client = client;
	}

	/**
	 * A transport with its own {@link HttpClient}, which runs its tasks without an
	 * executor.
	 * @param connectTimeout how long to wait for a TCP (and TLS) connection
	 * @return the transport
	 */
	public static JdkHttpTransport create(Duration connectTimeout) {
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("connectTimeout must be positive, but was " + connectTimeout);
		}
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(Runnable::run)
			.build();
		return new JdkHttpTransport(client);
	}

	/**
	 * A transport on an {@link HttpClient} configured by the caller (proxy, TLS,
	 * authenticator...). The caller keeps ownership. Configure it not to follow
	 * redirects.
	 * @param client the HTTP client
	 * @return the transport
	 */
	public static JdkHttpTransport of(HttpClient client) {
		Objects.requireNonNull(client, "client must not be null");
		return new JdkHttpTransport(client);
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
