package dev.project51.testsupport.providers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that writes a request on a plain socket and keeps every byte of the answer:
 * for the wire details an HTTP client hides (chunk framing, a reset, a body that never
 * ends).
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * How the exchange ended.
	 */
	enum End {

		/** The server closed the connection. */
		CLOSED,
		/** The server reset the connection. */
		RESET,
		/** The server sent nothing more for the given quiet time. */
		QUIET

	}

	/**
	 * What came back.
	 *
	 * @param text the bytes received, as UTF-8
	 * @param end how it ended
	 */
	record Received(String text, End end) {

		String head() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end < 0) ? this.text : this.text.substring(0, end);
		}

		String body() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end < 0) ? "" : this.text.substring(end + 4);
		}

	}

	static String post(String path, String body, String... headers) {
		StringBuilder request = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		request.append("Content-Type: application/json\r\n");
		request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
		return request.toString();
	}

	/**
	 * Sends the requests on one connection and reads until the server closes, resets, or
	 * stays quiet for the given time.
	 */
	static Received exchange(FakeProvider fake, Duration quiet, String... requests) throws IOException {
		int port = URI.create(fake.baseUrl()).getPort();
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) quiet.toMillis());
			OutputStream out = socket.getOutputStream();
			for (String request : requests) {
				out.write(request.getBytes(StandardCharsets.UTF_8));
			}
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			End end;
			while (true) {
				try {
					int read = in.read(buffer);
					if (read == -1) {
						end = End.CLOSED;
						break;
					}
					received.write(buffer, 0, read);
				}
				catch (SocketTimeoutException ex) {
					end = End.QUIET;
					break;
				}
				catch (SocketException ex) {
					end = End.RESET;
					break;
				}
			}
			return new Received(received.toString(StandardCharsets.UTF_8), end);
		}
	}

}
