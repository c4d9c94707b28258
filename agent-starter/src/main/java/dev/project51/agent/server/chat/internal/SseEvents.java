package dev.project51.agent.server.chat.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Writes server-sent events to a {@link ResponseBodyEmitter} byte for byte
 * ({@code event: name}, {@code data: json}, blank line), and remembers when the client
 * went away.
 *
 * @since 0.1.0
 */
public final class SseEvents {

	/** Media type of an event stream, in UTF-8. */
	public static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);

	private final ResponseBodyEmitter emitter;

	private volatile boolean broken;

	private volatile boolean completed;

	private volatile long lastWrite;

	private volatile ScheduledFuture<?> keepAlive;

	private volatile boolean opened;

	/**
	 * Creates a writer.
	 * @param emitter the emitter of the response
	 */
	public SseEvents(ResponseBodyEmitter emitter) {
		this.emitter = emitter;
	}

	/**
	 * Sends one event.
	 * @param name the event name, or {@code null} for an unnamed event
	 * @param data the data, a single line (JSON)
	 * @return {@code false} if the client is gone
	 */
	public boolean send(String name, String data) {
		if (this.broken) {
			return false;
		}
		StringBuilder frame = new StringBuilder();
		if (name != null) {
			frame.append("event: ").append(name).append('\n');
		}
		frame.append("data: ").append(data).append("\n\n");
		return write(frame.toString());
	}

	private boolean write(String frame) {
		try {
			this.emitter.send(frame, EVENT_STREAM);
			this.lastWrite = System.nanoTime();
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			this.broken = true;
			return false;
		}
	}

	/**
	 * Sends the first keep-alive comment, before the turn that writes the events starts,
	 * so that the stream's first bytes are a comment whatever the turn sends first.
	 */
	public void open() {
		this.opened = true;
		write(": keep-alive\n\n");
	}

	/**
	 * Sends a keep-alive comment now (unless {@link #open()} did) and whenever the stream
	 * has been silent for the given interval, until the response ends; when a write fails
	 * because the client went away, runs {@code onClientGone} once.
	 * @param scheduler runs the keep-alives
	 * @param interval the longest silence
	 * @param onClientGone what to do when the client is gone
	 */
	public void keepAlive(ScheduledExecutorService scheduler, Duration interval, Runnable onClientGone) {
		long nanos = interval.toNanos();
		Runnable tick = () -> {
			if (this.completed) {
				stopKeepAlive();
				return;
			}
			if (this.broken
					|| (System.nanoTime() - this.lastWrite >= nanos - nanos / 10 && !write(": keep-alive\n\n"))) {
				stopKeepAlive();
				onClientGone.run();
			}
		};
		if (this.broken || (!this.opened && !write(": keep-alive\n\n"))) {
			onClientGone.run();
			return;
		}
		this.keepAlive = scheduler.scheduleWithFixedDelay(tick, nanos, nanos, TimeUnit.NANOSECONDS);
		if (this.completed) {
			stopKeepAlive();
		}
	}

	private void stopKeepAlive() {
		ScheduledFuture<?> task = this.keepAlive;
		if (task != null) {
			task.cancel(false);
		}
	}

	/**
	 * Ends the response.
	 */
	public void complete() {
		this.completed = true;
		stopKeepAlive();
		try {
			this.emitter.complete();
		}
		catch (IllegalStateException ex) {
			// already completed
		}
	}

	/**
	 * Whether a send failed because the client went away.
	 * @return {@code true} if the client is gone
	 */
	public boolean isBroken() {
		return this.broken;
	}

}
