package dev.project51.agent.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.project51.agent.contract.StreamEvent;

/**
 * The pull-style {@link ChatStream}: a {@link StreamListener} that queues the events for
 * an iterator on the caller's thread.
 */
final class QueueChatStream implements ChatStream, StreamListener {

	private static final Object CANCELLED = new Object();

	private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

	private final AtomicBoolean iterated = new AtomicBoolean();

	private volatile boolean closedByCaller;

	private StreamHandle handle;

	void attach(StreamHandle handle) {
		this.handle = handle;
		handle.completion().whenComplete((done, failure) -> {
			if (failure instanceof CancellationException) {
				this.queue.offer(CANCELLED);
			}
		});
	}

	@Override
	public void onMeta(StreamEvent.Meta meta) {
		this.queue.offer(meta);
	}

	@Override
	public void onToken(String text) {
		this.queue.offer(new StreamEvent.Token(text));
	}

	@Override
	public void onDone(StreamEvent.Done done) {
		this.queue.offer(done);
	}

	@Override
	public void onError(AgentClientException error) {
		this.queue.offer(error);
	}

	@Override
	public StreamHandle handle() {
		return this.handle;
	}

	@Override
	public Iterator<StreamEvent> iterator() {
		if (!this.iterated.compareAndSet(false, true)) {
			throw new IllegalStateException("A ChatStream can be iterated only once; start a new stream to ask again");
		}
		return new Events();
	}

	@Override
	public void close() {
		this.closedByCaller = true;
		this.handle.cancel();
	}

	@Override
	public String toString() {
		return "ChatStream[" + this.handle + "]";
	}

	private final class Events implements Iterator<StreamEvent> {

		private StreamEvent next;

		private boolean finished;

		@Override
		public boolean hasNext() {
			if (this.next != null) {
				return true;
			}
			if (this.finished || QueueChatStream.this.closedByCaller) {
				return false;
			}
			Object item;
			try {
				item = QueueChatStream.this.queue.take();
			}
			catch (InterruptedException ex) {
				this.finished = true;
				QueueChatStream.this.handle.cancel();
				Thread.currentThread().interrupt();
				throw new AgentClientException("Interrupted while waiting for the next stream event; stream cancelled",
						ex);
			}
			if (item instanceof StreamEvent event) {
				this.next = event;
				this.finished = event instanceof StreamEvent.Done;
				return true;
			}
			this.finished = true;
			if (item instanceof AgentClientException failure) {
				throw failure;
			}
			if (QueueChatStream.this.closedByCaller) {
				return false;
			}
			throw new CancellationException("The stream was cancelled before it ended (was the AgentClient closed?)");
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
