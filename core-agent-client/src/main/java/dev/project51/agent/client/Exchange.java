package dev.project51.agent.client;

import java.io.IOException;

import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.client.transport.TransportResponse;

/**
 * One HTTP exchange that a watchdog, a cancellation or the closing client can abort from
 * any thread, whether it is still waiting for the headers or already reading the body.
 * <p>
 * The thread that needs the response sends the request and waits for it
 * ({@link HttpTransport#exchange}), so that no other thread is involved. An abort while
 * it waits interrupts it, which makes the transport abort the exchange; the interrupt is
 * cleared again before {@link #awaitResponse()} returns.
 */
final class Exchange {

	/** Why an exchange was aborted. */
	enum Abort {

		REQUEST_TIMEOUT, FIRST_TOKEN_TIMEOUT, IDLE_TIMEOUT, STREAM_TIMEOUT, DRAINED, CANCELLED, CLIENT_CLOSED

	}

	private final HttpTransport transport;

	private final TransportRequest request;

	private TransportResponse response;

	/** The thread waiting for the response, while it waits. */
	private Thread waiter;

	/** Whether {@link #abort} interrupted the waiting thread. */
	private boolean interrupted;

	private volatile Abort abortReason;

	Exchange(HttpTransport transport, TransportRequest request) {
		this.transport = transport;
		this.request = request;
	}

	/**
	 * Sends the request, unless aborted already, and waits for the response; once it has
	 * arrived, returns it at once.
	 * @return the response
	 * @throws IOException if the exchange failed or was aborted (see
	 * {@link #abortReason()})
	 * @throws InterruptedException if the waiting thread was interrupted
	 */
	TransportResponse awaitResponse() throws IOException, InterruptedException {
		synchronized (this) {
			if (this.response != null) {
				return this.response;
			}
			if (this.abortReason != null) {
				throw new IOException("Exchange aborted");
			}
			this.waiter = Thread.currentThread();
		}
		TransportResponse received;
		try {
			received = this.transport.exchange(this.request);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			synchronized (this) {
				if (stopWaiting()) {
					throw new IOException("Exchange aborted", ex);
				}
			}
			throw ex;
		}
		synchronized (this) {
			if (stopWaiting()) {
				if (received != null) {
					received.close();
				}
				throw new IOException("Exchange aborted");
			}
			if (received == null) {
				throw new IOException("The transport returned no response");
			}
			this.response = received;
			return received;
		}
	}

	/**
	 * The waiting is over; holding the lock.
	 * @return whether the exchange was aborted meanwhile
	 */
	private boolean stopWaiting() {
		this.waiter = null;
		if (this.abortReason == null) {
			return false;
		}
		if (this.interrupted) {
			// The interrupt was this exchange's own, not the caller's.
			Thread.interrupted();
		}
		return true;
	}

	/**
	 * Aborts the exchange, unless already aborted: interrupts the thread waiting for the
	 * response or closes the received one, which releases a thread blocked reading it.
	 * @param reason why
	 * @return {@code true} if this call aborted it
	 */
	boolean abort(Abort reason) {
		TransportResponse toClose;
		synchronized (this) {
			if (this.abortReason != null) {
				return false;
			}
			this.abortReason = reason;
			toClose = this.response;
			if (this.waiter != null && this.waiter != Thread.currentThread()) {
				this.interrupted = true;
				this.waiter.interrupt();
			}
		}
		if (toClose != null) {
			toClose.close();
		}
		return true;
	}

	/**
	 * Why the exchange was aborted.
	 * @return the reason, or {@code null} if it was not
	 */
	Abort abortReason() {
		return this.abortReason;
	}

	/**
	 * Releases the exchange: closes the response, if it arrived.
	 */
	void close() {
		TransportResponse toClose;
		synchronized (this) {
			toClose = this.response;
		}
		if (toClose != null) {
			toClose.close();
		}
	}

}
