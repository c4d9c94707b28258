package dev.project51.reliability.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket from a chosen loopback address ({@code 127.x.y.z}): each
 * hostile client gets an address of its own, so the limits it runs into (failed tokens,
 * connections, messages per address) are its own and not those of the other tests. The
 * JDK's {@code HttpClient} cannot choose its local address on Java 17, and it would not
 * send the malformed or slow requests these tests need.
 */
final class RawHttp {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private final InetAddress from;

	private final int port;

	private RawHttp(InetAddress from, int port) {
		this.from = from;
		this.port = port;
	}

	/**
	 * A client of the server on {@code 127.0.0.1:port} whose connections come from
	 * {@code from}.
	 * @param from a loopback address, e.g. {@code 127.0.4.1}
	 * @param port the server's port
	 * @return the client
	 */
	static RawHttp from(String from, int port) {
		try {
			return new RawHttp(InetAddress.getByName(from), port);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(from, ex);
		}
	}

	/**
	 * Opens a connection from this client's address.
	 * @return the connected socket
	 */
	Socket connect() {
		Socket socket = new Socket();
		try {
			socket.bind(new InetSocketAddress(this.from, 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5_000);
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot connect from " + this.from + " to port " + this.port, ex);
		}
	}

	/**
	 * Sends one request on a connection of its own ({@code Connection: close} is added)
	 * and reads the whole answer.
	 * @param method the method
	 * @param path the path and query
	 * @param headers header lines ({@code Name: value}); {@code Host: localhost} unless
	 * one is given
	 * @param body the body, or {@code null}
	 * @return the answer
	 */
	Response send(String method, String path, Map<String, String> headers, String body) {
		StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		Map<String, String> all = new LinkedHashMap<>();
		all.put("Host", "localhost");
		all.putAll(headers);
		all.put("Connection", "close");
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			all.put("Content-Length", Integer.toString(content.length));
		}
		all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.flush();
			return Response.read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " from " + this.from, ex);
		}
	}

	@Override
	public String toString() {
		return "from " + this.from.getHostAddress() + " to port " + this.port;
	}

	Response get(String path, Map<String, String> headers) {
		return send("GET", path, headers, null);
	}

	/**
	 * What a server answered.
	 *
	 * @param status the status code, or 0 when the server closed the connection without
	 * an answer
	 * @param headers the headers, names in lower case
	 * @param body the body, de-chunked
	 */
	record Response(int status, Map<String, String> headers, String body) {

		static final Response CLOSED_UNANSWERED = new Response(0, Map.of(), "");

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		/**
		 * Reads an answer until the server closes the connection.
		 * @param in the connection's input
		 * @return the answer, or {@link #CLOSED_UNANSWERED}
		 * @throws IOException when the connection fails or times out
		 */
		static Response read(InputStream in) throws IOException {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					all.write(buffer, 0, n);
				}
			}
			catch (SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				// A reset after a complete answer (the server closed with unread input).
				if (all.size() == 0) {
					return CLOSED_UNANSWERED;
				}
			}
			String raw = all.toString(StandardCharsets.ISO_8859_1);
			int end = raw.indexOf("\r\n\r\n");
			if (end < 0) {
				return CLOSED_UNANSWERED;
			}
			String[] lines = raw.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
			}
			byte[] rest = all.toByteArray();
			int start = end + 4;
			byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest, start)
					: Arrays.copyOfRange(rest, start, rest.length);
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] raw, int start) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int at = start;
			while (at < raw.length) {
				int lineEnd = at;
				while (lineEnd + 1 < raw.length && !(raw[lineEnd] == '\r' && raw[lineEnd + 1] == '\n')) {
					lineEnd++;
				}
				String size = new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
				int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
				if (length == 0) {
					break;
				}
				int from = lineEnd + 2;
				body.write(raw, from, Math.min(length, raw.length - from));
				at = from + length + 2;
			}
			return body.toByteArray();
		}

	}

}
