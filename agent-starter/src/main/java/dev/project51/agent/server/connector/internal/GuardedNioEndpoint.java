package dev.project51.agent.server.connector.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.Constants;
import org.apache.coyote.Processor;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO endpoint with a deadline for request heads and a bound on the connections
 * of one address; see {@link GuardedHttp11NioProtocol}. Tomcat's own timeouts are per
 * read: a client that sends a byte every second is never timed out by them.
 * <p>
 * Once a second a watchdog looks at the connections: one whose processor is still parsing
 * a request head started more than the header timeout ago is handed to Tomcat with
 * {@link SocketEvent#ERROR}, which closes it the way Tomcat closes a connection that
 * timed out. Connections that are serving a request (also a long answer stream) or idle
 * between requests are never touched by the watchdog: Tomcat's keep-alive timeout ends
 * the idle ones.
 */
class GuardedNioEndpoint extends NioEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(GuardedNioEndpoint.class);

	private static final long WATCH_INTERVAL_MILLIS = 1000;

	private volatile long headerTimeoutNanos = Duration.ofSeconds(10).toNanos();

	private volatile int maxConnectionsPerAddress = Integer.MAX_VALUE;

	private volatile ScheduledFuture<?> watchdog;

	void setHeaderTimeout(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("headerTimeout must be positive, but was " + timeout);
		}
		this.headerTimeoutNanos = timeout.toNanos();
	}

	Duration getHeaderTimeout() {
		return Duration.ofNanos(this.headerTimeoutNanos);
	}

	void setMaxConnectionsPerAddress(int max) {
		if (max < 1) {
			throw new IllegalArgumentException("maxConnectionsPerAddress must be >= 1, but was " + max);
		}
		this.maxConnectionsPerAddress = max;
	}

	int getMaxConnectionsPerAddress() {
		return this.maxConnectionsPerAddress;
	}

	@Override
	public void startInternal() throws Exception {
		super.startInternal();
		this.watchdog = getUtilityExecutor().scheduleWithFixedDelay(this::closeSlowHeads, WATCH_INTERVAL_MILLIS,
				WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stopInternal() {
		ScheduledFuture<?> running = this.watchdog;
		if (running != null) {
			running.cancel(false);
			this.watchdog = null;
		}
		super.stopInternal();
	}

	/**
	 * Refuses a new connection of an address that holds its bound of connections already,
	 * after trying to make room by closing one of its idle connections.
	 */
	@Override
	protected boolean setSocketOptions(SocketChannel socket) {
		String address = address(socket);
		if (address != null && !makeRoomFor(address)) {
			logger.debug("Refused a connection from {}: it holds {} connections already", address,
					this.maxConnectionsPerAddress);
			return false;
		}
		return super.setSocketOptions(socket);
	}

	private boolean makeRoomFor(String address) {
		int max = this.maxConnectionsPerAddress;
		if (max == Integer.MAX_VALUE) {
			return true;
		}
		int held = 0;
		SocketWrapperBase<NioChannel> idle = null;
		for (SocketWrapperBase<NioChannel> connection : getConnections()) {
			if (!connection.isClosed() && address.equals(connection.getRemoteAddr())) {
				held++;
				if (idle == null && connection.getCurrentProcessor() == null) {
					idle = connection;
				}
			}
		}
		if (held < max) {
			return true;
		}
		if (idle != null && held == max) {
			logger.debug("Closing an idle connection of {} to make room for its new one", address);
			close(idle);
			return true;
		}
		return false;
	}

	private static String address(SocketChannel socket) {
		try {
			InetAddress address = socket.socket().getInetAddress();
			return (address != null) ? address.getHostAddress() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Closes the connections whose request head is taking longer than the header timeout.
	 */
	void closeSlowHeads() {
		try {
			long now = System.nanoTime();
			for (SocketWrapperBase<NioChannel> connection : getConnections()) {
				if (connection.isClosed() || !(connection.getCurrentProcessor() instanceof Processor processor)
						|| processor.isAsync() || processor.isUpgrade()) {
					continue;
				}
				Request request = processor.getRequest();
				long started = request.getStartTimeNanos();
				if (request.getRequestProcessor().getStage() == Constants.STAGE_PARSE && started > 0
						&& now - started > this.headerTimeoutNanos) {
					logger.debug("Closing the connection of {}: its request head took longer than {} ms",
							connection.getRemoteAddr(), TimeUnit.NANOSECONDS.toMillis(this.headerTimeoutNanos));
					close(connection);
				}
			}
		}
		catch (RuntimeException ex) {
			// Never let the scheduled task die: the next run looks again.
			logger.debug("Checking the connections for slow request heads failed", ex);
		}
	}

	private void close(SocketWrapperBase<NioChannel> connection) {
		connection.setError(new IOException("closed by Project51's connection guard"));
		if (!processSocket(connection, SocketEvent.ERROR, true)) {
			connection.close();
		}
	}

}
