package dev.project51.agent.client.transport;

import java.io.ByteArrayInputStream;
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
 * once; a body read to its declared length is closed once the JDK has seen its end, so
 * that its connection serves the next exchange.
 * <p>
 * {@link #exchange} waits in {@link HttpClient#send}, on the calling thread, and a body
 * of known length up to 64 KiB arrives whole with the response, so that its reader never
 * waits for it. A transport made by {@link #create(Duration)} runs the client's tasks
 * with no executor, on the thread that triggers them: the request is written by the
 * calling thread, the response is parsed and handed over by the client's selector thread,
 * and the body is delivered to the thread reading it. Each hop through an executor would
 * cost a thread hand-off per exchange and per body buffer, and
 * {@link HttpClient#sendAsync} adds one more, through the common pool, which on a machine
 * of two cores is a new thread per call; the work these tasks do is small and never
 * blocks (the body subscribers only queue buffers). The JDK 17 {@code HttpClient} has no
 * {@code close()}: its selector thread ends when the client is garbage collected.
 *
 * @since 0.1.0
 */
public final class JdkHttpTransport implements HttpTransport {

	/** Bodies of a known length up to this size arrive whole with the response. */
	private static final long BUFFERED_BODY_LIMIT = 64 * 1024;

	private static final HttpResponse.BodyHandler<InputStream> BODY_HANDLER = (info) -> {
		long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
		if (length >= 0 && length <= BUFFERED_BODY_LIMIT) {
			return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
					ByteArrayInputStream::new);
		}
		return HttpResponse.BodySubscribers.ofInputStream();
	};

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
	public TransportResponse exchange(TransportRequest request) throws IOException, InterruptedException {
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(httpRequest(request), BODY_HANDLER);
		}
		catch (IOException ex) {
			// send() wraps the failure to add the caller's stack; the original tells
			// more (UnknownHostException becomes a plain IOException otherwise).
			if (ex.getCause() instanceof IOException cause && ex.getClass().isInstance(cause)) {
				throw cause;
			}
			throw ex;
		}
		return JdkResponse.of(response.statusCode(), response.headers(), response.body());
	}

	private static HttpRequest httpRequest(TransportRequest request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
			.method(request.method(), (request.body() != null) ? HttpRequest.BodyPublishers.ofByteArray(request.body())
					: HttpRequest.BodyPublishers.noBody());
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			builder.header(header.getKey(), header.getValue());
		}
		if ("http".equalsIgnoreCase(request.uri().getScheme())) {
			builder.version(HttpClient.Version.HTTP_1_1);
		}
		return builder.build();
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
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
			if (!result.complete(JdkResponse.of(info.statusCode(), info.headers(), stream))) {
				closeQuietly(stream);
			}
			return body;
		};
		try {
			upstream.set(this.client.sendAsync(httpRequest(request), handler).whenComplete((response, failure) -> {
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

	/**
	 * A response of the JDK client.
	 *
	 * @param statusCode the HTTP status
	 * @param headers the headers
	 * @param body the body, read as it arrives
	 */
	private record JdkResponse(int statusCode, HttpHeaders headers, InputStream body) implements TransportResponse {

		/**
		 * A response whose body, if it has a declared length and is still arriving, is
		 * tracked to its end.
		 */
		static JdkResponse of(int statusCode, HttpHeaders headers, InputStream body) {
			long length = headers.firstValueAsLong("Content-Length").orElse(-1);
			boolean arriving = length >= 0 && !(body instanceof ByteArrayInputStream);
			return new JdkResponse(statusCode, headers, arriving ? new TrackedBody(body, length) : body);
		}

		@Override
		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		/**
		 * Closes the body. One read to its declared length first waits for the JDK to
		 * signal its end (at once: every byte is there); the JDK's stream, closed before
		 * that signal, cancels an exchange that has already finished, and the connection
		 * it may have handed to the next exchange is closed under that exchange.
		 */
		@Override
		public void close() {
			if (this.body instanceof TrackedBody tracked && tracked.endsWithoutWaiting()) {
				try {
					tracked.read();
				}
				catch (IOException ex) {
					// The exchange failed after all: closing aborts what is left of it.
				}
			}
			closeQuietly(this.body);
		}

	}

}
