package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt on one model: a streamed call watched by two deadlines. Until the model
 * shows any sign of progress (text, thinking or a tool call) the attempt must make it
 * before the model's first-token deadline; afterwards it may be silent for at most the
 * idle timeout. An in-process model (the local model) is not watched: it cannot hang on a
 * network, and it is the chain's last resort. Either watchdog, a failure of the model, or
 * {@link #abort()} ends the attempt; whatever happens, exactly one of
 * {@link Outcome#succeeded}, {@link Outcome#failed} or nothing (after an abort) is
 * reported, and the provider's exchange is closed.
 * <p>
 * While the provider model is being called, the attempt is bound to the calling thread
 * ({@link #current()}), so that the {@link ProviderHttpClient} can register its exchange
 * for aborting.
 */
final class ModelCall implements StreamingChatResponseHandler, StreamingHandle {

	private static final Logger logger = LoggerFactory.getLogger(ModelCall.class);

	private static final ThreadLocal<ModelCall> CURRENT = new ThreadLocal<>();

	private final ModelChain chain;

	private final ChainModel model;

	private final ChatRequest request;

	private final long firstTokenDeadline;

	private final Outcome outcome;

	private final long start = System.nanoTime();

	private final List<Runnable> abortActions = new ArrayList<>();

	private State state = State.WAITING;

	private long firstProgress;

	private boolean textSent;

	private ScheduledFuture<?> watchdog;

	private StreamingHandle providerHandle;

	private final Observation observation;

	/**
	 * An attempt.
	 * @param firstTokenDeadline {@link System#nanoTime()} by which the model must show
	 * progress
	 * @param name the observation's name, {@link AttemptObservations#ATTEMPT} or
	 * {@link AttemptObservations#PROBE}
	 * @param parent the observation of the caller, may be {@code null}
	 * @param attempt the number of the attempt within its call, from 1; 0 for a probe
	 */
	ModelCall(ModelChain chain, ChainModel model, ChatRequest request, long firstTokenDeadline, Outcome outcome,
			String name, Observation parent, int attempt) {
		this.chain = chain;
		this.model = model;
		this.request = request;
		this.firstTokenDeadline = firstTokenDeadline;
		this.outcome = outcome;
		this.observation = AttemptObservations.create(name, chain.observations(), model, parent, attempt);
	}

	/**
	 * The observation of this attempt: the parent of its provider exchanges.
	 * @return the observation, a no-op one when nothing observes the chain
	 */
	Observation observation() {
		return this.observation;
	}

	/**
	 * Where the chain reports what it observes.
	 * @return the registry
	 */
	ObservationRegistry observations() {
		return this.chain.observations();
	}

	/**
	 * The attempt whose provider call runs on the current thread.
	 * @return the attempt, or {@code null}
	 */
	static ModelCall current() {
		return CURRENT.get();
	}

	ChainModel model() {
		return this.model;
	}

	/**
	 * Starts the attempt: streams, or for blocking calls of an in-process model, calls.
	 */
	void start(boolean blocking) {
		this.observation.start();
		synchronized (this) {
			armFirstToken();
		}
		if (blocking && this.model.isInProcess()) {
			try {
				this.chain.executor().execute(this::callInProcess);
			}
			catch (RejectedExecutionException ex) {
				onError(new IllegalStateException("the model chain is closed"));
			}
			return;
		}
		ModelCall previous = CURRENT.get();
		CURRENT.set(this);
		try (Observation.Scope scope = this.observation.openScope()) {
			this.model.streamingChatModel().chat(this.request, this);
		}
		catch (RuntimeException ex) {
			onError(ex);
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	private void callInProcess() {
		try (Observation.Scope scope = this.observation.openScope()) {
			ChatResponse response = this.model.inProcessChatModel().chat(this.request);
			progress();
			onCompleteResponse(response);
		}
		catch (RuntimeException ex) {
			onError(ex);
		}
	}

	/**
	 * Registers what closes the provider's exchange of this attempt; runs it at once if
	 * the attempt is already over.
	 */
	void onAbort(Runnable action) {
		boolean over;
		synchronized (this) {
			over = this.state == State.DONE;
			if (!over) {
				this.abortActions.add(action);
			}
		}
		if (over) {
			action.run();
		}
	}

	@Override
	public void onPartialResponse(String partialResponse) {
		text(partialResponse, null);
	}

	@Override
	public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
		text(partialResponse.text(), (context != null) ? context.streamingHandle() : null);
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking) {
		progress();
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
		handle((context != null) ? context.streamingHandle() : null);
		progress();
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall) {
		progress();
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
		handle((context != null) ? context.streamingHandle() : null);
		progress();
	}

	@Override
	public void onCompleteToolCall(CompleteToolCall completeToolCall) {
		progress();
	}

	private void text(String text, StreamingHandle handle) {
		handle(handle);
		if (text == null || text.isEmpty()) {
			return;
		}
		boolean first;
		synchronized (this) {
			if (this.state == State.DONE) {
				return;
			}
			first = !this.textSent;
			this.textSent = true;
			if (this.firstProgress == 0) {
				this.firstProgress = System.nanoTime();
				this.observation.event(AttemptObservations.FIRST_TOKEN);
			}
			this.state = State.PROGRESSING;
			armIdle();
		}
		this.outcome.token(this, text, first);
	}

	private void progress() {
		synchronized (this) {
			if (this.state == State.DONE) {
				return;
			}
			if (this.firstProgress == 0) {
				this.firstProgress = System.nanoTime();
			}
			this.state = State.PROGRESSING;
			armIdle();
		}
	}

	private synchronized void handle(StreamingHandle handle) {
		if (handle != null && this.providerHandle == null) {
			this.providerHandle = handle;
			this.abortActions.add(() -> {
				if (!handle.isCancelled()) {
					handle.cancel();
				}
			});
		}
	}

	@Override
	public void onCompleteResponse(ChatResponse response) {
		if (ModelChain.isEmpty(response) && !(this.model.isInProcess() && response != null
				&& response.aiMessage() != null && response.finishReason() != null)) {
			// e.g. a stream cut before its first token that ended without an error (an
			// in-process model may answer nothing on purpose: cut at a stop sequence)
			onError(new EmptyAnswerException());
			return;
		}
		if (response.finishReason() == null && !this.model.isInProcess()) {
			// LangChain4j's OpenAI and Gemini clients report a stream that broke off (an
			// error chunk, a dropped connection) as complete, with the text so far and no
			// finish reason: it is not a complete answer.
			onError(new IncompleteAnswerException());
			return;
		}
		long firstTokenNanos;
		synchronized (this) {
			if (this.state == State.DONE) {
				return;
			}
			if (this.firstProgress == 0) {
				this.firstProgress = System.nanoTime();
			}
			firstTokenNanos = this.firstProgress - this.start;
			finish();
		}
		AttemptObservations.end(this.observation, "success", null);
		this.outcome.succeeded(this, response, firstTokenNanos);
	}

	@Override
	public void onError(Throwable error) {
		boolean progressed;
		synchronized (this) {
			if (this.state == State.DONE) {
				return;
			}
			progressed = this.firstProgress != 0;
			finish();
		}
		closeExchange();
		AttemptObservations.end(this.observation, "failure", error);
		this.outcome.failed(this, error, System.nanoTime() - this.start, progressed);
	}

	/**
	 * Ends the attempt on behalf of the caller: nothing more is reported and the
	 * provider's exchange is closed.
	 */
	void abort() {
		synchronized (this) {
			if (this.state == State.DONE) {
				return;
			}
			finish();
		}
		closeExchange();
		AttemptObservations.end(this.observation, "cancelled", null);
	}

	@Override
	public void cancel() {
		abort();
	}

	@Override
	public synchronized boolean isCancelled() {
		return this.state == State.DONE;
	}

	/** Holds the lock. */
	private void finish() {
		this.state = State.DONE;
		disarm();
	}

	private void closeExchange() {
		List<Runnable> actions;
		synchronized (this) {
			actions = new ArrayList<>(this.abortActions);
			this.abortActions.clear();
		}
		for (Runnable action : actions) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the exchange with model '{}' failed", this.model.name(), ex);
			}
		}
	}

	private void armFirstToken() {
		if (this.model.isInProcess()) {
			// An in-process model cannot hang on a network; cutting it off on a busy
			// machine would leave the chain without its last model.
			return;
		}
		long delay = Math.max(0, this.firstTokenDeadline - System.nanoTime());
		Duration budget = this.chain.policy().firstTokenTimeout();
		arm(delay, () -> onError(StreamTimeoutException.firstToken(budget)));
	}

	private void armIdle() {
		if (this.model.isInProcess()) {
			return;
		}
		Duration idle = this.chain.policy().idleTimeout();
		arm(idle.toNanos(), () -> onError(StreamTimeoutException.idle(idle)));
	}

	/** Holds the lock. */
	private void arm(long delayNanos, Runnable timeout) {
		disarm();
		try {
			this.watchdog = this.chain.scheduler()
				.schedule(() -> this.chain.executor().execute(timeout), delayNanos, TimeUnit.NANOSECONDS);
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

	@Override
	public String toString() {
		return "ModelCall[" + this.model.name() + ", " + this.state + "]";
	}

	private enum State {

		/** No sign of progress yet: the first-token deadline runs. */
		WAITING,

		/** Text, thinking or a tool call arrived: the idle timeout runs. */
		PROGRESSING,

		/** Over: succeeded, failed or aborted. */
		DONE

	}

	/**
	 * Receives what an attempt produced. Callbacks never overlap for one attempt, and
	 * none comes after the attempt was aborted.
	 */
	interface Outcome {

		/**
		 * A piece of the answer's text.
		 * @param call the attempt
		 * @param text the text
		 * @param first whether it is the first piece
		 */
		void token(ModelCall call, String text, boolean first);

		/**
		 * The model answered.
		 * @param call the attempt
		 * @param response its answer
		 * @param firstTokenNanos how long its first token (or the answer) took
		 */
		void succeeded(ModelCall call, ChatResponse response, long firstTokenNanos);

		/**
		 * The attempt failed (a watchdog fired, or the model failed).
		 * @param call the attempt
		 * @param failure the failure
		 * @param nanos how long the attempt ran
		 * @param progressed whether the model had shown progress
		 */
		void failed(ModelCall call, Throwable failure, long nanos, boolean progressed);

	}

}
