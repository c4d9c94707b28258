package dev.project51.agent.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.project51.agent.contract.StreamEvent;

/**
 * The pull-style {@link ChatStream}: the iterating thread sends the request and reads the
 * response up to each next event itself, through a {@link StreamSource}; no other thread
 * and no queue is involved.
 */
final class CallerChatStream implements ChatStream, StreamHandle {

	private final StreamSource source;

	private final Consumer<StreamHandle> tracker;

	private final CompletableFuture<StreamEvent.Done> completion = new CompletableFuture<>();

	private final AtomicBoolean iterated = new AtomicBoolean();

	private volatile boolean closedByCaller;

	private volatile boolean cancelled;

	/**
	 * @param source the events
	 * @param tracker called when the iteration starts, so that closing the client cancels
	 * the stream
	 */
	CallerChatStream(StreamSource source, Consumer<StreamHandle> tracker) {
		this.source = source;
		this.tracker = tracker;
		this.completion.whenComplete((done, failure) -> {
			if (failure instanceof CancellationException) {
				cancel();
			}
		});
	}

	@Override
	public StreamHandle handle() {
		return this;
	}

	@Override
	public Iterator<StreamEvent> iterator() {
		if (!this.iterated.compareAndSet(false, true)) {
			throw new IllegalStateException("A ChatStream can be iterated only once; start a new stream to ask again");
		}
		this.tracker.accept(this);
		return new Events();
	}

	@Override
	public void close() {
		this.closedByCaller = true;
		cancel();
	}

	@Override
	public void cancel() {
		if (this.cancelled || (this.completion.isDone() && !this.completion.isCancelled())) {
			return;
		}
		this.cancelled = true;
		this.source.cancel();
		this.completion.cancel(false);
	}

	@Override
	public boolean isDone() {
		return this.completion.isDone();
	}

	@Override
	public CompletableFuture<StreamEvent.Done> completion() {
		return this.completion;
	}

	@Override
	public String toString() {
		return "ChatStream[" + this.source.call() + (this.source.started() ? ", started" : "")
				+ (this.cancelled ? ", cancelled" : (isDone() ? ", done" : "")) + "]";
	}

	private final class Events implements Iterator<StreamEvent> {

		private StreamEvent next;

		private boolean finished;

		@Override
		public boolean hasNext() {
			if (this.next != null) {
				return true;
			}
			if (this.finished || CallerChatStream.this.closedByCaller) {
				return false;
			}
			StreamSource source = CallerChatStream.this.source;
			CompletableFuture<StreamEvent.Done> completion = CallerChatStream.this.completion;
			StreamEvent event;
			try {
				event = source.next();
			}
			catch (AgentClientException ex) {
				this.finished = true;
				completion.completeExceptionally(ex);
				throw ex;
			}
			catch (IllegalStateException ex) {
				this.finished = true;
				completion.cancel(false);
				if (CallerChatStream.this.closedByCaller) {
					return false;
				}
				throw new CancellationException(
						"The stream was cancelled before it ended (was the AgentClient closed?)");
			}
			if (event == null) {
				this.finished = true;
				return false;
			}
			if (event instanceof StreamEvent.Done done) {
				this.finished = true;
				source.drain();
				completion.complete(done);
			}
			else {
				source.awaitConsumer();
			}
			this.next = event;
			return true;
		}

		@Override
		public StreamEvent next() {
			if (!hasNext()) {
				throw new NoSuchElementException("The stream has ended");
			}
			StreamEvent event = this.next;
			this.next = null;
			return event;
		}

	}

}
