package dev.project51.agent.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
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
 * The events of one streamed answer, read on demand by the calling thread: each
 * {@link #next()} reads the response body up to the next event. Connects (retrying while
 * nothing has been received), parses the event stream incrementally and guards the
 * exchange with first-event, idle and total deadlines, which abort it from the deadline
 * thread. One reading thread at a time; {@link #cancel()} from any thread.
 */
final class StreamSource {

	private static final Logger logger = LoggerFactory.getLogger(AgentClient.class);

	private final DefaultAgentClient client;

	private final Call call;

	private final CountDownLatch wakeUp = new CountDownLatch(1);

	/** Events parsed from the last chunk read, not yet returned. */
	private final ArrayDeque<StreamEvent> parsed = new ArrayDeque<>();

	private final Consumer<SseEvent> sink = this::accept;

	private final byte[] buffer = new byte[8192];

	private volatile boolean cancelled;

	/** Whether an event arrived; from then on the stream is never retried. */
	private volatile boolean started;

	private volatile Exchange exchange;

	private long deadline;

	private Retry.AsyncContext<Object> retry;

	private int attempt;

	/** Whether the outcome was returned or thrown: nothing more to read. */
	private boolean finished;

	// The current attempt, from its response to its outcome; reading thread only.

	private Resilience.Guard guard;

	private StreamWatchdog watchdog;

	private InputStream body;

	private SseParser parser;

	private long keepAlives;

	private int count;

	private StreamEvent.Done done;

	private AgentClientException failure;

	StreamSource(DefaultAgentClient client, Call call) {
		this.client = client;
		this.call = call;
	}

	Call call() {
		return this.call;
	}

	boolean started() {
		return this.started;
	}

	/**
	 * Reads up to the next event, retrying the stream while nothing has been received.
	 * @return a {@code Meta}, {@code Token} or, last, the {@code Done} event (then call
	 * {@link #drain()}); {@code null} once the outcome was returned or thrown
	 * @throws AgentClientException if the stream failed: an {@code error} event, a
	 * timeout, a broken connection or event stream
	 * @throws CancellationException if the stream was cancelled
	 * @throws IllegalStateException if the client was closed
	 */
	StreamEvent next() {
		if (this.finished) {
			return null;
		}
		if (this.retry == null) {
			this.deadline = System.nanoTime() + this.client.streamTimeout.toNanos();
			this.retry = this.client.resilience.retry(false).asyncContext();
		}
		while (true) {
			try {
				if (this.cancelled) {
					throw new CancellationException(this.call + " was cancelled");
				}
				return read();
			}
			catch (AgentClientException ex) {
				settle(ex);
				if (this.cancelled) {
					throw finish(new CancellationException(this.call + " was cancelled"));
				}
				if (!this.started) {
					long delay = this.retry.onError(ex);
					if (this.client.resilience.mayRetry(this.call.describe(), ex, this.attempt, delay, this.deadline)
							&& pause(delay)) {
						continue;
					}
				}
				throw finish(ex);
			}
			catch (IllegalStateException ex) {
				settle(ex);
				throw finish(ex);
			}
			catch (RuntimeException ex) {
				settle(ex);
				throw finish(new AgentClientException(this.call + " failed unexpectedly: " + ex, ex));
			}
		}
	}

	/**
	 * The caller holds an event for a while: until the next {@link #next()}, only the
	 * total deadline applies, the consumer's time is not the agent's silence.
	 */
	void awaitConsumer() {
		if (this.watchdog != null) {
			this.watchdog.pause();
		}
	}

	/**
	 * Cancels the stream: aborts its exchange and ends a wait between attempts.
	 */
	void cancel() {
		this.cancelled = true;
		Exchange current = this.exchange;
		if (current != null) {
			current.abort(Exchange.Abort.CANCELLED);
		}
		this.wakeUp.countDown();
	}

	/**
	 * The consumer of the events failed: the stream ends with that failure, not retried.
	 * @param failure why
	 */
	void abandon(RuntimeException failure) {
		settle(failure);
		finish(failure);
	}

	/**
	 * After the {@code Done} event: reads what follows it (normally just the end of the
	 * body), bounded in time, so that the connection can be reused, and releases it.
	 */
	void drain() {
		if (this.body == null) {
			return;
		}
		this.watchdog.drain();
		try {
			while (this.body.read(this.buffer) >= 0) {
				// Discard: the outcome is known.
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.trace("Draining {} ended: {}", this.call, ex.toString());
		}
		finally {
			release();
		}
	}

	private <T extends RuntimeException> T finish(T outcome) {
		this.finished = true;
		return outcome;
	}

	private boolean pause(long delayMillis) {
		try {
			this.client.pause(this.call.describe(), delayMillis, this.wakeUp);
		}
		catch (RuntimeException ex) {
			if (this.cancelled) {
				throw finish(new CancellationException(this.call + " was cancelled"));
			}
			return false;
		}
		return !this.cancelled;
	}

	private StreamEvent read() {
		if (this.body == null) {
			connect();
		}
		else {
			this.watchdog.resume();
		}
		try {
			int n;
			while (this.parsed.isEmpty() && this.done == null && this.failure == null
					&& (n = this.body.read(this.buffer)) >= 0) {
				this.parser.feed(this.buffer, 0, n, this.sink);
				if (this.parser.comments() != this.keepAlives) {
					// The agent is alive and working on the answer (its model may be
					// slow, failing over, or running a tool): the silence deadlines
					// start again, and the turn has begun on the agent, so it is no
					// longer retried.
					this.keepAlives = this.parser.comments();
					this.started = true;
					this.watchdog.onKeepAlive();
				}
			}
		}
		catch (IOException ex) {
			throw this.client.exchanges.failure(this.call.describe(), this.exchange, ex);
		}
		catch (SseFormatException ex) {
			// After the events that came before it in the same chunk.
			this.failure = new AgentProtocolException(this.call + ": broken event stream: " + ex.getMessage(), ex);
		}
		if (!this.parsed.isEmpty()) {
			return this.parsed.poll();
		}
		if (this.failure != null) {
			throw this.failure;
		}
		if (this.done == null) {
			throw new AgentProtocolException(
					this.call + ": the stream ended after " + this.count + " events without a 'done' or 'error' event"
							+ (this.parser.hasPartialEvent() ? " (the last event was cut off)" : "")
							+ "; the agent may have been restarted");
		}
		this.guard.succeeded();
		this.guard = null;
		this.retry.onComplete();
		this.finished = true;
		return this.done;
	}

	/** Sends the request of a new attempt and checks its response. */
	private void connect() {
		this.attempt++;
		this.guard = this.client.resilience.guard(this.call);
		Exchange current = this.client.exchanges.open(this.call);
		this.exchange = current;
		if (this.cancelled) {
			current.abort(Exchange.Abort.CANCELLED);
		}
		this.watchdog = new StreamWatchdog(current, this.deadline, this.client);
		this.watchdog.start();
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
			this.parser = new SseParser(this.client.maxResponseBytes);
			this.keepAlives = 0;
			this.count = 0;
			this.body = response.body();
		}
		catch (IOException ex) {
			throw this.client.exchanges.failure(this.call.describe(), current, ex);
		}
		catch (InterruptedException ex) {
			current.abort(Exchange.Abort.CANCELLED);
			Thread.currentThread().interrupt();
			throw new AgentClientException(this.call + " was interrupted", ex);
		}
	}

	/** The current attempt failed: the circuit breaker learns it, the exchange ends. */
	private void settle(RuntimeException failure) {
		if (this.guard != null) {
			this.guard.failed(failure);
			this.guard = null;
		}
		release();
	}

	private void release() {
		if (this.watchdog != null) {
			this.watchdog.stop();
			this.watchdog = null;
		}
		Exchange current = this.exchange;
		if (current != null) {
			this.client.exchanges.release(current);
		}
		this.body = null;
		this.parsed.clear();
		this.done = null;
		this.failure = null;
	}

	/**
	 * Receives the parsed events of the current attempt; a failure ends the attempt after
	 * the events before it.
	 */
	private void accept(SseEvent event) {
		if (this.done != null || this.failure != null) {
			return;
		}
		JsonCodec json = this.client.json;
		try {
			switch (event.name()) {
				case StreamEvent.Meta.NAME -> {
					StreamEvent.Meta meta = json.read(event.data(), StreamEvent.Meta.class);
					received();
					this.parsed.add(meta);
				}
				case StreamEvent.Token.NAME -> {
					StreamEvent.Token token = json.read(event.data(), StreamEvent.Token.class);
					received();
					if (token.text() != null) {
						this.parsed.add(token);
					}
				}
				case StreamEvent.Done.NAME -> {
					this.done = json.read(event.data(), StreamEvent.Done.class);
					received();
				}
				case StreamEvent.Error.NAME -> {
					StreamEvent.Error error = json.read(event.data(), StreamEvent.Error.class);
					received();
					this.failure = this.client.failures.fromErrorEvent(this.call.describe(), error.problem());
				}
				default -> logger.debug("{}: ignoring unknown event '{}'", this.call, event.name());
			}
		}
		catch (JacksonException | JsonCodec.NullJsonException ex) {
			this.failure = this.client.failures.malformedJson(this.call, ex);
		}
	}

	private void received() {
		this.count++;
		this.started = true;
		this.watchdog.onEvent();
	}

}
