package dev.project51.agent.client.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one HTTP request and hands back the response as soon as its headers have arrived;
 * the body is read as a stream. The agent client adds timeouts, retries and a circuit
 * breaker on top, so an implementation does none of that.
 * <p>
 * Contract for implementations:
 * <ul>
 * <li>{@link #send} returns at once; the future completes when the response headers have
 * arrived.</li>
 * <li>Cancelling the returned future ({@code cancel(true)}) aborts the exchange: the
 * connection is closed and the future completes with a
 * {@link java.util.concurrent.CancellationException}.</li>
 * <li>A failure completes the future exceptionally with an {@link java.io.IOException}.
 * When the request provably never reached the server use
 * {@link java.net.ConnectException} (connection refused),
 * {@link java.net.http.HttpConnectTimeoutException} (connect timeout) or
 * {@link java.net.UnknownHostException}: the client retries even non-idempotent calls
 * after those, and only after those.</li>
 * <li>Redirects are not followed.</li>
 * <li>Implementations are thread-safe.</li>
 * </ul>
 *
 * @since 0.1.0
 * @see JdkHttpTransport
 */
public interface HttpTransport extends AutoCloseable {

	/**
	 * Starts an exchange.
	 * @param request the request
	 * @return a future of the response, completed when its headers have arrived
	 */
	CompletableFuture<TransportResponse> send(TransportRequest request);

	/**
	 * Releases the resources of this transport (threads, connections). The agent client
	 * closes a transport it created itself, never one passed to its builder. The default
	 * implementation does nothing.
	 */
	@Override
	default void close() {
	}

}
