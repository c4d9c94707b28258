package dev.project51.agent.server.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a raw socket, for requests that {@code java.net.http.HttpClient} refuses
 * to send: invalid UTF-8 or NUL in the request line, malformed headers, a wrong
 * {@code Content-Length}, hand-made chunked bodies. The request is written by a separate
 * thread while the answer is read, so a server that answers before it has read the whole
 * body does not block the test; the connection is closed by the server
 * ({@code Connection: close}) or after the answer's body.
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 30_000;

	private final int port;

	/**
	 * A client of a server on the loop-back interface.
	 * @param port the port
	 */
	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends a request made of a head (request line and headers, {@code \r\n} separated,
	 * without the blank line) and a body, adding {@code Host} and
	 * {@code Connection: close}.
	 * @param head the request line and headers
	 * @param body the body bytes, sent as they are
	 * @return the answer
	 */
	public Response send(String head, byte[] body) {
		return send(head.getBytes(StandardCharsets.ISO_8859_1), body);
	}

	/**
	 * Like {@link #send(String, byte[])} with a head given as bytes (for invalid UTF-8
	 * and control bytes in the request line or headers).
	 * @param head the request line and headers
	 * @param body the body bytes, sent as they are
	 * @return the answer
	 */
	public Response send(byte[] head, byte[] body) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(head);
		request.writeBytes(("\r\nHost: 127.0.0.1:" + this.port + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(body);
		return sendExactly(request.toByteArray());
	}

	/**
	 * Sends the given bytes and nothing else, then half-closes the connection.
	 * @param request the whole request
	 * @return the answer
	 */
	public Response sendExactly(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			Thread writer = new Thread(() -> write(socket, request), "raw-http-writer");
			writer.setDaemon(true);
			writer.start();
			byte[] answer = readAll(socket.getInputStream());
			return Response.parse(answer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens a connection from a given loop-back address (any of 127.0.0.0/8), which the
	 * server sees as the client's address, for tests that need a client of their own.
	 * @param from the local address, e.g. {@code 127.0.0.7}
	 * @return the connected socket, with the read timeout set
	 */
	public Socket connect(String from) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends a whole request on an open connection and reads its answer, leaving the
	 * connection open when the server does.
	 * @param socket the connection
	 * @param request the request bytes
	 * @return the answer
	 */
	public static Response exchange(Socket socket, byte[] request) {
		try {
			socket.getOutputStream().write(request);
			socket.getOutputStream().flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads one answer from a connection: until it is complete or the server closes.
	 * @param socket the connection
	 * @return the answer, status {@code -1} when the server closed without one
	 */
	public static Response read(Socket socket) {
		try {
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			return Response.parse(new byte[0]);
		}
	}

	private static void write(Socket socket, byte[] request) {
		try {
			OutputStream out = socket.getOutputStream();
			for (int offset = 0; offset < request.length; offset += 8192) {
				out.write(request, offset, Math.min(8192, request.length - offset));
			}
			out.flush();
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			// The server answered and closed before it read everything: expected for
			// rejected bodies.
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				answer.write(buffer, 0, n);
				if (Response.isComplete(answer.toByteArray())) {
					break;
				}
			}
		}
		catch (SocketException ex) {
			// A reset after the answer (the server closed with unread request bytes).
			if (answer.size() == 0) {
				throw ex;
			}
		}
		catch (SocketTimeoutException ex) {
			throw new SocketTimeoutException("no complete answer within " + TIMEOUT_MILLIS + " ms; got: "
					+ answer.toString(StandardCharsets.ISO_8859_1));
		}
		return answer.toByteArray();
	}

	/**
	 * An HTTP answer, or none (the server closed the connection without answering).
	 *
	 * @param status the status, or {@code -1} when there was no answer
	 * @param headers the headers, names in lower case
	 * @param body the body (de-chunked)
	 * @param raw the answer as received
	 */
	public record Response(int status, Map<String, List<String>> headers, byte[] body, byte[] raw) {

		/**
		 * The first value of a header.
		 * @param name the name, any case
		 * @return the value or {@code null}
		 */
		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? values.get(0) : null;
		}

		/**
		 * The body as UTF-8 text.
		 * @return the text
		 */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return new String(this.raw, StandardCharsets.ISO_8859_1);
		}

		static boolean isComplete(byte[] bytes) {
			int end = headEnd(bytes);
			if (end < 0) {
				return false;
			}
			Response head = parseHead(bytes, end);
			String length = head.header("content-length");
			if (length != null) {
				return bytes.length - end >= Long.parseLong(length.trim());
			}
			if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
				return dechunk(bytes, end) != null;
			}
			return head.status() == 204 || head.status() == 304;
		}

		static Response parse(byte[] bytes) {
			int end = headEnd(bytes);
			if (end < 0) {
				return new Response(-1, Map.of(), new byte[0], bytes);
			}
			Response head = parseHead(bytes, end);
			byte[] body;
			if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
				body = dechunk(bytes, end);
				if (body == null) {
					throw new IllegalStateException("truncated chunked answer: " + new String(bytes));
				}
			}
			else {
				body = java.util.Arrays.copyOfRange(bytes, end, bytes.length);
			}
			return new Response(head.status(), head.headers(), body, bytes);
		}

		private static int headEnd(byte[] bytes) {
			for (int i = 0; i + 3 < bytes.length; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
					return i + 4;
				}
			}
			return -1;
		}

		private static Response parseHead(byte[] bytes, int end) {
			String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			String[] statusLine = lines[0].split(" ", 3);
			int status = Integer.parseInt(statusLine[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			return new Response(status, headers, new byte[0], bytes);
		}

		private static byte[] dechunk(byte[] bytes, int start) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int position = start;
			while (true) {
				int lineEnd = indexOfCrlf(bytes, position);
				if (lineEnd < 0) {
					return null;
				}
				String sizeLine = new String(bytes, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
				position = lineEnd + 2;
				if (size == 0) {
					return body.toByteArray();
				}
				if (position + size + 2 > bytes.length) {
					return null;
				}
				body.write(bytes, position, size);
				position += size + 2;
			}
		}

		private static int indexOfCrlf(byte[] bytes, int from) {
			for (int i = from; i + 1 < bytes.length; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
					return i;
				}
			}
			return -1;
		}

	}

}
