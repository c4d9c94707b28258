package dev.project51.agent.client.transport;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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
	 * Sends a request and waits on the calling thread until its response has arrived (its
	 * headers, or more). The agent client calls this: the thread that needs the response
	 * waits for it, with no hand-off between threads when the implementation can avoid
	 * one.
	 * <p>
	 * Interrupting the waiting thread aborts the exchange (the connection is closed) and
	 * throws {@link InterruptedException}. Failures are the same {@link IOException}s as
	 * {@link #send}'s. The default implementation waits for {@link #send}'s future and
	 * cancels it when interrupted.
	 * @param request the request
	 * @return the response
	 * @throws IOException if the exchange failed or was cancelled
	 * @throws InterruptedException if the waiting thread was interrupted
	 */
	default TransportResponse exchange(TransportRequest request) throws IOException, InterruptedException {
		CompletableFuture<TransportResponse> future = send(request);
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			// A response that arrived meanwhile is released.
			future.thenAccept(TransportResponse::close);
			throw ex;
		}
		catch (CancellationException ex) {
			throw new IOException("Exchange cancelled", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IOException(String.valueOf(cause), cause);
		}
	}

	/**
	 * Releases the resources of this transport (threads, connections). The agent client
	 * closes a transport it created itself, never one passed to its builder. The default
	 * implementation does nothing.
	 */
	@Override
	default void close() {
	}

}
