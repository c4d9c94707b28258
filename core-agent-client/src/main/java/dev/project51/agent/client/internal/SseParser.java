package dev.project51.agent.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental parser of {@code text/event-stream} (HTML Living Standard, "Server-sent
 * events"): feed it bytes as they arrive, in chunks of any size; it dispatches each event
 * when its terminating blank line arrives. Lines end with CRLF, LF or CR; lines starting
 * with {@code :} are comments (heartbeats); {@code data} lines are joined with
 * {@code \n}; a blank line with no data dispatches nothing; unknown fields are ignored.
 * Not thread-safe: one parser per stream.
 */
public final class SseParser {

	private static final String DEFAULT_EVENT = "message";

	private final int maxEventBytes;

	private byte[] line = new byte[256];

	private int lineLength;

	private boolean lastWasCr;

	private boolean bomChecked;

	private String eventName;

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	private int eventBytes;

	private String lastEventId;

	private long comments;

	/**
	 * A parser that rejects any line or event larger than the given size.
	 * @param maxEventBytes upper bound of one event (all its lines), in bytes
	 */
	public SseParser(int maxEventBytes) {
		if (maxEventBytes < 1) {
			throw new IllegalArgumentException("maxEventBytes must be >= 1, but was " + maxEventBytes);
		}
		this.maxEventBytes = maxEventBytes;
	}

	/**
	 * Parses the given bytes, dispatching every event they complete.
	 * @param bytes the buffer
	 * @param offset where the new bytes start
	 * @param length how many new bytes
	 * @param sink receives complete events, in order
	 * @throws SseFormatException if a line or an event exceeds the size limit
	 */
	public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) {
		int end = offset + length;
		for (int i = offset; i < end; i++) {
			byte b = bytes[i];
			if (b == '\n') {
				if (this.lastWasCr) {
					this.lastWasCr = false;
					continue;
				}
				endLine(sink);
			}
			else if (b == '\r') {
				this.lastWasCr = true;
				endLine(sink);
			}
			else {
				this.lastWasCr = false;
				append(b);
			}
		}
	}

	/**
	 * Number of comment lines (heartbeats) seen so far.
	 * @return the count
	 */
	public long comments() {
		return this.comments;
	}

	/**
	 * Whether bytes of an unfinished line or event are pending; at the end of the stream
	 * they are discarded, as the standard requires.
	 * @return {@code true} if an event was cut off
	 */
	public boolean hasPartialEvent() {
		return this.lineLength > 0 || this.hasData || this.eventName != null;
	}

	private void append(byte b) {
		if (this.lineLength == this.line.length) {
			if (this.line.length >= this.maxEventBytes) {
				throw new SseFormatException("A server-sent event line is longer than the limit of "
						+ this.maxEventBytes + " bytes (maxResponseBytes)");
			}
			this.line = Arrays.copyOf(this.line, Math.min(this.line.length * 2, this.maxEventBytes));
		}
		this.line[this.lineLength++] = b;
	}

	private void endLine(Consumer<SseEvent> sink) {
		int start = 0;
		if (!this.bomChecked) {
			this.bomChecked = true;
			if (this.lineLength >= 3 && (this.line[0] & 0xFF) == 0xEF && (this.line[1] & 0xFF) == 0xBB
					&& (this.line[2] & 0xFF) == 0xBF) {
				start = 3;
			}
		}
		int length = this.lineLength - start;
		this.lineLength = 0;
		if (length == 0) {
			dispatch(sink);
			return;
		}
		if (this.line[start] == ':') {
			this.comments++;
			return;
		}
		this.eventBytes += length;
		if (this.eventBytes > this.maxEventBytes) {
			throw new SseFormatException("A server-sent event is larger than the limit of " + this.maxEventBytes
					+ " bytes (maxResponseBytes)");
		}
		String text = new String(this.line, start, length, StandardCharsets.UTF_8);
		int colon = text.indexOf(':');
		String field = (colon >= 0) ? text.substring(0, colon) : text;
		String value = "";
		if (colon >= 0) {
			int valueStart = colon + 1;
			if (valueStart < text.length() && text.charAt(valueStart) == ' ') {
				valueStart++;
			}
			value = text.substring(valueStart);
		}
		switch (field) {
			case "event" -> this.eventName = value;
			case "data" -> {
				if (this.hasData) {
					this.data.append('\n');
				}
				this.data.append(value);
				this.hasData = true;
			}
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.lastEventId = value;
				}
			}
			default -> {
				// "retry" and unknown fields: nothing to do for this client.
			}
		}
	}

	private void dispatch(Consumer<SseEvent> sink) {
		boolean dispatch = this.hasData;
		String name = (this.eventName != null && !this.eventName.isEmpty()) ? this.eventName : DEFAULT_EVENT;
		String payload = this.data.toString();
		this.data.setLength(0);
		this.hasData = false;
		this.eventName = null;
		this.eventBytes = 0;
		if (dispatch) {
			sink.accept(new SseEvent(name, payload, this.lastEventId));
		}
	}

}
