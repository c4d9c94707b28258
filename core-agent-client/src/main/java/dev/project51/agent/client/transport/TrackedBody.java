package dev.project51.agent.client.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body stream that knows whether the rest of it can be read without waiting for the
 * server: its end was read, or all of a body of known length was (a JSON reader stops at
 * the last brace and never reads the end).
 */
final class TrackedBody extends FilterInputStream {

	/** The length of the body, or -1 if unknown (chunked). */
	private final long length;

	private volatile boolean ended;

	private volatile long read;

	TrackedBody(InputStream in, long length) {
		super(in);
		this.length = length;
		this.ended = length == 0;
	}

	@Override
	public int read() throws IOException {
		int next = super.read();
		if (next < 0) {
			this.ended = true;
		}
		else {
			this.read++;
		}
		return next;
	}

	@Override
	public int read(byte[] buffer, int offset, int count) throws IOException {
		int n = super.read(buffer, offset, count);
		if (n < 0) {
			this.ended = true;
		}
		else {
			this.read += n;
		}
		return n;
	}

	@Override
	public long skip(long count) throws IOException {
		long skipped = super.skip(count);
		this.read += skipped;
		return skipped;
	}

	boolean endsWithoutWaiting() {
		return this.ended || (this.length >= 0 && this.read >= this.length);
	}

}
