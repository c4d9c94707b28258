package dev.project51.agent.client;

import java.util.concurrent.TimeUnit;

import dev.project51.agent.client.internal.Deadlines;

/**
 * Aborts the exchange when the stream stays silent too long (no event and no keep-alive
 * comment: the first-token timeout before the first event, the idle timeout after it) or
 * its end is late. One scheduled task at a time, rescheduled lazily: an event only writes
 * a timestamp.
 */
final class StreamWatchdog implements Runnable {

	private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final DefaultAgentClient client;

	private final Exchange exchange;

	private final long streamDeadline;

	private volatile long firstEventDeadline;

	private final long idleNanos;

	private volatile long lastEvent;

	private volatile boolean sawEvent;

	private volatile boolean draining;

	private volatile long drainDeadline;

	private volatile boolean stopped;

	/** Whether the consumer holds an event: the silence deadlines wait. */
	private volatile boolean paused;

	private volatile Deadlines.Deadline task;

	StreamWatchdog(Exchange exchange, long streamDeadline, DefaultAgentClient client) {
		this.client = client;
		this.exchange = exchange;
		this.streamDeadline = streamDeadline;
		this.firstEventDeadline = System.nanoTime() + this.client.firstTokenTimeout.toNanos();
		this.idleNanos = this.client.idleTimeout.toNanos();
	}

	void start() {
		scheduleAt(nextDeadline());
	}

	/**
	 * A keep-alive comment: before the first event, the silence deadline restarts.
	 */
	void onKeepAlive() {
		if (this.sawEvent) {
			this.lastEvent = System.nanoTime();
		}
		else {
			this.firstEventDeadline = System.nanoTime() + this.client.firstTokenTimeout.toNanos();
		}
	}

	void onEvent() {
		this.lastEvent = System.nanoTime();
		if (!this.sawEvent) {
			// The pending check is for the first-event deadline; the idle deadline
			// may
			// come sooner. Later events only move the idle deadline further away.
			this.sawEvent = true;
			cancelTask();
			scheduleAt(nextDeadline());
		}
	}

	/**
	 * The consumer holds an event: until {@link #resume()}, only the total deadline
	 * applies. Costs a write: a pending check finds the pause and looks again later.
	 */
	void pause() {
		this.paused = true;
	}

	/**
	 * The consumer reads again: the idle deadline starts now.
	 */
	void resume() {
		if (this.paused) {
			this.lastEvent = System.nanoTime();
			this.paused = false;
		}
	}

	void drain() {
		this.drainDeadline = System.nanoTime() + Math.min(DRAIN_LIMIT_NANOS, this.idleNanos);
		this.draining = true;
		cancelTask();
		scheduleAt(nextDeadline());
	}

	void stop() {
		this.stopped = true;
		cancelTask();
	}

	private void cancelTask() {
		Deadlines.Deadline current = this.task;
		if (current != null) {
			current.cancel();
		}
	}

	private long nextDeadline() {
		if (this.draining) {
			return this.drainDeadline;
		}
		long next = this.sawEvent ? this.lastEvent + this.idleNanos : this.firstEventDeadline;
		return (next - this.streamDeadline < 0) ? next : this.streamDeadline;
	}

	@Override
	public void run() {
		if (this.stopped) {
			return;
		}
		long now = System.nanoTime();
		if (this.draining) {
			if (now - this.drainDeadline >= 0) {
				this.exchange.abort(Exchange.Abort.DRAINED);
				return;
			}
		}
		else if (now - this.streamDeadline >= 0) {
			this.exchange.abort(Exchange.Abort.STREAM_TIMEOUT);
			return;
		}
		else if (this.paused) {
			long later = now + this.idleNanos;
			scheduleAt((later - this.streamDeadline < 0) ? later : this.streamDeadline);
			return;
		}
		else if (!this.sawEvent && now - this.firstEventDeadline >= 0) {
			this.exchange.abort(Exchange.Abort.FIRST_TOKEN_TIMEOUT);
			return;
		}
		else if (this.sawEvent && now - (this.lastEvent + this.idleNanos) >= 0) {
			this.exchange.abort(Exchange.Abort.IDLE_TIMEOUT);
			return;
		}
		scheduleAt(nextDeadline());
	}

	private void scheduleAt(long deadline) {
		if (this.stopped) {
			return;
		}
		try {
			this.task = this.client.exchanges.schedule(this, Math.max(0, deadline - System.nanoTime()));
		}
		catch (IllegalStateException ex) {
			// The client is closing; it aborts every exchange itself.
		}
	}

}
