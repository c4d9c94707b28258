package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.github.resilience4j.retry.Retry;
import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call walking down the chain: each available model in turn gets its first-token
 * budget, within which transient failures are retried (resilience4j {@link Retry}:
 * jittered exponential backoff, or the provider's {@code Retry-After}); the first model
 * to answer wins. In streaming mode the text is passed on as it arrives, and a failure
 * after the first text ends the call with a {@link ModelStreamException}; in blocking
 * mode nothing has been shown, so any failure moves on. Every callback of the downstream
 * handler happens with the turn bound ({@link FailoverTurn#runWith}), at most one
 * terminal callback is made, and none after {@link #cancel()}.
 */
final class Failover implements ModelCall.Outcome, StreamingHandle {

	private static final Logger logger = LoggerFactory.getLogger(Failover.class);

	/** Below this, a retry could not do anything useful before the budget ends. */
	private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final ModelChain chain;

	private final ChatRequest request;

	private final StreamingChatResponseHandler downstream;

	private final FailoverTurn turn;

	private final boolean blocking;

	private final List<ChainModel> models;

	private final ChainModel first;

	private int index;

	private ChainModel previous;

	private ChainModel current;

	private long modelDeadline;

	private Retry.AsyncContext<ChatResponse> retry;

	private ModelCall call;

	private ScheduledFuture<?> pendingRetry;

	private Throwable lastFailure;

	private boolean delivered;

	private boolean ended;

	/** The observation current when the chain was called: the parent of the attempts. */
	private final Observation parent;

	private int attempts;

	Failover(ModelChain chain, ChatRequest request, StreamingChatResponseHandler downstream, FailoverTurn turn,
			boolean blocking) {
		this.chain = chain;
		this.request = request;
		this.downstream = downstream;
		this.turn = turn;
		this.blocking = blocking;
		this.models = chain.models();
		String firstModel = (turn != null) ? turn.firstModel() : null;
		int start = 0;
		if (firstModel != null) {
			for (int i = 0; i < this.models.size(); i++) {
				if (this.models.get(i).name().equals(firstModel)) {
					start = i;
				}
			}
		}
		this.index = start - 1;
		this.first = this.models.get(start);
		this.parent = chain.observations().getCurrentObservation();
	}

	void start() {
		if (this.turn != null) {
			this.turn.onCancel(this::cancel);
		}
		nextModel();
	}

	private synchronized void nextModel() {
		while (!this.ended) {
			this.index++;
			if (this.index >= this.models.size()) {
				end(() -> this.downstream.onError(this.chain.unavailable(this.lastFailure)));
				return;
			}
			ChainModel model = this.models.get(this.index);
			if (this.previous != null) {
				this.chain.metrics().recordFailover(this.previous, model);
				logger.warn("Model '{}' cannot answer ({}); failing over to '{}'", this.previous.name(),
						(this.previous.lastError() != null) ? this.previous.lastError() : "circuit open", model.name());
			}
			this.previous = model;
			if (model.isAvailable()) {
				this.current = model;
				this.modelDeadline = System.nanoTime() + this.chain.policy().firstTokenTimeout().toNanos();
				this.retry = model.retry().asyncContext();
				startAttempt();
				return;
			}
		}
	}

	private synchronized void startAttempt() {
		ChatRequest forModel = ProviderParameters.request(this.request,
				(this.turn != null) ? this.turn.parameters() : null, this.current.provider());
		this.attempts++;
		ModelCall attempt = new ModelCall(this.chain, this.current, forModel, this.modelDeadline, this,
				AttemptObservations.ATTEMPT, this.parent, this.attempts);
		this.call = attempt;
		attempt.start(this.blocking);
	}

	@Override
	public synchronized void token(ModelCall from, String text, boolean first) {
		if (this.ended || from != this.call || this.blocking) {
			return;
		}
		if (first) {
			this.chain.answered(this.turn, from.model(), this.first);
		}
		this.delivered = true;
		deliver(() -> this.downstream.onPartialResponse(new PartialResponse(text), new PartialResponseContext(this)));
	}

	@Override
	public void succeeded(ModelCall from, ChatResponse response, long firstTokenNanos) {
		inParentScope(() -> succeededInScope(from, response, firstTokenNanos));
	}

	private synchronized void succeededInScope(ModelCall from, ChatResponse response, long firstTokenNanos) {
		if (this.ended || from != this.call) {
			return;
		}
		ChainModel model = from.model();
		model.recordSuccess(firstTokenNanos, this.chain.policy().slowCallDurationThreshold());
		this.retry.onComplete();
		this.chain.answered(this.turn, model, this.first);
		ChatResponse relabelled = ModelChain.relabel(response, model);
		end(() -> {
			try {
				this.downstream.onCompleteResponse(relabelled);
			}
			catch (RuntimeException ex) {
				this.downstream.onError(ex);
			}
		});
	}

	@Override
	public void failed(ModelCall from, Throwable failure, long nanos, boolean progressed) {
		inParentScope(() -> failedInScope(from, failure, nanos));
	}

	private synchronized void failedInScope(ModelCall from, Throwable failure, long nanos) {
		if (this.ended || from != this.call) {
			return;
		}
		ChainModel model = from.model();
		model.recordFailure(nanos, failure);
		this.lastFailure = failure;
		if (this.delivered) {
			logger.warn("Model '{}' failed after it had started answering ({}); the answer is interrupted",
					model.name(), model.lastError());
			ModelStreamException interrupted = new ModelStreamException(model.name(), model.lastError(), failure);
			end(() -> this.downstream.onError(interrupted));
			return;
		}
		long delay = this.retry.onError(failure);
		long remaining = this.modelDeadline - System.nanoTime();
		long delayNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, delay));
		if (delay >= 0 && model.isAvailable() && delayNanos + MIN_ATTEMPT_NANOS < remaining) {
			logger.debug("Model '{}' failed ({}); retrying in {} ms", model.name(), model.lastError(), delay);
			scheduleRetry(model, delay);
			return;
		}
		Optional<Duration> retryAfter = Failures.retryAfter(failure);
		Duration cap = this.chain.policy().maxRetryAfter();
		if (retryAfter.isPresent() && !cap.isZero() && retryAfter.get().toNanos() > remaining) {
			Duration hold = (retryAfter.get().compareTo(cap) > 0) ? cap : retryAfter.get();
			logger.warn("Model '{}' asked to wait {}; it gets no calls until then", model.name(),
					Failures.seconds(hold));
			model.holdOpen(hold, failure);
		}
		nextModel();
	}

	private void scheduleRetry(ChainModel model, long delayMillis) {
		Runnable retryNow = () -> inParentScope(() -> {
			synchronized (this) {
				if (this.ended || this.current != model) {
					return;
				}
				if (!model.isAvailable()) {
					nextModel();
					return;
				}
				this.chain.metrics().recordRetry(model);
				startAttempt();
			}
		});
		try {
			this.pendingRetry = this.chain.scheduler()
				.schedule(() -> this.chain.executor().execute(retryNow), delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			end(() -> this.downstream.onError(this.chain.unavailable(this.lastFailure)));
		}
	}

	/**
	 * Gives up the call: the current attempt is aborted, a pending retry dropped, and the
	 * downstream handler hears nothing more.
	 */
	@Override
	public void cancel() {
		ModelCall attempt;
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			if (this.pendingRetry != null) {
				this.pendingRetry.cancel(false);
			}
			attempt = this.call;
		}
		if (attempt != null) {
			attempt.abort();
			attempt.model().recordAbandoned();
		}
	}

	@Override
	public synchronized boolean isCancelled() {
		return this.ended;
	}

	/** Holds the lock. */
	private void end(Runnable terminal) {
		this.ended = true;
		deliver(terminal);
	}

	private void deliver(Runnable callback) {
		FailoverTurn.runWith(this.turn, () -> inParentScope(() -> {
			try {
				callback.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A handler of the model chain failed: {}", ex.toString());
				logger.debug("Stack trace of the handler failure", ex);
			}
		}));
	}

	/**
	 * Runs an action with the caller's observation current (its trace in the log lines,
	 * and the parent of what the action observes: a tool loop's next model call).
	 */
	private void inParentScope(Runnable action) {
		Observation observation = this.parent;
		if (observation == null || observation.isNoop()) {
			action.run();
			return;
		}
		try (Observation.Scope scope = observation.openScope()) {
			action.run();
		}
	}

}
