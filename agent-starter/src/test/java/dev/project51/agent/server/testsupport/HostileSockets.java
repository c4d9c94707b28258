package dev.project51.agent.server.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.project51.agent.server.testsupport.RawHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the hostile-client tests of both starters do over raw sockets: send a request and
 * check that the answer reveals nothing, probe whether the server still answers, and
 * trickle bytes until the server closes the connection.
 */
public final class HostileSockets {

	private HostileSockets() {
	}

	/**
	 * Sends a request from an address of the loop-back interface, on a connection of its
	 * own.
	 * @param raw the client of the server
	 * @param from the local address to send from
	 * @param request the whole request
	 * @return the answer, checked to be {@link #unrevealing(Response) unrevealing}
	 */
	public static Response send(RawHttp raw, String from, byte[] request) {
		try (Socket socket = raw.connect(from)) {
			return unrevealing(RawHttp.exchange(socket, request));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The status of the answer to a health request, -1 when the server closed or reset.
	 * @param socket the connection
	 * @return the status or -1
	 */
	public static int answerOrNone(Socket socket) {
		try {
			return RawHttp
				.exchange(socket,
						"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
							.getBytes(StandardCharsets.ISO_8859_1))
				.status();
		}
		catch (UncheckedIOException ex) {
			return -1;
		}
	}

	/**
	 * An answer, checked to be no server error and to leak no stack trace or exception.
	 * @param response the answer
	 * @return the same answer
	 */
	public static Response unrevealing(Response response) {
		assertThat(response.status()).as(response.toString()).isLessThan(500);
		if (response.status() >= 400) {
			assertThat(response.toString()).doesNotContain("\tat ", "Caused by", "Exception", "Whitelabel");
		}
		return response;
	}

	/**
	 * Whether the server closes a connection within a time, sending nothing more.
	 * @param socket the connection
	 * @param time how long to wait
	 * @return whether it closed (or reset)
	 * @throws IOException when the timeout cannot be set
	 */
	public static boolean closesWithin(Socket socket, Duration time) throws IOException {
		socket.setSoTimeout((int) time.toMillis());
		try {
			return socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // reset
		}
	}

	/**
	 * Sends a piece every 250 ms until the server closes the connection; when asked,
	 * reads what the server sends to notice the close.
	 * @param socket the connection
	 * @param piece what to send each time
	 * @param watch whether to read the connection to notice the close
	 * @return set once the server closed the connection (only noticed when watching)
	 */
	public static AtomicBoolean trickle(Socket socket, String piece, boolean watch) {
		AtomicBoolean closed = new AtomicBoolean();
		Thread writer = new Thread(() -> {
			try {
				OutputStream out = socket.getOutputStream();
				while (!closed.get()) {
					out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					Thread.sleep(250);
				}
			}
			catch (IOException | InterruptedException ex) {
				// The server closed the connection.
			}
		}, "trickle");
		writer.setDaemon(true);
		writer.start();
		if (!watch) {
			return closed;
		}
		Thread reader = new Thread(() -> {
			try {
				InputStream in = socket.getInputStream();
				while (in.read() >= 0) {
					// what the server answers before it closes
				}
			}
			catch (IOException ex) {
				// reset: closed as well
			}
			closed.set(true);
		}, "trickle-reader");
		reader.setDaemon(true);
		reader.start();
		return closed;
	}

}
