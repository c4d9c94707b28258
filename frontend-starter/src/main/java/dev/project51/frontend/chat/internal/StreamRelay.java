package dev.project51.frontend.chat.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.project51.agent.client.AgentClient;
import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentUnavailableException;
import dev.project51.agent.client.StreamHandle;
import dev.project51.agent.client.StreamListener;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.frontend.observability.internal.RelayMetrics;
import dev.project51.frontend.status.AgentStatusService;
import dev.project51.server.internal.observability.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays one answer stream of the agent to one browser. The agent's stream is cancelled
 * as soon as the browser is gone, the frontend's stream times out, or the application
 * stops.
 * <p>
 * Once a token has reached the browser, every failure of the agent's stream (the agent's
 * own {@code answer-interrupted} event, the client's idle timeout, a broken connection,
 * an unreadable event, the stream timeout) ends the browser's stream with
 * {@link ProblemDetail#answerInterrupted(String)}: the same problem whichever layer
 * noticed, so the page keeps the text it has and marks it as interrupted. Before the
 * first token, {@link AgentProblems} explains the failure.
 */
final class StreamRelay implements StreamListener {

	private static final Logger logger = LoggerFactory.getLogger(StreamRelay.class);

	private final SseEmitter emitter;

	private final String instance;

	private final AgentStatusService status;

	private final AtomicBoolean finished = new AtomicBoolean();

	private volatile boolean upstreamEnded;

	/** Whether a token reached the browser: from then on a failure interrupts. */
	private volatile boolean tokensRelayed;

	private volatile StreamHandle handle;

	private volatile ScheduledFuture<?> heartbeat;

	private final RelayMetrics metrics;

	private final String traceId;

	private final long start = System.nanoTime();

	private final AtomicBoolean measured = new AtomicBoolean();

	StreamRelay(SseEmitter emitter, String instance, AgentStatusService status) {
		this(emitter, instance, status, null, null);
	}

	/**
	 * A relay.
	 * @param metrics where its latency is measured, may be {@code null}
	 * @param traceId the trace id of the browser's request, carried by its problems; may
	 * be {@code null}
	 */
	StreamRelay(SseEmitter emitter, String instance, AgentStatusService status, RelayMetrics metrics, String traceId) {
		this.emitter = emitter;
		this.instance = instance;
		this.status = status;
		this.metrics = metrics;
		this.traceId = traceId;
	}

	private void measure(String outcome) {
		if (this.metrics != null && this.measured.compareAndSet(false, true)) {
			this.metrics.ended(System.nanoTime() - this.start, outcome);
		}
	}

	private ProblemDetail traced(ProblemDetail problem) {
		return TraceIds.onto(problem, this.traceId);
	}

	/**
	 * Starts the agent's stream, then what only matters while it runs: the heartbeat, and
	 * a first keep-alive comment. That comment is written when the controller returns, so
	 * the browser's response (status and headers) is committed while the agent works on
	 * its answer, not in front of the first token.
	 */
	void start(AgentClient client, ChatRequest request, ScheduledExecutorService scheduler, Duration interval) {
		this.emitter.onCompletion(this::finish);
		this.emitter.onError((ex) -> finish());
		this.emitter.onTimeout(this::timedOut);
		StreamHandle started;
		try {
			started = client.stream(request, this);
		}
		catch (AgentClientException ex) {
			onError(ex);
			return;
		}
		catch (RuntimeException ex) {
			logger.error("Could not start the agent's answer stream", ex);
			fail(new ProblemDetail(ProblemType.INTERNAL.uri(), "Assistant failed", 502,
					"The answer could not be started. Try again.", this.instance, null, java.util.List.of()));
			return;
		}
		this.handle = started;
		if (this.finished.get() && !this.upstreamEnded) {
			// The browser left before the handle was known.
			started.cancel();
		}
		long millis = interval.toMillis();
		this.heartbeat = scheduler.scheduleAtFixedRate(this::sendHeartbeat, millis, millis, TimeUnit.MILLISECONDS);
		if (this.finished.get()) {
			// The answer ended (or the browser left) before its heartbeat was scheduled.
			stopHeartbeat();
		}
		sendHeartbeat();
	}

	@Override
	public void onMeta(StreamEvent.Meta meta) {
		send(meta);
	}

	@Override
	public void onToken(String text) {
		if (send(SseText.token(text))) {
			if (!this.tokensRelayed && this.metrics != null) {
				this.metrics.firstToken(System.nanoTime() - this.start);
			}
			this.tokensRelayed = true;
		}
	}

	@Override
	public void onDone(StreamEvent.Done done) {
		this.upstreamEnded = true;
		// A fallback model answered (or the preferred one is back): a status the pages
		// cached before says otherwise.
		this.status.observe(done.degraded());
		if (send(done)) {
			measure(done.degraded() ? "degraded" : "answered");
			complete();
		}
	}

	@Override
	public void onError(AgentClientException error) {
		this.upstreamEnded = true;
		if (error instanceof AgentUnavailableException) {
			this.status.invalidate();
		}
		if (this.tokensRelayed) {
			if (!AgentProblems.isAnswerInterrupted(error)) {
				logger.warn("An answer was interrupted after its first token: {}", error.getMessage());
			}
			fail(ProblemDetail.answerInterrupted(this.instance));
		}
		else {
			fail(AgentProblems.from(error, this.instance));
		}
	}

	private void fail(ProblemDetail problem) {
		this.upstreamEnded = true;
		if (send(new StreamEvent.Error(traced(problem)))) {
			measure(this.tokensRelayed ? "interrupted" : "failed");
			complete();
		}
	}

	private void timedOut() {
		if (!this.finished.get()) {
			send(new StreamEvent.Error(traced(this.tokensRelayed ? ProblemDetail.answerInterrupted(this.instance)
					: ProblemDetail.of(ProblemType.TIMEOUT, "The answer took too long and was stopped. Try again.",
							this.instance))));
			measure("timeout");
		}
		cancelUpstream();
		complete();
	}

	private boolean send(StreamEvent event) {
		return send(SseEmitter.event().name(event.name()).data(event, MediaType.APPLICATION_JSON).build());
	}

	private boolean send(Set<DataWithMediaType> event) {
		if (this.finished.get()) {
			return false;
		}
		try {
			this.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			logger.debug("Browser left during an answer ({}); cancelling the agent's stream", ex.toString());
			abandon();
			return false;
		}
	}

	private void sendHeartbeat() {
		if (this.finished.get()) {
			return;
		}
		try {
			this.emitter.send(SseEmitter.event().comment("keep-alive"));
		}
		catch (IOException | IllegalStateException ex) {
			logger.debug("Browser left while the agent was silent ({}); cancelling the agent's stream", ex.toString());
			abandon();
		}
	}

	private void abandon() {
		measure("abandoned");
		finish();
		this.emitter.complete();
	}

	private void complete() {
		if (this.finished.compareAndSet(false, true)) {
			stopHeartbeat();
			this.emitter.complete();
		}
	}

	/** Called once the exchange with the browser is over, however it ended. */
	private void finish() {
		this.finished.set(true);
		stopHeartbeat();
		cancelUpstream();
	}

	private void cancelUpstream() {
		StreamHandle current = this.handle;
		if (current != null && !this.upstreamEnded) {
			current.cancel();
		}
	}

	private void stopHeartbeat() {
		ScheduledFuture<?> current = this.heartbeat;
		if (current != null) {
			current.cancel(false);
		}
	}

}
