package dev.project51.server.internal.connector;

import java.time.Duration;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.juli.logging.Log;

/**
 * Tomcat's HTTP/1.1 NIO protocol with a connector that defends itself against slow and
 * greedy clients ({@link GuardedNioEndpoint}): a request head (request line and headers)
 * that has not arrived within {@link #setHeaderTimeout(Duration) the header timeout} of
 * its first byte closes its connection, however steadily it trickles in; and one address
 * holds at most {@link #setMaxConnectionsPerAddress(int) a number of connections}: at the
 * bound, a new connection of that address first replaces one of its idle keep-alive
 * connections, and is refused when it has none. A client that leaves a stream is never an
 * error in its log ({@link ClientLeftLog}). Select it with
 * {@code TomcatServletWebServerFactory.setProtocol(GuardedHttp11NioProtocol.class.getName())}.
 *
 * @since 0.1.0
 */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {

	private final Log log;

	/**
	 * Creates the protocol with its guarded endpoint.
	 */
	public GuardedHttp11NioProtocol() {
		super(new GuardedNioEndpoint());
		this.log = new ClientLeftLog(super.getLog());
	}

	/**
	 * Sets the longest time from the first byte of a request to the end of its headers.
	 * @param timeout the timeout, positive
	 */
	public void setHeaderTimeout(Duration timeout) {
		endpoint().setHeaderTimeout(timeout);
	}

	/**
	 * Returns the longest time from the first byte of a request to the end of its
	 * headers.
	 * @return the timeout
	 */
	public Duration getHeaderTimeout() {
		return endpoint().getHeaderTimeout();
	}

	/**
	 * Sets the most connections one client address may hold.
	 * @param max the bound, at least 1
	 */
	public void setMaxConnectionsPerAddress(int max) {
		endpoint().setMaxConnectionsPerAddress(max);
	}

	/**
	 * Returns the most connections one client address may hold.
	 * @return the bound
	 */
	public int getMaxConnectionsPerAddress() {
		return endpoint().getMaxConnectionsPerAddress();
	}

	@Override
	protected Log getLog() {
		// Also asked while Tomcat's constructor runs, before this one sets the field.
		return (this.log != null) ? this.log : super.getLog();
	}

	private GuardedNioEndpoint endpoint() {
		return (GuardedNioEndpoint) getEndpoint();
	}

}
