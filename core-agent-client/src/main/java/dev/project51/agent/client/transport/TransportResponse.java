package dev.project51.agent.client.transport;

import java.io.InputStream;
import java.util.Optional;

/**
 * An HTTP response whose headers have arrived and whose body is read as a stream.
 *
 * @since 0.1.0
 */
public interface TransportResponse extends AutoCloseable {

	/**
	 * The HTTP status code.
	 * @return the status code
	 */
	int statusCode();

	/**
	 * The first value of a response header, matched case-insensitively.
	 * @param name the header name
	 * @return the value, if present
	 */
	Optional<String> header(String name);

	/**
	 * The body. Reads block until data arrives, the body ends, or the response is
	 * {@linkplain #close() closed} from another thread (then they throw an
	 * {@link java.io.IOException}).
	 * @return the body stream, always the same instance
	 */
	InputStream body();

	/**
	 * Releases the exchange. If the body has not been read to its end, the exchange is
	 * aborted and the connection closed; a thread blocked reading the body is released
	 * with an {@link java.io.IOException}. Idempotent and safe to call from any thread.
	 */
	@Override
	void close();

}
