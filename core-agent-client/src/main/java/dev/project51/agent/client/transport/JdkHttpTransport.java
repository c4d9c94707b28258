package dev.project51.agent.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Flow;

/**
 * The default {@link HttpTransport}, on the JDK {@link HttpClient}: HTTP/1.1 for
 * {@code http} URIs (no h2c upgrade dance), HTTP/2 when TLS negotiates it, no redirects.
 * <p>
 * The response body is delivered through a bounded, pull-driven subscriber, so a slow
 * reader applies back-pressure to the connection and {@link TransportResponse#close()}
 * releases a blocked reader at once. The JDK 17 {@code HttpClient} has no
 * {@code close()}: a transport made by {@link #create(Duration)} runs the client on its
 * own daemon executor and shuts it down in {@link #close()}; the client's selector thread
 * ends when the client is garbage collected.
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
		CompletableFuture<HttpResponse<StreamingBody>> upstream;
		try {
			upstream = this.client.sendAsync(builder.build(), (info) -> new StreamingBody());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<TransportResponse> result = new CompletableFuture<>() {

			@Override
			public boolean cancel(boolean mayInterruptIfRunning) {
				// Since JDK 16 this aborts the exchange while it waits for the headers.
				upstream.cancel(true);
				return super.cancel(mayInterruptIfRunning);
			}

		};
		upstream.whenComplete((response, failure) -> {
			if (failure != null) {
				result.completeExceptionally(unwrap(failure));
			}
			else if (!result.complete(new JdkResponse(response))) {
				response.body().close();
			}
		});
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

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static final class JdkResponse implements TransportResponse {

		private final HttpResponse<StreamingBody> response;

		JdkResponse(HttpResponse<StreamingBody> response) {
			this.response = response;
		}

		@Override
		public int statusCode() {
			return this.response.statusCode();
		}

		@Override
		public Optional<String> header(String name) {
			return this.response.headers().firstValue(name);
		}

		@Override
		public InputStream body() {
			return this.response.body();
		}

		@Override
		public void close() {
			this.response.body().close();
		}

	}

	/**
	 * A body subscriber that is also the body: one buffer list is requested at a time,
	 * when the reader has consumed the previous one. {@link #close()} cancels the
	 * subscription and wakes a blocked reader.
	 */
	private static final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<StreamingBody> {

		private static final Object END = new Object();

		private static final Object CLOSED = new Object();

		private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

		private final CompletableFuture<StreamingBody> body = CompletableFuture.completedFuture(this);

		private volatile Flow.Subscription subscription;

		private volatile boolean closed;

		private Iterator<ByteBuffer> buffers;

		private ByteBuffer current;

		private boolean ended;

		@Override
		public CompletionStage<StreamingBody> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.closed) {
				subscription.cancel();
			}
			else {
				subscription.request(1);
			}
		}

		@Override
		public void onNext(List<ByteBuffer> item) {
			this.queue.offer(item);
		}

		@Override
		public void onError(Throwable throwable) {
			this.queue.offer(throwable);
		}

		@Override
		public void onComplete() {
			this.queue.offer(END);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, target.length);
			if (length == 0) {
				return 0;
			}
			if (!nextBuffer()) {
				return -1;
			}
			int n = Math.min(length, this.current.remaining());
			this.current.get(target, offset, n);
			return n;
		}

		@Override
		public int available() {
			return (this.current != null) ? this.current.remaining() : 0;
		}

		private boolean nextBuffer() throws IOException {
			while (this.current == null || !this.current.hasRemaining()) {
				if (this.closed) {
					throw new IOException("Response body closed");
				}
				if (this.buffers != null && this.buffers.hasNext()) {
					this.current = this.buffers.next();
					continue;
				}
				if (this.ended) {
					return false;
				}
				Object item;
				try {
					item = this.queue.take();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					close();
					throw new InterruptedIOException("Interrupted while reading the response body");
				}
				if (item == END) {
					this.ended = true;
					return false;
				}
				if (item == CLOSED) {
					throw new IOException("Response body closed");
				}
				if (item instanceof Throwable failure) {
					this.ended = true;
					Throwable cause = unwrap(failure);
					throw (cause instanceof IOException io) ? io : new IOException(cause.getMessage(), cause);
				}
				@SuppressWarnings("unchecked")
				List<ByteBuffer> list = (List<ByteBuffer>) item;
				this.buffers = list.iterator();
				this.current = null;
				this.subscription.request(1);
			}
			return true;
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			Flow.Subscription s = this.subscription;
			if (s != null) {
				s.cancel();
			}
			this.queue.offer(CLOSED);
		}

	}

}
