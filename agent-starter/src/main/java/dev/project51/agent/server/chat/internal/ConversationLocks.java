package dev.project51.agent.server.chat.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.project51.server.internal.logging.ThrottledLog;
import dev.project51.agent.server.memory.ConversationLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn at a time per conversation (LangChain4j must not run two turns of one memory
 * concurrently), across replicas too. Two layers:
 * <ol>
 * <li>a permit per conversation in this process, so turns of this replica wait for each
 * other without touching the database;</li>
 * <li>then the conversation's {@link ConversationLeases lease} in the database shared by
 * every replica, taken with one short statement, renewed every third of its time while
 * the turn runs and given back when it ends. A turn that finds the lease held by another
 * replica asks again with a growing pause (10 ms up to 200 ms, with jitter).</li>
 * </ol>
 * No database connection is held while the model answers: the pool sized for the defaults
 * serves any number of long turns. A replica that dies in a turn frees its conversation
 * when it starts again ({@link #replicaStarted}), or else when the lease expires. Either
 * wait counts against the same time; when it is over the turn is refused. Leases are
 * released by the thread that finishes the turn, which for streams is not the thread that
 * started it.
 */
final class ConversationLocks {

	private static final Logger logger = LoggerFactory.getLogger(ConversationLocks.class);

	private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private static final int MAX_REPLICA_NAME = 240;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final ConversationLeases leases;

	private final Duration leaseTime;

	private final ScheduledExecutorService renewals;

	private final ThrottledLog warnings = ThrottledLog.perMinute(logger);

	/** This run of the process: holders are {@code <replica>/<run>/<turn>}. */
	private final String run = UUID.randomUUID().toString();

	private volatile String replica = "unnamed";

	/**
	 * Locks of this process only, for a single replica without shared store.
	 */
	ConversationLocks() {
		this(null, null, null);
	}

	/**
	 * Locks of this process and leases of the shared store.
	 * @param leases the leases, or {@code null} for this process only
	 * @param leaseTime how long a lease lasts unless renewed
	 * @param renewals the timers that renew the leases of running turns
	 */
	ConversationLocks(ConversationLeases leases, Duration leaseTime, ScheduledExecutorService renewals) {
		this.leases = leases;
		this.leaseTime = leaseTime;
		this.renewals = renewals;
	}

	/**
	 * Takes the conversation: the permit of this process, then the lease of the store.
	 * @param conversationId the conversation
	 * @param wait the longest wait for both
	 * @return the lease, or {@code null} if the conversation stayed busy for {@code wait}
	 * @throws ConversationGoneException if the conversation no longer exists
	 * @throws InterruptedException if interrupted while waiting
	 */
	Lease acquire(String conversationId, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		Entry entry = this.entries.compute(conversationId, (id, existing) -> {
			Entry result = (existing != null) ? existing : new Entry();
			result.users++;
			return result;
		});
		Lease lease = null;
		Waiting waited = new Waiting();
		try {
			if (!entry.semaphore.tryAcquire()) {
				waited.start();
				if (!entry.semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
					return null;
				}
			}
			try {
				lease = (this.leases != null) ? lease(conversationId, entry, deadline, waited)
						: new Lease(conversationId, entry, null);
			}
			finally {
				if (lease == null) {
					entry.semaphore.release();
				}
			}
			return lease;
		}
		finally {
			waited.end();
			if (lease == null) {
				leave(conversationId);
			}
		}
	}

	/**
	 * Names this replica once it is known (its host name and port) and frees the leases
	 * that its earlier runs left behind when they died in a turn, so that the
	 * conversations they were answering are free at once instead of after the lease time.
	 * @param replica the replica's name, unique among the live replicas
	 * @return how many leases were freed
	 */
	int replicaStarted(String replica) {
		// A holder fits in 320 characters (the column): the name, a run and a turn id.
		this.replica = (replica.length() > MAX_REPLICA_NAME) ? replica.substring(0, MAX_REPLICA_NAME) : replica;
		return (this.leases != null) ? this.leases.releaseEarlierRuns(this.replica, this.run) : 0;
	}

	private Lease lease(String conversationId, Entry entry, long deadline, Waiting waited) throws InterruptedException {
		String holder = this.replica + "/" + this.run + "/" + UUID.randomUUID();
		long pause = FIRST_PAUSE_NANOS;
		while (true) {
			ConversationLeases.Acquisition acquisition = this.leases.tryAcquire(conversationId, holder, this.leaseTime);
			if (acquisition == ConversationLeases.Acquisition.ACQUIRED) {
				Lease lease = new Lease(conversationId, entry, holder);
				long period = Math.max(1, this.leaseTime.toMillis() / 3);
				lease.renewal = this.renewals.scheduleWithFixedDelay(lease::renew, period, period,
						TimeUnit.MILLISECONDS);
				return lease;
			}
			if (acquisition == ConversationLeases.Acquisition.NO_CONVERSATION) {
				throw new ConversationGoneException(conversationId);
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			waited.start();
			TimeUnit.NANOSECONDS.sleep(Math.min(left, pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2)));
			pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
		}
	}

	/**
	 * The turns of this process waiting right now for their conversation, which another
	 * turn holds (here or on another replica).
	 * @return the count
	 */
	int waiting() {
		return this.waiting.get();
	}

	/**
	 * Publishes {@link #waiting()} as the gauge
	 * {@code project51.agent.chat.turns.waiting}.
	 * @param meters the registry, or {@code null} for none
	 */
	void registerWaiting(MeterRegistry meters) {
		if (meters != null) {
			Gauge.builder("project51.agent.chat.turns.waiting", this, ConversationLocks::waiting)
				.description("Turns of this replica waiting for their conversation (held by another turn, here or on"
						+ " another replica)")
				.register(meters);
		}
	}

	int size() {
		return this.entries.size();
	}

	private void leave(String conversationId) {
		this.entries.computeIfPresent(conversationId, (id, entry) -> (--entry.users == 0) ? null : entry);
	}

	/**
	 * Counts a turn as waiting from its first refusal to its end of waiting.
	 */
	private final class Waiting {

		private boolean counted;

		void start() {
			if (!this.counted) {
				this.counted = true;
				ConversationLocks.this.waiting.incrementAndGet();
			}
		}

		void end() {
			if (this.counted) {
				this.counted = false;
				ConversationLocks.this.waiting.decrementAndGet();
			}
		}

	}

	private static final class Entry {

		private final Semaphore semaphore = new Semaphore(1);

		private int users;

	}

	/**
	 * The conversation no longer exists: it was deleted while the turn waited.
	 */
	static final class ConversationGoneException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ConversationGoneException(String conversationId) {
			super("no conversation " + conversationId, null, false, false);
		}

	}

	/**
	 * A held conversation; {@link #release()} is idempotent.
	 */
	final class Lease {

		private final String conversationId;

		private final Entry entry;

		private final String holder;

		private final AtomicBoolean released = new AtomicBoolean();

		private volatile ScheduledFuture<?> renewal;

		private Lease(String conversationId, Entry entry, String holder) {
			this.conversationId = conversationId;
			this.entry = entry;
			this.holder = holder;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				try {
					ScheduledFuture<?> scheduled = this.renewal;
					if (scheduled != null) {
						scheduled.cancel(false);
					}
					if (this.holder != null) {
						ConversationLocks.this.leases.release(this.conversationId, this.holder);
					}
				}
				catch (RuntimeException ex) {
					ConversationLocks.this.warnings.warn("lease-release",
							"Could not give back a conversation's turn lease ({}); it expires by itself within {}",
							ex.getClass().getSimpleName(), ConversationLocks.this.leaseTime);
				}
				finally {
					this.entry.semaphore.release();
					leave(this.conversationId);
				}
			}
		}

		private void renew() {
			if (this.released.get()) {
				return;
			}
			try {
				if (!ConversationLocks.this.leases.renew(this.conversationId, this.holder,
						ConversationLocks.this.leaseTime) && !this.released.get()) {
					ConversationLocks.this.warnings.warn("lease-lost",
							"A turn lost its conversation's lease (it expired, or the conversation was deleted);"
									+ " another replica may run a turn of it at the same time");
					this.renewal.cancel(false);
				}
			}
			catch (RuntimeException ex) {
				ConversationLocks.this.warnings.warn("lease-renewal",
						"Could not renew a conversation's turn lease ({}); it expires within {} unless renewed",
						ex.getClass().getSimpleName(), ConversationLocks.this.leaseTime);
			}
		}

	}

}
