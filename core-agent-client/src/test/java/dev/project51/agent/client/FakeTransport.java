package dev.project51.agent.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.client.transport.TransportResponse;

/**
 * A scripted {@link HttpTransport}: each request takes the next scripted answer and is
 * recorded, so tests can count attempts and inspect what was sent without sockets.
 */
class FakeTransport implements HttpTransport {

	private final ConcurrentLinkedDeque<Function<TransportRequest, CompletableFuture<TransportResponse>>> script = new ConcurrentLinkedDeque<>();

	final List<TransportRequest> requests = new CopyOnWriteArrayList<>();

	final List<CompletableFuture<TransportResponse>> futures = new CopyOnWriteArrayList<>();

	final List<FakeResponse> responses = new CopyOnWriteArrayList<>();

	FakeTransport then(Function<TransportRequest, CompletableFuture<TransportResponse>> answer) {
		this.script.add(answer);
		return this;
	}

	FakeTransport respond(int status, String contentType, String body, String... headers) {
		return then((request) -> CompletableFuture
			.completedFuture(record(new FakeResponse(status, contentType, bytes(body), headers))));
	}

	FakeTransport respondJson(String body) {
		return respond(200, "application/json", body);
	}

	FakeTransport problem(int status, String type, String title, String detail, String... headers) {
		return respond(
				status, "application/problem+json", "{\"type\":\"https://project51.dev/problems/" + type
						+ "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}",
				headers);
	}

	FakeTransport respondStream(PushBody body) {
		return then((request) -> CompletableFuture
			.completedFuture(record(new FakeResponse(200, "text/event-stream", body, new String[0]))));
	}

	FakeTransport respondStream(String events) {
		return respondStream(PushBody.of(events));
	}

	FakeTransport fail(IOException failure) {
		return then((request) -> CompletableFuture.failedFuture(failure));
	}

	/** The answer never comes, unless the client cancels. */
	FakeTransport hang() {
		return then((request) -> new CompletableFuture<>());
	}

	int count() {
		return this.requests.size();
	}

	TransportRequest lastRequest() {
		return this.requests.get(this.requests.size() - 1);
	}

	@Override
	public CompletableFuture<TransportResponse> send(TransportRequest request) {
		this.requests.add(request);
		Function<TransportRequest, CompletableFuture<TransportResponse>> answer = this.script.poll();
		CompletableFuture<TransportResponse> future = (answer != null) ? answer.apply(request)
				: CompletableFuture.failedFuture(new AssertionError("No scripted answer for " + request));
		this.futures.add(future);
		return future;
	}

	private FakeResponse record(FakeResponse response) {
		this.responses.add(response);
		return response;
	}

	static byte[] bytes(String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
	}

	/** A response with a fixed or pushed body that records whether it was closed. */
	static final class FakeResponse implements TransportResponse {

		private final int status;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final InputStream body;

		final AtomicBoolean closed = new AtomicBoolean();

		FakeResponse(int status, String contentType, byte[] body, String... headers) {
			this(status, contentType, new ByteArrayInputStream(body), headers);
		}

		FakeResponse(int status, String contentType, InputStream body, String... headers) {
			this.status = status;
			if (contentType != null) {
				this.headers.put("content-type", contentType);
			}
			for (int i = 0; i + 1 < headers.length; i += 2) {
				this.headers.put(headers[i].toLowerCase(), headers[i + 1]);
			}
			this.body = body;
		}

		@Override
		public int statusCode() {
			return this.status;
		}

		@Override
		public Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase()));
		}

		@Override
		public InputStream body() {
			return this.body;
		}

		@Override
		public void close() {
			this.closed.set(true);
			if (this.body instanceof PushBody push) {
				push.abort();
			}
		}

	}

	/**
	 * A body the test writes to while the client reads it; reads block like a socket's
	 * and fail once the response is closed.
	 */
	static final class PushBody extends InputStream {

		private static final byte[] END = new byte[0];

		private static final byte[] ABORTED = new byte[0];

		private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

		private final List<String> pushed = Collections.synchronizedList(new ArrayList<>());

		private byte[] current = new byte[0];

		private int position;

		private volatile boolean aborted;

		private boolean ended;

		static PushBody of(String text) {
			PushBody body = new PushBody();
			body.push(text);
			body.end();
			return body;
		}

		PushBody push(String text) {
			this.pushed.add(text);
			this.chunks.add(bytes(text));
			return this;
		}

		void end() {
			this.chunks.add(END);
		}

		void abort() {
			this.aborted = true;
			this.chunks.add(ABORTED);
		}

		boolean isAborted() {
			return this.aborted;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			while (this.position >= this.current.length) {
				if (this.aborted) {
					throw new IOException("closed");
				}
				if (this.ended) {
					return -1;
				}
				byte[] next;
				try {
					next = this.chunks.take();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException();
				}
				if (next == ABORTED) {
					throw new IOException("closed");
				}
				if (next == END) {
					this.ended = true;
					return -1;
				}
				this.current = next;
				this.position = 0;
			}
			int n = Math.min(length, this.current.length - this.position);
			System.arraycopy(this.current, this.position, target, offset, n);
			this.position += n;
			return n;
		}

	}

}
