package dev.project51.testsupport.providers;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on a loopback port with full control of the socket: what a
 * fault needs and {@code com.sun.net.httpserver} cannot do (reset a connection, notice a
 * client that left while a request hangs, close in the middle of a chunked body). One
 * daemon thread per connection, keep-alive, no busy waiting: a held request blocks in a
 * socket read that ends when the client closes or {@link #close()} closes the socket.
 */
final class WireServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WireServer.class);

	/**
	 * Answers one request.
	 */
	@FunctionalInterface
	interface Handler {

		void handle(WireExchange exchange) throws IOException;

	}

	private final ServerSocket serverSocket;

	private final Handler handler;

	private final ExecutorService executor;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final AtomicInteger inFlight = new AtomicInteger();

	WireServer(String name, Handler handler) {
		this.handler = handler;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			this.serverSocket = new ServerSocket();
			this.serverSocket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 0),
					512);
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException("Cannot bind a loopback port", ex);
		}
		this.executor.execute(this::accept);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	int inFlight() {
		return this.inFlight.get();
	}

	boolean isClosed() {
		return this.closed.getCount() == 0;
	}

	CountDownLatch closedLatch() {
		return this.closed;
	}

	private void accept() {
		while (!isClosed()) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (IOException ex) {
				if (!isClosed()) {
					logger.warn("Accept failed on port {}", port(), ex);
				}
				return;
			}
			this.sockets.add(socket);
			if (isClosed()) {
				closeQuietly(socket);
				return;
			}
			try {
				this.executor.execute(() -> serve(socket));
			}
			catch (RuntimeException ex) {
				closeQuietly(socket);
			}
		}
	}

	private void serve(Socket socket) {
		try {
			socket.setTcpNoDelay(true);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = new BufferedOutputStream(socket.getOutputStream());
			while (!isClosed()) {
				WireRequest request = WireRequest.read(in, out);
				if (request == null) {
					return;
				}
				WireExchange exchange = new WireExchange(socket, in, out, request, this.closed);
				this.inFlight.incrementAndGet();
				try {
					this.handler.handle(exchange);
				}
				finally {
					this.inFlight.decrementAndGet();
				}
				if (!exchange.reusable()) {
					return;
				}
			}
		}
		catch (WireRequest.BadRequest ex) {
			logger.debug("Bad request on port {}: {}", port(), ex.getMessage());
		}
		catch (IOException | WireExchange.Released ex) {
			// the client left, the fault dropped the connection, or the server is closing
		}
		catch (RuntimeException ex) {
			logger.warn("Fake provider handler failed", ex);
		}
		finally {
			closeQuietly(socket);
			this.sockets.remove(socket);
		}
	}

	@Override
	public void close() {
		this.closed.countDown();
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.executor.shutdownNow();
		try {
			// the threads end at once: their sockets are closed and their pauses released
			if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Fake provider threads still running 5 s after close on port {}", port());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

}
