package dev.project51.agent.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs tasks at deadlines ({@link System#nanoTime()}), built for
 * watchdogs that almost never fire: arming and disarming one costs a set insertion and
 * removal, and wakes the thread only when the new deadline is earlier than the one it
 * sleeps until. While deadlines are being armed the thread wakes up every shortest delay
 * seen, so that the next one armed with that delay or a longer one never needs to wake
 * it. A {@link java.util.concurrent.ScheduledThreadPoolExecutor} wakes its thread
 * whenever a task becomes the head of its queue, which for a client making one call at a
 * time is every call: a thread hand-off per call on a busy machine.
 * <p>
 * The thread scans all armed deadlines when it wakes; it wakes only when one is due.
 */
public final class Deadlines implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Deadlines.class);

	/** How long the thread sleeps when nothing is armed. */
	private static final long IDLE_NANOS = TimeUnit.HOURS.toNanos(1);

	/** Shorter delays always wake the thread rather than make it wake up that often. */
	private static final long SHORTEST_LEARNED_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();

	private final Thread thread;

	private volatile boolean scanning;

	/** When the thread wakes up next, unless woken earlier. */
	private volatile long wakeAt;

	private volatile boolean closed;

	/** Whether a deadline was armed since the last scan. */
	private volatile boolean busy;

	/** The shortest delay a deadline was armed with, in nanoseconds. */
	private volatile long shortestDelay = IDLE_NANOS;

	/**
	 * Starts the thread.
	 * @param threadName the name of the thread
	 */
	public Deadlines(String threadName) {
		this.wakeAt = System.nanoTime() + IDLE_NANOS;
		this.thread = new Thread(this::loop, threadName);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Runs a task at a deadline, on this object's thread, unless disarmed first.
	 * @param task what to run; must be quick and must not block
	 * @param deadlineNanos when, in {@link System#nanoTime()} terms
	 * @return the armed deadline
	 * @throws IllegalStateException if closed
	 */
	public Deadline arm(Runnable task, long deadlineNanos) {
		if (this.closed) {
			throw new IllegalStateException("closed");
		}
		Deadline deadline = new Deadline(task, deadlineNanos);
		long delay = deadlineNanos - System.nanoTime();
		if (delay >= SHORTEST_LEARNED_NANOS && delay < this.shortestDelay) {
			this.shortestDelay = delay;
		}
		this.busy = true;
		this.armed.add(deadline);
		// Volatile reads after the insertion: either the thread's scan sees the new
		// deadline, or this sees the time the thread sleeps until (or that it scans).
		if (this.scanning || deadlineNanos - this.wakeAt < 0) {
			LockSupport.unpark(this.thread);
		}
		return deadline;
	}

	/**
	 * Stops the thread; armed tasks do not run.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.armed.clear();
		LockSupport.unpark(this.thread);
	}

	/**
	 * Waits for the thread to end.
	 * @param timeoutMillis at most this long
	 * @throws InterruptedException if interrupted
	 */
	public void awaitTermination(long timeoutMillis) throws InterruptedException {
		this.thread.join(timeoutMillis);
	}

	private void loop() {
		while (!this.closed) {
			this.scanning = true;
			long now = System.nanoTime();
			// While deadlines are being armed, the thread wakes at least as early as any
			// deadline armed from now on, so arming one does not wake it (most are
			// disarmed long before they are due); once idle, it sleeps long.
			long next = now + (this.busy ? this.shortestDelay : IDLE_NANOS);
			this.busy = false;
			for (Deadline deadline : this.armed) {
				if (deadline.at - now <= 0) {
					if (this.armed.remove(deadline)) {
						run(deadline.task);
					}
				}
				else if (deadline.at - next < 0) {
					next = deadline.at;
				}
			}
			this.wakeAt = next;
			this.scanning = false;
			long sleep = next - System.nanoTime();
			if (sleep > 0 && !this.closed) {
				LockSupport.parkNanos(this, sleep);
			}
		}
	}

	private static void run(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException | Error ex) {
			logger.warn("A watchdog task failed", ex);
		}
	}

	/** An armed deadline. */
	public final class Deadline {

		private final Runnable task;

		private final long at;

		Deadline(Runnable task, long at) {
			this.task = task;
			this.at = at;
		}

		/**
		 * Disarms it: the task does not run, unless it is already running.
		 */
		public void cancel() {
			Deadlines.this.armed.remove(this);
		}

	}

}
