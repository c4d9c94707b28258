package dev.project51.agent.server.chat.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.failover.FailoverTurn;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of one streamed turn; every path to the end goes through {@link #finish()}
 * exactly once.
 */
final class StreamedTurn implements ChatTurn, StreamingChatResponseHandler {

	private static final Logger logger = LoggerFactory.getLogger(ChatService.class);

	private final ChatService service;

	private final String conversationId;

	private final String memoryId;

	private final ConversationLocks.Lease lease;

	private final ChatStreamListener listener;

	private final Runnable cleanup;

	private final long start = System.nanoTime();

	private final AtomicBoolean finished = new AtomicBoolean();

	private final StringBuilder text = new StringBuilder();

	volatile FailoverTurn turn;

	volatile List<Citation> citations = List.of();

	private volatile ScheduledFuture<?> timeout;

	private boolean metaSent;

	synchronized void startTimeout() {
		if (this.timeout != null || this.finished.get()) {
			return;
		}
		this.timeout = this.service.timers()
			.schedule(
					() -> onError(new AgentProblemException(ProblemType.TIMEOUT,
							"The answer took longer than " + this.service.settings().streamTimeout().toSeconds()
									+ " s.")),
					this.service.settings().streamTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	final ChatTurnObservation observed;

	StreamedTurn(ChatService service, String conversationId, String memoryId, ConversationLocks.Lease lease,
			ChatStreamListener listener, Runnable cleanup, ChatTurnObservation observed) {
		this.service = service;
		this.observed = observed;
		this.conversationId = conversationId;
		this.memoryId = memoryId;
		this.lease = lease;
		this.listener = listener;
		this.cleanup = cleanup;
	}

	@Override
	public String conversationId() {
		return (this.conversationId != null) ? this.conversationId : this.memoryId;
	}

	@Override
	public synchronized void onPartialResponse(String token) {
		if (this.finished.get()) {
			return;
		}
		sendMeta(null);
		int room = this.service.settings().maxAnswerLength() - this.text.length();
		if (this.conversationId != null && token.length() > room) {
			completeCut(token.substring(0, Math.max(0, room)));
			return;
		}
		this.text.append(token);
		this.listener.onToken(token);
	}

	/**
	 * Ends an answer that reached the maximum length: the part that fits and the marker
	 * are its last token, the model's stream is cancelled, and the cut answer is recorded
	 * and reported as done.
	 */
	private void completeCut(String fits) {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		FailoverTurn current = this.turn;
		if (current != null) {
			// Not from the model's own callback thread.
			this.service.timers().execute(current::cancel);
		}
		String piece = (!fits.isEmpty() && Character.isHighSurrogate(fits.charAt(fits.length() - 1)))
				? fits.substring(0, fits.length() - 1) : fits;
		piece += AgentApi.ANSWER_CUT_MARKER;
		this.text.append(piece);
		this.listener.onToken(piece);
		try {
			String model = model(null);
			boolean degraded = this.service.degraded(this.turn, model);
			String messageId = (this.conversationId != null) ? this.service.recordAssistant(this.conversationId,
					this.text.toString(), model, degraded, this.citations) : null;
			this.listener.onDone(new StreamEvent.Done(this.text.toString(), model, degraded, this.citations,
					(System.nanoTime() - this.start) / 1_000_000, messageId), ChatRules.outcome(null, null));
		}
		catch (RuntimeException ex) {
			this.listener.onError(ChatRules.toProblemException(ex).toProblem(null));
		}
		finish();
	}

	/**
	 * Records the text sent so far as an interrupted answer, so that the history shows
	 * what the user saw, marked as incomplete.
	 */
	private void recordInterrupted() {
		if (this.conversationId == null || this.text.length() == 0) {
			return;
		}
		try {
			String model = model(null);
			this.service.recordAssistant(this.conversationId, this.text.toString(), model,
					this.service.degraded(this.turn, model), this.citations, true);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the interrupted answer of conversation '{}': {}", this.conversationId,
					ex.toString());
		}
	}

	@Override
	public void onCompleteResponse(ChatResponse response) {
		synchronized (this) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			try {
				String model = model(response);
				boolean degraded = this.service.degraded(this.turn, model);
				sendMeta(response);
				String reply = (response.aiMessage().text() != null) ? response.aiMessage().text()
						: this.text.toString();
				if (this.conversationId != null) {
					reply = this.service.cut(reply);
				}
				if (this.text.length() == 0 && !reply.isEmpty()) {
					// a model that answered without streaming its text
					this.listener.onToken(reply);
				}
				String messageId = null;
				if (this.conversationId != null) {
					messageId = this.service.recordAssistant(this.conversationId, reply, model, degraded,
							this.citations);
				}
				this.listener.onDone(
						new StreamEvent.Done(reply, model, degraded, this.citations,
								(System.nanoTime() - this.start) / 1_000_000, messageId),
						ChatRules.outcome(response, null));
				this.observed.end(degraded ? "degraded" : "answered", model);
			}
			catch (RuntimeException ex) {
				this.observed.end("failed", null);
				this.listener.onError(ChatRules.toProblemException(ex).toProblem(null));
			}
		}
		finish();
	}

	@Override
	public void onError(Throwable failure) {
		synchronized (this) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			FailoverTurn current = this.turn;
			if (current != null) {
				current.cancel();
			}
			if (this.text.length() > 0) {
				// The user has seen part of the answer: whatever stopped it, it is
				// kept as interrupted.
				recordInterrupted();
				this.observed.end("interrupted", model(null));
				this.listener.onError(ChatRules.interrupted().toProblem(null));
			}
			else {
				AgentProblemException problem = ChatRules.toProblemException(failure);
				this.observed.end(ChatRules.outcomeOf(problem), null);
				this.listener.onError(problem.toProblem(null));
			}
		}
		finish();
	}

	@Override
	public void cancel() {
		if (this.finished.compareAndSet(false, true)) {
			FailoverTurn current = this.turn;
			if (current != null) {
				current.cancel();
			}
			synchronized (this) {
				recordInterrupted();
			}
			this.observed.end("cancelled", model(null));
			finish();
		}
	}

	private void sendMeta(ChatResponse response) {
		if (!this.metaSent) {
			this.metaSent = true;
			String model = model(response);
			this.listener
				.onMeta(new StreamEvent.Meta(conversationId(), model, this.service.degraded(this.turn, model)));
		}
	}

	private String model(ChatResponse response) {
		FailoverTurn current = this.turn;
		Optional<String> model = (current != null) ? current.model() : Optional.empty();
		return model.orElse((response != null) ? response.modelName() : null);
	}

	private void finish() {
		ScheduledFuture<?> timer = this.timeout;
		if (timer != null) {
			timer.cancel(false);
		}
		if (this.lease != null) {
			this.lease.release();
		}
		if (this.cleanup != null) {
			this.cleanup.run();
		}
	}

}
