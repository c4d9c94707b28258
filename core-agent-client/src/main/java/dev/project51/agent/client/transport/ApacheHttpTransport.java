package dev.project51.agent.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.Socket;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * An {@link HttpTransport} on Apache HttpClient 5's classic (blocking) API: the thread
 * that calls {@link #exchange} writes the request and reads the response from the socket
 * itself. No selector thread sits between the socket and the reader, so a response head
 * or an event that arrives wakes one thread, the reader, where the JDK
 * {@link java.net.http.HttpClient} wakes its selector thread and then the reader. On a
 * streamed answer that is one thread wake-up less per event: relaying answers at
 * concurrency 1, Project51's frontend spends about half the CPU time per answer with it
 * (see docs/benchmark-history.md). HTTP/1.1 only, also over TLS: one connection per
 * concurrent exchange.
 * <p>
 * Connections are pooled per host without a bound that a caller could wait on (a stream
 * holds its connection for as long as it runs), checked before reuse after 2 s idle, and
 * closed after 30 s idle, before a server's usual keep-alive timeout (Tomcat's is 60 s in
 * Project51's apps). No retries, no redirects, no cookies, no content decompression: the
 * agent client decides all of that. Sockets are channels, so interrupting a thread that
 * waits for a response aborts the exchange, as {@link HttpTransport#exchange} requires.
 * TLS is HttpClient's default (the JDK's trust store), set up on the first HTTPS
 * connection: loading the trust store takes about 0.1 s of a start-up, which a transport
 * that only speaks plain HTTP (to an agent on the same host or cluster) never needs.
 * <p>
 * Needs {@code org.apache.httpcomponents.client5:httpclient5} on the class path (an
 * optional dependency of this library; frontend-starter brings it).
 *
 * @since 0.1.0
 */
public final class ApacheHttpTransport implements HttpTransport {

	private static final long IDLE_SECONDS = 30;

	private static final AtomicInteger ids = new AtomicInteger();

	private final CloseableHttpClient client;

	private final Duration connectTimeout;

	/** Runs {@link #send}'s exchanges, which need a thread to wait on. */
	private final ExecutorService sendExecutor;

	private ApacheHttpTransport(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		// No read timeout: the agent client's own deadlines abort an exchange.
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.DISABLED)
			.setValidateAfterInactivity(TimeValue.ofSeconds(2))
			.build();
		PoolingHttpClientConnectionManager pool = new ChannelSocketPoolBuilder().setTlsSocketStrategy(new FirstUseTls())
			.setDefaultConnectionConfig(connections)
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setMaxConnPerRoute(Integer.MAX_VALUE)
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.DISABLED)
				.setConnectionRequestTimeout(Timeout.DISABLED)
				.build())
			.evictIdleConnections(TimeValue.ofSeconds(IDLE_SECONDS))
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableContentCompression()
			.disableAuthCaching()
			.build();
		int id = ids.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		this.sendExecutor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "project51-agent-http-" + id + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * A transport with its own connection pool. Close it to release the pool.
	 * @param connectTimeout how long to wait for a TCP (and TLS) connection
	 * @return the transport
	 */
	public static ApacheHttpTransport create(Duration connectTimeout) {
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("connectTimeout must be positive, but was " + connectTimeout);
		}
		return new ApacheHttpTransport(connectTimeout);
	}

	@Override
	public TransportResponse exchange(TransportRequest request) throws IOException, InterruptedException {
		return exchange(request, httpRequest(request));
	}

	private TransportResponse exchange(TransportRequest request, HttpUriRequestBase httpRequest)
			throws IOException, InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException(request + " not sent: the thread was interrupted");
		}
		ClassicHttpResponse response;
		try {
			response = this.client.executeOpen(null, httpRequest, null);
		}
		catch (ConnectTimeoutException ex) {
			HttpConnectTimeoutException timeout = new HttpConnectTimeoutException(ex.getMessage());
			timeout.initCause(ex);
			throw timeout;
		}
		catch (IOException ex) {
			if (Thread.interrupted()) {
				InterruptedException interrupted = new InterruptedException(request + " aborted by an interrupt");
				interrupted.initCause(ex);
				throw interrupted;
			}
			throw ex;
		}
		return new ApacheResponse(httpRequest, response);
	}

	private static HttpUriRequestBase httpRequest(TransportRequest request) {
		HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.method(), request.uri());
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			httpRequest.setHeader(header.getKey(), header.getValue());
		}
		if (request.body() != null) {
			// The content type is among the request's headers.
			httpRequest.setEntity(new ByteArrayEntity(request.body(), null));
		}
		return httpRequest;
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		HttpUriRequestBase httpRequest = httpRequest(request);
		CompletableFuture<TransportResponse> result = new CompletableFuture<>() {

			@Override
			public boolean cancel(boolean mayInterruptIfRunning) {
				boolean cancelled = super.cancel(mayInterruptIfRunning);
				if (cancelled) {
					// Closes the connection, whether it is being opened, written or read;
					// a response handed over already is its caller's to close.
					httpRequest.cancel();
				}
				return cancelled;
			}

		};
		try {
			this.sendExecutor.execute(() -> {
				try {
					TransportResponse response = exchange(request, httpRequest);
					if (!result.complete(response)) {
						response.close();
					}
				}
				catch (InterruptedException ex) {
					result.completeExceptionally(new InterruptedIOException(ex.getMessage()));
				}
				catch (IOException | RuntimeException ex) {
					result.completeExceptionally(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return result;
	}

	/**
	 * Closes the pooled connections; exchanges still running are aborted.
	 */
	@Override
	public void close() {
		this.sendExecutor.shutdownNow();
		this.client.close(CloseMode.IMMEDIATE);
	}

	@Override
	public String toString() {
		return "ApacheHttpTransport[HTTP/1.1, connectTimeout=" + this.connectTimeout + "]";
	}

	/**
	 * A response of HttpClient. Its body is tracked to its end, because closing
	 * HttpClient's stream of a body that has not ended would read the rest of it first,
	 * which for an answer stream can take minutes: such a close aborts instead.
	 */
	private static final class ApacheResponse implements TransportResponse {

		private final HttpUriRequestBase request;

		private final ClassicHttpResponse response;

		private final TrackedBody body;

		ApacheResponse(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException {
			this.request = request;
			this.response = response;
			HttpEntity entity = response.getEntity();
			this.body = (entity != null) ? new TrackedBody(entity.getContent(), entity.getContentLength())
					: new TrackedBody(InputStream.nullInputStream(), 0);
		}

		@Override
		public int statusCode() {
			return this.response.getCode();
		}

		@Override
		public Optional<String> header(String name) {
			Header header = this.response.getFirstHeader(name);
			return (header != null) ? Optional.ofNullable(header.getValue()) : Optional.empty();
		}

		@Override
		public InputStream body() {
			return this.body;
		}

		@Override
		public void close() {
			if (!this.body.endsWithoutWaiting()) {
				// Shuts the socket down: a thread blocked reading is released at once.
				this.request.cancel();
			}
			try {
				this.response.close();
			}
			catch (IOException ex) {
				// Aborted, or the connection was already gone: nothing more to release.
			}
		}

	}

	/**
	 * HttpClient's default TLS, made when the first connection needs it.
	 */
	private static final class FirstUseTls implements TlsSocketStrategy {

		private volatile TlsSocketStrategy tls;

		@Override
		public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
				throws IOException {
			TlsSocketStrategy strategy = this.tls;
			if (strategy == null) {
				synchronized (this) {
					strategy = this.tls;
					if (strategy == null) {
						strategy = DefaultClientTlsStrategy.createDefault();
						this.tls = strategy;
					}
				}
			}
			return strategy.upgrade(socket, target, port, attachment, context);
		}

	}

	/**
	 * The pool of connections, on sockets that are channels: a thread blocked on such a
	 * socket is released by an interrupt, which closes the connection.
	 */
	private static final class ChannelSocketPoolBuilder extends PoolingHttpClientConnectionManagerBuilder {

		@Override
		protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemePortResolver,
				DnsResolver dnsResolver, TlsSocketStrategy tlsSocketStrategy) {
			return new DefaultHttpClientConnectionOperator(ChannelSocketPoolBuilder::channelSocket, schemePortResolver,
					dnsResolver,
					RegistryBuilder.<TlsSocketStrategy>create()
						.register(URIScheme.HTTPS.id, tlsSocketStrategy)
						.build());
		}

		private static Socket channelSocket(Proxy proxy) throws IOException {
			if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
				// A SOCKS proxy needs a plain socket, which an interrupt does not
				// release.
				return new Socket(proxy);
			}
			return SocketChannel.open().socket();
		}

	}

}
