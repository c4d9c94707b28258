package dev.project51.agent.server.chat.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One turn at a time per conversation (LangChain4j must not run two turns of one memory
 * concurrently). A second turn waits up to the given time, then is refused. Permits are
 * released by the thread that finishes the turn, which for streams is not the thread that
 * started it.
 */
final class ConversationLocks {

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Takes the conversation's permit.
	 * @return the lease, or {@code null} if the conversation stayed busy for {@code wait}
	 */
	Lease acquire(String conversationId, Duration wait) throws InterruptedException {
		Entry entry = this.entries.compute(conversationId, (id, existing) -> {
			Entry result = (existing != null) ? existing : new Entry();
			result.users++;
			return result;
		});
		boolean acquired = false;
		try {
			acquired = entry.semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			if (!acquired) {
				leave(conversationId);
			}
		}
		return acquired ? new Lease(conversationId, entry) : null;
	}

	int size() {
		return this.entries.size();
	}

	private void leave(String conversationId) {
		this.entries.computeIfPresent(conversationId, (id, entry) -> (--entry.users == 0) ? null : entry);
	}

	private static final class Entry {

		private final Semaphore semaphore = new Semaphore(1);

		private int users;

	}

	/**
	 * A held permit; {@link #release()} is idempotent.
	 */
	final class Lease {

		private final String conversationId;

		private final Entry entry;

		private final AtomicBoolean released = new AtomicBoolean();

		private Lease(String conversationId, Entry entry) {
			this.conversationId = conversationId;
			this.entry = entry;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				this.entry.semaphore.release();
				leave(this.conversationId);
			}
		}

	}

}
