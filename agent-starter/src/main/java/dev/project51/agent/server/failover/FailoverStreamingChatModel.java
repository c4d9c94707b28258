package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain as a {@link StreamingChatModel}. Before the first token a failed or silent
 * attempt (first-token watchdog) is retried or handed to the next model; after the first
 * token a failure or a silence longer than the idle timeout ends the stream with a
 * {@link ModelStreamException}, because the caller has already seen part of the answer.
 */
final class FailoverStreamingChatModel implements StreamingChatModel {

	private static final Logger logger = LoggerFactory.getLogger(FailoverStreamingChatModel.class);

	private final ModelChain chain;

	FailoverStreamingChatModel(ModelChain chain) {
		this.chain = chain;
	}

	@Override
	public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
		new Failover(request, handler, FailoverTurn.current()).nextModel();
	}

	private enum State {

		WAITING, STREAMING, DONE

	}

	/**
	 * One streamed call walking down the chain.
	 */
	private final class Failover {

		private final ChatRequest request;

		private final StreamingChatResponseHandler downstream;

		private final FailoverTurn turn;

		private final List<ChainModel> models = FailoverStreamingChatModel.this.chain.models();

		private int index = -1;

		private ChainModel previous;

		private Throwable lastFailure;

		Failover(ChatRequest request, StreamingChatResponseHandler downstream, FailoverTurn turn) {
			this.request = request;
			this.downstream = downstream;
			this.turn = turn;
		}

		private boolean cancelled() {
			return this.turn != null && this.turn.isCancelled();
		}

		void nextModel() {
			ModelChain chain = FailoverStreamingChatModel.this.chain;
			while (true) {
				if (cancelled()) {
					return;
				}
				this.index++;
				if (this.index >= this.models.size()) {
					deliver(() -> this.downstream.onError(chain.unavailable(this.lastFailure)));
					return;
				}
				ChainModel model = this.models.get(this.index);
				if (this.previous != null) {
					chain.metrics().recordFailover(this.previous, model);
					logger.warn("Model '{}' cannot stream ({}); failing over to '{}'", this.previous.name(),
							(this.previous.lastError() != null) ? this.previous.lastError() : "circuit open",
							model.name());
				}
				this.previous = model;
				if (model.tryAcquirePermission()) {
					new Attempt(model, 1).begin();
					return;
				}
			}
		}

		void retryOrFailOver(ChainModel model, int attempt, Throwable failure) {
			ModelChain chain = FailoverStreamingChatModel.this.chain;
			this.lastFailure = failure;
			if (attempt < chain.policy().maxAttempts() && Failures.isTransient(failure)) {
				Duration backoff = chain.policy().backoff(attempt);
				logger.debug("Model '{}' failed before its first token ({}); retrying in {} ms", model.name(),
						model.lastError(), backoff.toMillis());
				Runnable retry = () -> {
					if (cancelled()) {
						return;
					}
					if (model.tryAcquirePermission()) {
						chain.metrics().recordRetry(model);
						new Attempt(model, attempt + 1).begin();
					}
					else {
						nextModel();
					}
				};
				try {
					chain.scheduler()
						.schedule(() -> chain.executor().execute(retry), backoff.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (RejectedExecutionException ex) {
					deliver(() -> this.downstream.onError(chain.unavailable(failure)));
				}
			}
			else {
				nextModel();
			}
		}

		void deliver(Runnable callback) {
			FailoverTurn.runWith(this.turn, () -> {
				try {
					callback.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A stream handler failed: {}: {}", ex.getClass().getName(), ex.getMessage());
					logger.debug("Stack trace of the stream handler failure", ex);
				}
			});
		}

		/**
		 * One attempt on one model.
		 */
		private final class Attempt implements StreamingChatResponseHandler, StreamingHandle {

			private final ChainModel model;

			private final int number;

			private final long start = System.nanoTime();

			private State state = State.WAITING;

			private ScheduledFuture<?> watchdog;

			private StreamingHandle providerHandle;

			private volatile boolean cancelled;

			Attempt(ChainModel model, int number) {
				this.model = model;
				this.number = number;
			}

			void begin() {
				Duration firstTokenTimeout = FailoverStreamingChatModel.this.chain.policy().firstTokenTimeout();
				synchronized (this) {
					arm(firstTokenTimeout, true);
				}
				if (Failover.this.turn != null) {
					Failover.this.turn.onCancel(this::cancel);
				}
				try {
					this.model.streamingChatModel().chat(Failover.this.request, this);
				}
				catch (RuntimeException ex) {
					onError(ex);
				}
			}

			@Override
			public void onPartialResponse(String partialResponse) {
				partial(partialResponse, null);
			}

			@Override
			public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
				partial(partialResponse.text(), (context != null) ? context.streamingHandle() : null);
			}

			private synchronized void partial(String text, StreamingHandle handle) {
				if (handle != null) {
					this.providerHandle = handle;
				}
				if (this.state == State.DONE || this.cancelled) {
					cancelProvider();
					return;
				}
				if (this.state == State.WAITING) {
					this.state = State.STREAMING;
					FailoverStreamingChatModel.this.chain.answered(Failover.this.turn, this.model);
				}
				arm(FailoverStreamingChatModel.this.chain.policy().idleTimeout(), false);
				deliver(() -> Failover.this.downstream.onPartialResponse(new PartialResponse(text),
						new PartialResponseContext(this)));
			}

			@Override
			public void onCompleteResponse(ChatResponse response) {
				synchronized (this) {
					if (this.state == State.DONE) {
						return;
					}
					if (this.state == State.WAITING && ModelChain.isEmpty(response)) {
						// e.g. a stream cut before its first token that ended without an
						// error
						onError(new EmptyAnswerException());
						return;
					}
					this.state = State.DONE;
					disarm();
				}
				if (this.cancelled) {
					this.model.releasePermission();
					return;
				}
				this.model.onSuccess(System.nanoTime() - this.start);
				FailoverStreamingChatModel.this.chain.answered(Failover.this.turn, this.model);
				ChatResponse relabelled = ModelChain.relabel(response, this.model);
				deliver(() -> {
					try {
						Failover.this.downstream.onCompleteResponse(relabelled);
					}
					catch (RuntimeException ex) {
						Failover.this.downstream.onError(ex);
					}
				});
			}

			@Override
			public void onError(Throwable error) {
				boolean streamed;
				synchronized (this) {
					if (this.state == State.DONE) {
						return;
					}
					streamed = this.state == State.STREAMING;
					this.state = State.DONE;
					disarm();
				}
				cancelProvider();
				if (this.cancelled) {
					this.model.releasePermission();
					return;
				}
				this.model.onError(System.nanoTime() - this.start, error);
				if (streamed) {
					logger.warn("Model '{}' failed after its first token ({}); the stream ends with an error",
							this.model.name(), this.model.lastError());
					ModelStreamException failure = new ModelStreamException(this.model.name(), Failures.describe(error),
							error);
					deliver(() -> Failover.this.downstream.onError(failure));
				}
				else {
					retryOrFailOver(this.model, this.number, error);
				}
			}

			/**
			 * Cancels this attempt on behalf of the caller: no callback reaches it
			 * afterwards and the provider's stream is closed when it allows.
			 */
			@Override
			public void cancel() {
				this.cancelled = true;
				boolean release;
				synchronized (this) {
					release = this.state != State.DONE;
					this.state = State.DONE;
					disarm();
				}
				cancelProvider();
				if (release) {
					this.model.releasePermission();
				}
			}

			@Override
			public boolean isCancelled() {
				return this.cancelled;
			}

			private void cancelProvider() {
				StreamingHandle handle = this.providerHandle;
				if (handle != null && !handle.isCancelled()) {
					try {
						handle.cancel();
					}
					catch (RuntimeException ex) {
						logger.debug("Cancelling the stream of model '{}' failed", this.model.name(), ex);
					}
				}
			}

			private void arm(Duration timeout, boolean firstToken) {
				disarm();
				if (timeout.isZero()) {
					return;
				}
				try {
					this.watchdog = FailoverStreamingChatModel.this.chain.scheduler()
						.schedule(
								() -> FailoverStreamingChatModel.this.chain.executor()
									.execute(() -> onError(new StreamTimeoutException(firstToken, timeout))),
								timeout.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (RejectedExecutionException ex) {
					// the chain is closing: no watchdog needed
				}
			}

			private void disarm() {
				if (this.watchdog != null) {
					this.watchdog.cancel(false);
					this.watchdog = null;
				}
			}

		}

	}

}
