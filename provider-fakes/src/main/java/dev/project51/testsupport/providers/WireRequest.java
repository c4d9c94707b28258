package dev.project51.testsupport.providers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request as read from the socket: request line, headers (names in lower
 * case), and the body framed by {@code Content-Length} or chunked transfer coding.
 */
final class WireRequest {

	private static final int MAX_LINE = 64 * 1024;

	private static final int MAX_HEADERS = 200;

	private static final int MAX_BODY = 32 * 1024 * 1024;

	private final String method;

	private final String target;

	private final String path;

	private final Map<String, String> query;

	private final Map<String, List<String>> headers;

	private final byte[] body;

	private WireRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {
		this.method = method;
		this.target = target;
		int question = target.indexOf('?');
		this.path = (question < 0) ? target : target.substring(0, question);
		this.query = parseQuery((question < 0) ? "" : target.substring(question + 1));
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Reads the next request of a connection.
	 * @param in the connection's input
	 * @param out the connection's output, for {@code 100 Continue}
	 * @return the request, or {@code null} when the client closed the connection between
	 * requests
	 * @throws IOException on I/O errors
	 * @throws BadRequest when the bytes are not an HTTP/1.1 request
	 */
	static WireRequest read(InputStream in, OutputStream out) throws IOException {
		String requestLine = readLine(in);
		while (requestLine != null && requestLine.isEmpty()) {
			requestLine = readLine(in);
		}
		if (requestLine == null) {
			return null;
		}
		String[] parts = requestLine.split(" ");
		if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
			throw new BadRequest("not an HTTP/1.x request line: " + requestLine);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 0;; i++) {
			String line = readLine(in);
			if (line == null) {
				throw new BadRequest("connection closed in the headers");
			}
			if (line.isEmpty()) {
				break;
			}
			if (i >= MAX_HEADERS) {
				throw new BadRequest("more than " + MAX_HEADERS + " headers");
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new BadRequest("malformed header: " + line);
			}
			headers
				.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
		if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
			out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		byte[] body = readBody(in, headers);
		return new WireRequest(parts[0], parts[1], Collections.unmodifiableMap(headers), body);
	}

	private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
		String transferEncoding = first(headers, "transfer-encoding");
		if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
			return readChunked(in);
		}
		String contentLength = first(headers, "content-length");
		if (contentLength == null) {
			return new byte[0];
		}
		long length;
		try {
			length = Long.parseLong(contentLength.trim());
		}
		catch (NumberFormatException ex) {
			throw new BadRequest("bad Content-Length: " + contentLength);
		}
		if (length < 0 || length > MAX_BODY) {
			throw new BadRequest("Content-Length out of range: " + length);
		}
		byte[] body = in.readNBytes((int) length);
		if (body.length < length) {
			throw new BadRequest("connection closed in the body");
		}
		return body;
	}

	private static byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine(in);
			if (sizeLine == null) {
				throw new BadRequest("connection closed in a chunk size");
			}
			int semicolon = sizeLine.indexOf(';');
			String hex = ((semicolon < 0) ? sizeLine : sizeLine.substring(0, semicolon)).trim();
			int size;
			try {
				size = Integer.parseInt(hex, 16);
			}
			catch (NumberFormatException ex) {
				throw new BadRequest("bad chunk size: " + sizeLine);
			}
			if (size < 0 || body.size() + size > MAX_BODY) {
				throw new BadRequest("chunked body too large");
			}
			if (size == 0) {
				String trailer = readLine(in);
				while (trailer != null && !trailer.isEmpty()) {
					trailer = readLine(in);
				}
				return body.toByteArray();
			}
			byte[] chunk = in.readNBytes(size);
			if (chunk.length < size) {
				throw new BadRequest("connection closed in a chunk");
			}
			body.write(chunk);
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		int b = in.read();
		if (b == -1) {
			return null;
		}
		while (b != -1 && b != '\n') {
			if (line.size() >= MAX_LINE) {
				throw new BadRequest("line longer than " + MAX_LINE + " bytes");
			}
			line.write(b);
			b = in.read();
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private static Map<String, String> parseQuery(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	String method() {
		return this.method;
	}

	String target() {
		return this.target;
	}

	String path() {
		return this.path;
	}

	String queryParameter(String name) {
		return this.query.get(name);
	}

	Map<String, List<String>> headers() {
		return this.headers;
	}

	String header(String name) {
		return first(this.headers, name.toLowerCase(Locale.ROOT));
	}

	boolean wantsClose() {
		String connection = header("connection");
		return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
	}

	byte[] body() {
		return this.body;
	}

	/**
	 * Bytes that are not an HTTP/1.1 request: the connection is closed.
	 */
	static final class BadRequest extends IOException {

		private static final long serialVersionUID = 1L;

		BadRequest(String message) {
			super(message);
		}

	}

}
