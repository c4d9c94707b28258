package dev.project51.agent.client;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.project51.agent.client.transport.TransportResponse;

/**
 * One HTTP exchange that a watchdog, a cancellation or the closing client can abort from
 * any thread, whether it is still waiting for the headers or already reading the body.
 */
final class Exchange {

	/** Why an exchange was aborted. */
	enum Abort {

		REQUEST_TIMEOUT, FIRST_TOKEN_TIMEOUT, IDLE_TIMEOUT, STREAM_TIMEOUT, DRAINED, CANCELLED, CLIENT_CLOSED

	}

	private final CompletableFuture<TransportResponse> future;

	private TransportResponse response;

	private volatile Abort abortReason;

	Exchange(CompletableFuture<TransportResponse> future) {
		this.future = future;
	}

	/**
	 * Waits for the response headers.
	 * @return the response
	 * @throws IOException if the exchange failed or was aborted (see
	 * {@link #abortReason()})
	 * @throws InterruptedException if the waiting thread was interrupted
	 */
	TransportResponse awaitResponse() throws IOException, InterruptedException {
		TransportResponse received;
		try {
			received = this.future.get();
		}
		catch (CancellationException ex) {
			throw new IOException("Exchange aborted", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IOException(String.valueOf(cause), cause);
		}
		synchronized (this) {
			if (this.abortReason != null) {
				received.close();
				throw new IOException("Exchange aborted");
			}
			this.response = received;
		}
		return received;
	}

	/**
	 * Aborts the exchange, unless already aborted: cancels the pending response or closes
	 * the received one, which releases a thread blocked reading it.
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
		}
		this.future.cancel(true);
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
	 * Releases the exchange: closes the response, or cancels it if it has not arrived.
	 */
	void close() {
		TransportResponse toClose;
		synchronized (this) {
			toClose = this.response;
		}
		if (toClose != null) {
			toClose.close();
		}
		else {
			this.future.cancel(true);
		}
	}

}
