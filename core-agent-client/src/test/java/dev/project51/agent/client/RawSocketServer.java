package dev.project51.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server for faults an HTTP server cannot produce: it reads the request head and
 * then resets the connection (RST, not FIN).
 */
final class RawSocketServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread acceptor;

	final AtomicInteger connections = new AtomicInteger();

	RawSocketServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::acceptLoop, "raw-socket-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.socket.getLocalPort());
	}

	private void acceptLoop() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				this.connections.incrementAndGet();
				readHead(client.getInputStream());
				client.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// closed, or the client left first
			}
		}
	}

	/** Reads up to the blank line that ends a request's head. */
	static void readHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int b;
		while (matched < end.length && (b = in.read()) >= 0) {
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
