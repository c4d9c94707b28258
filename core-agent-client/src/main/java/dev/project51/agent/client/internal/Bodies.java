package dev.project51.agent.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads response bodies within a size limit.
 */
public final class Bodies {

	private Bodies() {
	}

	/**
	 * Reads a whole body, failing as soon as it exceeds the limit (without reading the
	 * rest).
	 * @param body the body
	 * @param contentLength the {@code Content-Length} header, if any
	 * @param limit the largest accepted size, in bytes
	 * @return the body's bytes
	 * @throws BodyTooLargeException if the declared or actual size exceeds the limit
	 * @throws IOException if reading fails
	 */
	public static byte[] readAtMost(InputStream body, Optional<String> contentLength, int limit) throws IOException {
		long declared = contentLength.map(Bodies::parseLength).orElse(-1L);
		if (declared > limit) {
			throw new BodyTooLargeException(limit, declared);
		}
		ByteArrayOutputStream out;
		if (declared >= 0) {
			// The usual case: read the declared length into an array of its own, with no
			// intermediate buffer or copy, and make sure that nothing follows it.
			byte[] exact = body.readNBytes((int) declared);
			int next = (exact.length == declared) ? body.read() : -1;
			if (next < 0) {
				return exact;
			}
			if (exact.length + 1 > limit) {
				throw new BodyTooLargeException(limit, declared);
			}
			out = new ByteArrayOutputStream(exact.length + 512);
			out.write(exact, 0, exact.length);
			out.write(next);
		}
		else {
			out = new ByteArrayOutputStream(512);
		}
		byte[] buffer = new byte[8192];
		int n;
		while ((n = body.read(buffer)) >= 0) {
			if (out.size() + n > limit) {
				throw new BodyTooLargeException(limit, declared);
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static long parseLength(String value) {
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
