package dev.project51.agent.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.project51.agent.contract.StreamEvent;

/**
 * One streamed answer delivered to a listener, run on a client thread: pulls the events
 * from its {@link StreamSource} and calls the listener for each, in order.
 */
final class StreamCall implements StreamHandle {

	private static final Logger logger = LoggerFactory.getLogger(AgentClient.class);

	private final StreamSource source;

	private final StreamListener listener;

	private final CompletableFuture<StreamEvent.Done> completion = new CompletableFuture<>();

	private final ReentrantLock delivery = new ReentrantLock();

	private volatile boolean cancelled;

	/** Whether {@code onDone} ran: the stream has ended, its body is being drained. */
	private volatile boolean ended;

	StreamCall(StreamSource source, StreamListener listener) {
		this.source = source;
		this.listener = listener;
		this.completion.whenComplete((done, failure) -> {
			if (failure instanceof CancellationException) {
				cancel();
			}
		});
	}

	@Override
	public void cancel() {
		// Taking the lock (unless a callback holds it) makes "no callback starts after
		// cancel() returns" hold without ever waiting for a slow callback.
		boolean locked = this.delivery.tryLock();
		try {
			if (this.cancelled || this.ended || (this.completion.isDone() && !this.completion.isCancelled())) {
				return;
			}
			this.cancelled = true;
		}
		finally {
			if (locked) {
				this.delivery.unlock();
			}
		}
		this.source.cancel();
		this.completion.cancel(false);
		logger.debug("{} cancelled", this.source.call());
	}

	@Override
	public boolean isDone() {
		return this.ended || this.completion.isDone();
	}

	@Override
	public CompletableFuture<StreamEvent.Done> completion() {
		return this.completion;
	}

	@Override
	public String toString() {
		return "StreamHandle[" + this.source.call() + (this.source.started() ? ", started" : "")
				+ (this.cancelled ? ", cancelled" : (isDone() ? ", done" : "")) + "]";
	}

	/** Runs the stream to its end; on a client thread. */
	void run() {
		StreamEvent.Done done;
		try {
			done = deliverUntilDone();
		}
		catch (AgentClientException ex) {
			if (!this.cancelled) {
				fail(ex);
			}
			return;
		}
		catch (CancellationException ex) {
			return;
		}
		catch (IllegalStateException ex) {
			// The client was closed while the stream ran: it ends as cancelled.
			this.completion.cancel(false);
			return;
		}
		boolean delivered = deliver("onDone", () -> this.listener.onDone(done));
		this.ended = true;
		// Drained before the completion, so that the connection is back in the pool
		// when a caller that waits for the completion sends its next call: a new
		// connection would cost more than the end of the body takes to arrive.
		this.source.drain();
		if (delivered) {
			this.completion.complete(done);
		}
	}

	private StreamEvent.Done deliverUntilDone() {
		while (true) {
			StreamEvent event = this.source.next();
			if (event instanceof StreamEvent.Done done) {
				return done;
			}
			try {
				if (event instanceof StreamEvent.Meta meta) {
					deliverEvent("onMeta", () -> this.listener.onMeta(meta));
				}
				else if (event instanceof StreamEvent.Token token) {
					deliverEvent("onToken", () -> this.listener.onToken(token.text()));
				}
			}
			catch (RuntimeException ex) {
				this.source.abandon(ex);
				throw ex;
			}
		}
	}

	private void fail(AgentClientException failure) {
		if (deliver("onError", () -> this.listener.onError(failure))) {
			this.completion.completeExceptionally(failure);
		}
	}

	/**
	 * Runs a terminal callback unless the stream was cancelled; a throwing terminal
	 * callback is logged, the stream has ended anyway.
	 * @return {@code true} if the stream was not cancelled
	 */
	private boolean deliver(String callback, Runnable action) {
		this.delivery.lock();
		try {
			if (this.cancelled) {
				return false;
			}
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("StreamListener.{} of {} threw; ignored because the stream has ended", callback,
						this.source.call(), ex);
			}
			return true;
		}
		finally {
			this.delivery.unlock();
		}
	}

	/** Runs a non-terminal callback unless the stream was cancelled. */
	private void deliverEvent(String callback, Runnable action) {
		this.delivery.lock();
		try {
			if (this.cancelled) {
				throw new CancellationException(this.source.call() + " was cancelled");
			}
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				throw new ListenerFailure(this.source.call() + ": StreamListener." + callback + " threw " + ex, ex);
			}
		}
		finally {
			this.delivery.unlock();
		}
	}

	/** A listener callback threw: the stream ends with this failure, not retried. */
	static final class ListenerFailure extends AgentClientException {

		ListenerFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
