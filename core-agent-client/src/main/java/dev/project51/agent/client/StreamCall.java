package dev.project51.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import dev.project51.agent.client.internal.Bodies;
import dev.project51.agent.client.internal.BodyTooLargeException;
import dev.project51.agent.client.internal.JsonCodec;
import dev.project51.agent.client.internal.MediaTypes;
import dev.project51.agent.client.internal.SseEvent;
import dev.project51.agent.client.internal.SseFormatException;
import dev.project51.agent.client.internal.SseParser;
import dev.project51.agent.client.transport.TransportResponse;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.StreamEvent;

/**
 * One streamed answer, run on a client thread: connect (retrying while nothing has been
 * received), parse the event stream incrementally, deliver the events to the listener,
 * and guard the exchange with first-event, idle and total deadlines.
 */
final class StreamCall implements StreamHandle {

	private static final Logger logger = LoggerFactory.getLogger(AgentClient.class);

	private final DefaultAgentClient client;

	private final Call call;

	private final StreamListener listener;

	private final CompletableFuture<StreamEvent.Done> completion = new CompletableFuture<>();

	private final ReentrantLock delivery = new ReentrantLock();

	private final CountDownLatch wakeUp = new CountDownLatch(1);

	private volatile boolean cancelled;

	private volatile Exchange exchange;

	/** Whether {@code onDone} ran: the stream has ended, its body is being drained. */
	private volatile boolean ended;

	/** Whether an event arrived; from then on the stream is never retried. */
	private volatile boolean started;

	StreamCall(DefaultAgentClient client, byte[] body, StreamListener listener, Map<String, String> headers,
			String endUser) {
		this.client = client;
		this.call = new Call("POST", AgentApi.CHAT_STREAM_PATH, body, false, true, AgentApi.EVENT_STREAM, endUser,
				headers);
		this.listener = listener;
		this.completion.whenComplete((done, failure) -> {
			if (failure instanceof CancellationException) {
				cancel();
			}
		});
	}

	@Override
	public void cancel() {
		// Taking the lock (unless a callback holds it) makes "no callback starts after
		// cancel() returns" hold without ever waiting for a slow callback.
		boolean locked = this.delivery.tryLock();
		try {
			if (this.cancelled || this.ended || (this.completion.isDone() && !this.completion.isCancelled())) {
				return;
			}
			this.cancelled = true;
		}
		finally {
			if (locked) {
				this.delivery.unlock();
			}
		}
		Exchange current = this.exchange;
		if (current != null) {
			current.abort(Exchange.Abort.CANCELLED);
		}
		this.wakeUp.countDown();
		this.completion.cancel(false);
		logger.debug("{} cancelled", this.call);
	}

	@Override
	public boolean isDone() {
		return this.ended || this.completion.isDone();
	}

	@Override
	public CompletableFuture<StreamEvent.Done> completion() {
		return this.completion;
	}

	@Override
	public String toString() {
		return "StreamHandle[" + this.call + (this.started ? ", started" : "")
				+ (this.cancelled ? ", cancelled" : (isDone() ? ", done" : "")) + "]";
	}

	/** Runs the stream to its end; on a client thread. */
	void run() {
		long deadline = System.nanoTime() + this.client.streamTimeout.toNanos();
		Retry.AsyncContext<Object> retry = this.client.resilience.retry(false).asyncContext();
		for (int attempt = 1;; attempt++) {
			if (this.cancelled) {
				return;
			}
			try {
				Completed completed = this.client.resilience.guarded(this.call, () -> attempt(deadline));
				retry.onComplete();
				boolean delivered = deliver("onDone", () -> this.listener.onDone(completed.done()));
				this.ended = true;
				// Drained before the completion, so that the connection is back in the
				// pool when a caller that waits for the completion sends its next call:
				// a new connection would cost more than the end of the body takes to
				// arrive.
				completed.drain();
				if (delivered) {
					this.completion.complete(completed.done());
				}
				return;
			}
			catch (AgentClientException ex) {
				if (this.cancelled) {
					return;
				}
				if (!this.started && !(ex instanceof ListenerFailure)) {
					long delay = retry.onError(ex);
					if (this.client.resilience.mayRetry(this.call.describe(), ex, attempt, delay, deadline)
							&& pause(delay, ex)) {
						continue;
					}
				}
				fail(ex);
				return;
			}
			catch (CancellationException ex) {
				return;
			}
			catch (IllegalStateException ex) {
				// The client was closed while the stream ran: it ends as cancelled.
				this.completion.cancel(false);
				return;
			}
			catch (RuntimeException ex) {
				fail(new AgentClientException(this.call + " failed unexpectedly: " + ex, ex));
				return;
			}
		}
	}

