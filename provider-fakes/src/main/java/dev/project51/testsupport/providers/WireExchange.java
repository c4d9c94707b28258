package dev.project51.testsupport.providers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The answer to one request, written straight to the socket: a fixed-length or chunked
 * response, or one of the ways a connection misbehaves (held open, dropped, reset).
 */
final class WireExchange {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final byte[] CRLF = { '\r', '\n' };

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final WireRequest request;

	private final CountDownLatch serverClosed;

	private boolean complete;

	private boolean broken;

	WireExchange(Socket socket, InputStream in, OutputStream out, WireRequest request, CountDownLatch serverClosed) {
		this.socket = socket;
		this.in = in;
		this.out = out;
		this.request = request;
		this.serverClosed = serverClosed;
	}

	WireRequest request() {
		return this.request;
	}

	/**
	 * Whether the connection can serve the next request.
	 * @return true after a complete response to a request that did not ask to close
	 */
	boolean reusable() {
		return this.complete && !this.broken && !this.request.wantsClose();
	}

	/**
	 * Sends a complete response with a {@code Content-Length}.
	 */
	void respond(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException {
		startFixed(status, headers, contentType, body.length);
		this.out.write(body);
		this.out.flush();
		this.complete = true;
	}

	/**
	 * Sends the status line and headers of a response of the given length, and flushes.
	 */
	void startFixed(int status, Map<String, String> headers, String contentType, long length) throws IOException {
		StringBuilder head = head(status, headers, contentType);
		head.append("Content-Length: ").append(length).append("\r\n\r\n");
		this.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
	}

	/**
	 * Writes part of a fixed-length body and flushes.
	 */
	void write(byte[] bytes, int offset, int length) throws IOException {
		this.out.write(bytes, offset, length);
		this.out.flush();
	}

	/**
	 * Sends the status line and headers of a chunked response, and flushes.
	 */
	void startChunked(int status, Map<String, String> headers, String contentType) throws IOException {
		StringBuilder head = head(status, headers, contentType);
		head.append("Transfer-Encoding: chunked\r\n\r\n");
		this.out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
	}

	/**
	 * Sends one chunk of a chunked body and flushes.
	 */
	void chunk(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length == 0) {
			return;
		}
		this.out.write(Integer.toHexString(bytes.length).getBytes(StandardCharsets.US_ASCII));
		this.out.write(CRLF);
		this.out.write(bytes);
		this.out.write(CRLF);
		this.out.flush();
	}

	/**
	 * Ends a chunked body.
	 */
	void endChunked() throws IOException {
		this.out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		this.complete = true;
	}

	/**
	 * Waits, without sending anything, while watching the connection.
	 * @param duration how long
	 * @throws Released when the client closed the connection or the server is closing
	 */
	void pause(Duration duration) throws IOException {
		if (duration.isZero()) {
			return;
		}
		long deadline = System.nanoTime() + duration.toNanos();
		try {
			while (true) {
				checkServerOpen();
				long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
				if (remainingMillis <= 0) {
					return;
				}
				this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
				try {
					if (this.in.read() == -1) {
						throw peerGone();
					}
				}
				catch (SocketTimeoutException ex) {
					// the pause is over
				}
			}
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout(0);
			}
		}
	}

	/**
	 * Holds the request open, sending nothing, until the client closes the connection or
	 * the server closes. The connection is not reused afterwards.
	 */
	void hold() throws IOException {
		this.broken = true;
		checkServerOpen();
		this.socket.setSoTimeout(0);
		byte[] discard = new byte[1024];
		while (this.in.read(discard) != -1) {
			// a client does not send on a connection whose response is pending: ignore it
		}
	}

	/**
	 * Closes the connection after what was sent so far (a FIN, so the client reads those
	 * bytes first, then an unexpected end of the body).
	 */
	void drop() throws IOException {
		this.broken = true;
		this.out.flush();
		this.socket.close();
	}

	/**
	 * Resets the connection: a TCP RST instead of any response.
	 */
	void reset() throws IOException {
		this.broken = true;
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	private StringBuilder head(int status, Map<String, String> headers, String contentType) {
		StringBuilder head = new StringBuilder(256);
		head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
		head.append("Date: ").append(httpDate(Instant.now())).append("\r\n");
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (this.request.wantsClose()) {
			head.append("Connection: close\r\n");
		}
		return head;
	}

	private void checkServerOpen() {
		if (this.serverClosed.getCount() == 0) {
			throw new Released("the fake provider is closing");
		}
	}

	private Released peerGone() {
		this.broken = true;
		return new Released("the client closed the connection");
	}

	/**
	 * An HTTP date (RFC 9110 IMF-fixdate).
	 * @param instant the instant
	 * @return e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}
	 */
	static String httpDate(Instant instant) {
		return HTTP_DATE.format(instant);
	}

	static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 409 -> "Conflict";
			case 413 -> "Payload Too Large";
			case 422 -> "Unprocessable Entity";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			case 529 -> "Site Overloaded";
			default -> (status >= 500) ? "Server Error" : "Client Error";
		};
	}

	/**
	 * Ends the handling of a request whose connection is gone or whose server is closing.
	 */
	static final class Released extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Released(String message) {
			super(message, null, false, false);
		}

	}

}
