package dev.project51.server.internal.connector;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.Processor;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketProcessorBase;
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

	/** The connections that threads are serving, with the number of threads. */
	private final ConcurrentMap<SocketWrapperBase<NioChannel>, Integer> served = new ConcurrentHashMap<>();

	/** The connections that finished a request and wait for the next one. */
	private final Set<SocketWrapperBase<NioChannel>> waiting = ConcurrentHashMap.newKeySet();

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
			// Tomcat's acceptor only closes sockets that it knows: close this one here.
			destroySocket(socket);
			return false;
		}
		return super.setSocketOptions(socket);
	}

	private boolean makeRoomFor(String address) {
		int max = this.maxConnectionsPerAddress;
		if (max == Integer.MAX_VALUE) {
			return true;
		}
		this.waiting.removeIf(SocketWrapperBase::isClosed);
		int held = 0;
		SocketWrapperBase<NioChannel> idle = null;
		for (SocketWrapperBase<NioChannel> connection : getConnections()) {
			if (!connection.isClosed() && address.equals(connection.getRemoteAddr())) {
				held++;
				if (idle == null && isIdle(connection)) {
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

	/**
	 * Whether a connection waits for its next request: it finished one, no processor
	 * holds a request begun on it (a request head still arriving, an asynchronous
	 * answer), and no thread is serving it (Tomcat takes the processor off a connection
	 * while a thread serves it, so a processor alone does not tell). A new connection
	 * that has sent nothing yet, or whose first bytes are still being read, is not idle.
	 */
	private boolean isIdle(SocketWrapperBase<NioChannel> connection) {
		return this.waiting.contains(connection) && connection.getCurrentProcessor() == null
				&& !this.served.containsKey(connection);
	}

	@Override
	protected SocketProcessorBase<NioChannel> createSocketProcessor(SocketWrapperBase<NioChannel> socketWrapper,
			SocketEvent event) {
		return new TrackedSocketProcessor(socketWrapper, event);
	}

	/**
	 * Tomcat's socket processor, noting which connections a thread is serving.
	 */
	private final class TrackedSocketProcessor extends SocketProcessor {

		TrackedSocketProcessor(SocketWrapperBase<NioChannel> socketWrapper, SocketEvent event) {
			super(socketWrapper, event);
		}

		@Override
		protected void doRun() {
			SocketWrapperBase<NioChannel> connection = this.socketWrapper;
			GuardedNioEndpoint.this.waiting.remove(connection);
			GuardedNioEndpoint.this.served.merge(connection, 1, Integer::sum);
			try {
				super.doRun();
			}
			finally {
				GuardedNioEndpoint.this.served.computeIfPresent(connection,
						(key, count) -> (count > 1) ? count - 1 : null);
				if (connection.isClosed()) {
					GuardedNioEndpoint.this.waiting.remove(connection);
				}
				else if (connection.getCurrentProcessor() == null) {
					GuardedNioEndpoint.this.waiting.add(connection);
				}
			}
		}

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
				// A synchronous processor kept on a connection between its reads is one
				// whose request head has not arrived completely (Tomcat's long poll).
				long started = processor.getRequest().getStartTimeNanos();
				if (started != -1 && now - started > this.headerTimeoutNanos) {
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