	private boolean pause(long delayMillis, AgentClientException failure) {
		try {
			this.client.pause(this.call.describe(), delayMillis, this.wakeUp);
			return !this.cancelled;
		}
		catch (RuntimeException ex) {
			if (!this.cancelled) {
				fail(failure);
			}
			return false;
		}
	}

	private void fail(AgentClientException failure) {
		if (deliver("onError", () -> this.listener.onError(failure))) {
			this.completion.completeExceptionally(failure);
		}
	}

	/**
	 * Runs a terminal callback unless the stream was cancelled; a throwing terminal
	 * callback is logged, the stream has ended anyway.
	 * @return {@code true} if the stream was not cancelled
	 */
	private boolean deliver(String callback, Runnable action) {
		this.delivery.lock();
		try {
			if (this.cancelled) {
				return false;
			}
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("StreamListener.{} of {} threw; ignored because the stream has ended", callback, this.call,
						ex);
			}
			return true;
		}
		finally {
			this.delivery.unlock();
		}
	}

	/** Runs a non-terminal callback unless the stream was cancelled. */
	private void deliverEvent(String callback, Runnable action) {
		this.delivery.lock();
		try {
			if (this.cancelled) {
				throw new CancellationException(this.call + " was cancelled");
			}
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				throw new ListenerFailure(this.call + ": StreamListener." + callback + " threw " + ex, ex);
			}
		}
		finally {
			this.delivery.unlock();
		}
	}

	/**
	 * One attempt: returns when the {@code done} event arrived (the exchange is then
	 * still open, to be drained), throws otherwise.
	 */
	private Completed attempt(long deadline) {
		Exchange current = this.client.exchanges.open(this.call);
		this.exchange = current;
		if (this.cancelled) {
			current.abort(Exchange.Abort.CANCELLED);
		}
		StreamWatchdog watchdog = new StreamWatchdog(current, deadline, this.client);
		watchdog.start();
		Completed completed = null;
		try {
			TransportResponse response = current.awaitResponse();
			int status = response.statusCode();
			String contentType = response.header("Content-Type").orElse(null);
			if (status < 200 || status > 299) {
				byte[] bytes;
				try {
					bytes = Bodies.readAtMost(response.body(), response.header("Content-Length"),
							this.client.maxResponseBytes);
				}
				catch (BodyTooLargeException ex) {
					bytes = null;
				}
				throw this.client.failures.fromResponse(this.call.describe(), status, contentType, bytes,
						response.header("Retry-After"));
			}
			if (!MediaTypes.isEventStream(contentType)) {
				throw this.client.failures.wrongContentType(this.call.describe(), AgentApi.EVENT_STREAM, contentType,
						status, null);
			}
			Events events = new Events(watchdog);
			SseParser parser = new SseParser(this.client.maxResponseBytes);
			InputStream body = response.body();
			byte[] buffer = new byte[8192];
			long keepAlives = 0;
			int n;
			while (!events.ended() && (n = body.read(buffer)) >= 0) {
				parser.feed(buffer, 0, n, events);
				if (parser.comments() != keepAlives) {
					// The agent is alive and working on the answer (its model may be
					// slow, failing over, or running a tool): the silence deadlines
					// start again, and the turn has begun on the agent, so it is no
					// longer retried.
					keepAlives = parser.comments();
					this.started = true;
					watchdog.onKeepAlive();
				}
			}
			if (events.failure != null) {
				throw events.failure;
			}
			if (events.done == null) {
				throw new AgentProtocolException(this.call + ": the stream ended after " + events.count
						+ " events without a 'done' or 'error' event"
						+ (parser.hasPartialEvent() ? " (the last event was cut off)" : "")
						+ "; the agent may have been restarted");
			}
			completed = new Completed(events.done, current, watchdog);
			return completed;
		}
		catch (IOException ex) {
			throw this.client.exchanges.failure(this.call.describe(), current, ex);
		}
		catch (SseFormatException ex) {
			throw new AgentProtocolException(this.call + ": broken event stream: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			current.abort(Exchange.Abort.CANCELLED);
			Thread.currentThread().interrupt();
			throw new AgentClientException(this.call + " was interrupted", ex);
		}
		finally {
			if (completed == null) {
				watchdog.stop();
				this.client.exchanges.release(current);
			}
		}
	}

	/**
	 * A stream that reached its {@code done} event, with its exchange still open.
	 */
	private final class Completed {

		private final StreamEvent.Done done;

		private final Exchange exchange;

		private final StreamWatchdog watchdog;

		Completed(StreamEvent.Done done, Exchange exchange, StreamWatchdog watchdog) {
			this.done = done;
			this.exchange = exchange;
			this.watchdog = watchdog;
		}

		StreamEvent.Done done() {
			return this.done;
		}

		/**
		 * Reads what follows the last event (normally just the end of the body) so that
		 * the connection can be reused; bounded in time.
		 */
		void drain() {
			this.watchdog.drain();
			try {
				InputStream body = this.exchange.awaitResponse().body();
				byte[] buffer = new byte[1024];
				while (body.read(buffer) >= 0) {
					// Discard: the outcome is known.
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.trace("Draining {} ended: {}", StreamCall.this.call, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.watchdog.stop();
				StreamCall.this.client.exchanges.release(this.exchange);
			}
		}

	}

	/** A listener callback threw: the stream ends with this failure, not retried. */
	static final class ListenerFailure extends AgentClientException {

		ListenerFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** Receives parsed events on the stream thread. */
	private final class Events implements Consumer<SseEvent> {

		private final StreamWatchdog watchdog;

		private StreamEvent.Done done;

		private AgentClientException failure;

		private int count;

		Events(StreamWatchdog watchdog) {
			this.watchdog = watchdog;
		}

		boolean ended() {
			return this.done != null || this.failure != null;
		}

		@Override
		public void accept(SseEvent event) {
			if (ended()) {
				return;
			}
			JsonCodec json = StreamCall.this.client.json;
			StreamListener listener = StreamCall.this.listener;
			try {
				switch (event.name()) {
					case StreamEvent.Meta.NAME -> {
						StreamEvent.Meta meta = json.read(event.data(), StreamEvent.Meta.class);
						received();
						deliverEvent("onMeta", () -> listener.onMeta(meta));
					}
					case StreamEvent.Token.NAME -> {
						StreamEvent.Token token = json.read(event.data(), StreamEvent.Token.class);
						received();
						if (token.text() != null) {
							deliverEvent("onToken", () -> listener.onToken(token.text()));
						}
					}
					case StreamEvent.Done.NAME -> {
						this.done = json.read(event.data(), StreamEvent.Done.class);
						received();
					}
					case StreamEvent.Error.NAME -> {
						StreamEvent.Error error = json.read(event.data(), StreamEvent.Error.class);
						received();
						this.failure = StreamCall.this.client.failures.fromErrorEvent(StreamCall.this.call.describe(),
								error.problem());
					}
					default -> logger.debug("{}: ignoring unknown event '{}'", StreamCall.this.call, event.name());
				}
			}
			catch (JacksonException | JsonCodec.NullJsonException ex) {
				throw StreamCall.this.client.failures.malformedJson(StreamCall.this.call, ex);
			}
		}

		private void received() {
			this.count++;
			StreamCall.this.started = true;
			this.watchdog.onEvent();
		}

	}

}
