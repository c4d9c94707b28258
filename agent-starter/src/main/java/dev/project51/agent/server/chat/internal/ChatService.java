package dev.project51.agent.server.chat.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.RetryAfter;
import dev.project51.agent.contract.Role;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.agent.server.failover.FailoverTurn;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.knowledge.internal.KnowledgeCitations;
import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.server.internal.logging.LogValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The turns of the agent's conversations: validates a message, serializes the turns of a
 * conversation (across the replicas that share the conversation store too, see
 * {@code ConversationLocks}), runs the turn on the {@link AgentAssistant} (whose models
 * are the failover chain), and records the visible transcript. Stored conversations are
 * read and managed by {@link ConversationService}, turns without one by
 * {@link DirectTurns}, a streamed turn's state is a {@link StreamedTurn}, and the request
 * rules and problems are {@link ChatRules}'. Every answer names the model that produced
 * it and whether it was degraded. Errors are thrown as {@link AgentProblemException}
 * (blocking) or reported to the listener as problems (streaming).
 *
 * @since 0.1.0
 */
public class ChatService {

	private static final Logger logger = LoggerFactory.getLogger(ChatService.class);

	private final AgentAssistant assistant;

	private final ModelChain chain;

	private final ConversationTranscript transcript;

	private final AgentChatMemoryProvider memories;

	private final ChatSettings settings;

	private final Clock clock;

	private final ConversationLocks locks;

	private final AsyncTaskExecutor executor;

	private final ScheduledExecutorService timers;

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	private final TransactionOperations transactions;

	/**
	 * Creates the service, observed.
	 * @param assistant the AI service
	 * @param chain the failover chain behind the assistant
	 * @param transcript the visible history
	 * @param memories the chat memories of the assistant
	 * @param settings the limits
	 * @param clock the clock of message timestamps
	 * @param observations where each turn is observed (a span), may be {@code null}
	 * @param meters where turns are counted, may be {@code null}
	 * @param leases the turn leases shared by the replicas of the conversation store (see
	 * {@code ConversationLocks}), or {@code null} for this process only
	 * @param leaseTime how long a turn lease lasts unless renewed (a dead replica's
	 * conversations are free again after it)
	 * @param executor runs the blocking turns; a turn it refuses is answered with the 503
	 * problem of an unavailable agent
	 * @param timers the timers of the turns and of their leases' renewals
	 * @param transactions transactions of the conversation store: a new conversation, its
	 * turn's lease and its first message are written in one
	 */
	public ChatService(AgentAssistant assistant, ModelChain chain, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, ChatSettings settings, Clock clock, ObservationRegistry observations,
			MeterRegistry meters, ConversationLeases leases, Duration leaseTime, AsyncTaskExecutor executor,
			ScheduledExecutorService timers, TransactionOperations transactions) {
		this.transactions = transactions;
		this.locks = new ConversationLocks(leases, leaseTime, timers);
		this.locks.registerWaiting(meters);
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
		this.meters = meters;
		this.assistant = assistant;
		this.chain = chain;
		this.transcript = transcript;
		this.memories = memories;
		this.settings = settings;
		this.clock = clock;
		this.executor = executor;
		this.timers = timers;
	}

	/**
	 * Answers a message of a conversation (a new one when the request has no id).
	 * @param request the request
	 * @return the answer
	 * @throws AgentProblemException for invalid requests, a busy conversation, no
	 * available model or a timeout
	 */
	public ChatReply chat(ChatRequest request) {
		return chat(request, ANONYMOUS);
	}

	/**
	 * Answers a message of a conversation of an end user (a new one when the request has
	 * no id).
	 * @param request the request
	 * @param owner the end user, {@code ""} for the API client itself
	 * @return the answer
	 * @throws AgentProblemException for invalid requests, a conversation that does not
	 * exist or belongs to someone else (404), a busy conversation, no available model or
	 * a timeout
	 */
	public ChatReply chat(ChatRequest request, String owner) {
		ChatRules.Target target = ChatRules.target(request, owner, this.transcript, this.settings.maxMessageLength());
		String conversationId = target.conversationId();
		ConversationLocks.Lease lease = beginTurn(target, owner, request.message(), () -> {
		});
		return runBlocking(conversationId, conversationId, OnceOptions.NONE,
				(turn) -> serviceAnswer(this.assistant.chat(conversationId, request.message())), lease)
			.reply();
	}

	/**
	 * Answers a message token by token. Validation, busy and availability errors are
	 * thrown before anything reaches the listener.
	 * @param request the request
	 * @param listener the receiver of the events
	 * @return the running turn
	 */
	public ChatTurn stream(ChatRequest request, ChatStreamListener listener) {
		return stream(request, ANONYMOUS, listener);
	}

	/**
	 * Answers a message of an end user's conversation token by token (see
	 * {@link #stream(ChatRequest, ChatStreamListener)}).
	 * @param request the request
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param listener the receiver of the events
	 * @return the running turn
	 */
	public ChatTurn stream(ChatRequest request, String owner, ChatStreamListener listener) {
		ChatRules.Target target = ChatRules.target(request, owner, this.transcript, this.settings.maxMessageLength());
		String conversationId = target.conversationId();
		if (target.isNew()) {
			requireAvailable();
		}
		ConversationLocks.Lease lease = beginTurn(target, owner, request.message(), this::requireAvailable);
		try {
			return runStreaming(conversationId, conversationId, OnceOptions.NONE, lease, listener, null,
					(streamed) -> streamService(streamed, conversationId, request.message()));
		}
		catch (RuntimeException ex) {
			lease.release();
			throw ex;
		}
	}

	void streamService(StreamedTurn streamed, String memoryId, String message) {
		TokenStream tokenStream = this.assistant.stream(memoryId, message);
		tokenStream.onRetrieved((contents) -> streamed.citations = KnowledgeCitations.of(contents))
			.onPartialResponse(streamed::onPartialResponse)
			.onCompleteResponse(streamed::onCompleteResponse)
			.onError(streamed::onError);
		streamed.startTimeout();
		tokenStream.start();
	}

	static Answer serviceAnswer(Result<String> result) {
		return new Answer(result.content(), result.finalResponse(), result.tokenUsage(),
				KnowledgeCitations.of(result.sources()));
	}

	/**
	 * The failover chain with the state of each model.
	 * @return the statuses, in chain order
	 */
	public List<ModelStatus> models() {
		return this.chain.statuses();
	}

	/**
	 * Called once this replica's name is known (host name and port): frees the turn
	 * leases its earlier runs held when they died, so that their conversations answer at
	 * once after a restart.
	 * @param replica the replica's name, unique among the live replicas
	 */
	public void replicaStarted(String replica) {
		int freed = this.locks.replicaStarted(replica);
		if (freed > 0) {
			logger.info("Freed {} conversation turn lease(s) left by an earlier run of this replica ({})", freed,
					LogValues.of(replica));
		}
	}

	ScheduledExecutorService timers() {
		return this.timers;
	}

	/**
	 * The limits of this service.
	 * @return the settings
	 */
	public ChatSettings settings() {
		return this.settings;
	}

	OnceReply runBlocking(String conversationId, String memoryId, OnceOptions options,
			Function<FailoverTurn, Answer> call, ConversationLocks.Lease lease) {
		long start = System.nanoTime();
		AtomicReference<FailoverTurn> turnRef = new AtomicReference<>();
		ChatTurnObservation observed = ChatTurnObservation.start(this.observations, this.meters,
				(conversationId != null) ? "v1" : "openai", "blocking");
		Future<OnceReply> future;
		try {
			future = this.executor.submit(() -> {
				try (Observation.Scope scope = observed.openScope();
						FailoverTurn turn = FailoverTurn.begin(options.firstModel(), options.parameters())) {
					turnRef.set(turn);
					Answer answer = call.apply(turn);
					ChatResponse response = answer.response();
					String model = turn.model().orElse((response != null) ? response.modelName() : null);
					boolean degraded = degraded(turn, model);
					String text = (answer.text() != null) ? answer.text() : "";
					String messageId = null;
					if (conversationId != null) {
						text = cut(text);
						messageId = recordAssistant(conversationId, text, model, degraded, answer.citations());
					}
					ChatReply reply = new ChatReply((conversationId != null) ? conversationId : memoryId, text, model,
							degraded, answer.citations(), (System.nanoTime() - start) / 1_000_000, messageId);
					return new OnceReply(reply, ChatRules.outcome(response, answer.usage()));
				}
				finally {
					if (lease != null) {
						lease.release();
					}
				}
			});
		}
		catch (RuntimeException ex) {
			if (lease != null) {
				lease.release();
			}
			observed.end("failed", null);
			throw (ex instanceof RejectedExecutionException) ? overloaded() : ex;
		}
		try {
			OnceReply once = future.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
			observed.end(once.reply().degraded() ? "degraded" : "answered", once.reply().model());
			return once;
		}
		catch (TimeoutException ex) {
			FailoverTurn turn = turnRef.get();
			if (turn != null) {
				turn.cancel();
			}
			future.cancel(true);
			observed.end("timeout", null);
			throw new AgentProblemException(ProblemType.TIMEOUT, "No answer within "
					+ this.settings.timeout().toSeconds() + " s; the models are slow or failing. Try again later.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			observed.end("cancelled", null);
			throw new AgentProblemException(ProblemType.INTERNAL, "The request was interrupted.");
		}
		catch (ExecutionException ex) {
			AgentProblemException problem = ChatRules.toProblemException(ex.getCause());
			observed.end(ChatRules.outcomeOf(problem), null);
			throw problem;
		}
	}

	boolean degraded(FailoverTurn turn, String model) {
		if (turn != null && turn.model().isPresent()) {
			return turn.degraded();
		}
		return (model != null) && this.chain.isDegraded(model);
	}

	ChatTurn runStreaming(String conversationId, String memoryId, OnceOptions options, ConversationLocks.Lease lease,
			ChatStreamListener listener, Runnable cleanup, Consumer<StreamedTurn> starter) {
		StreamedTurn streamed = new StreamedTurn(this, conversationId, memoryId, lease, listener, cleanup,
				ChatTurnObservation.start(this.observations, this.meters, (conversationId != null) ? "v1" : "openai",
						"stream"));
		try (Observation.Scope scope = streamed.observed.openScope();
				FailoverTurn turn = FailoverTurn.begin(options.firstModel(), options.parameters())) {
			streamed.turn = turn;
			starter.accept(streamed);
			streamed.startTimeout();
		}
		catch (RuntimeException ex) {
			streamed.onError(ex);
		}
		return streamed;
	}

	/** A turn refused because every thread of the executor is busy answering. */
	private static AgentProblemException overloaded() {
		return new AgentProblemException(ProblemType.MODELS_UNAVAILABLE,
				"The agent is answering as many messages as it can at once. Retry after 1 s.", List.of(),
				Duration.ofSeconds(1));
	}

	void requireAvailable() {
		if (!this.chain.isAvailable()) {
			Duration retryAfter = this.chain.retryAfter();
			throw new AgentProblemException(ProblemType.MODELS_UNAVAILABLE,
					"Every model of the chain is failing and waiting before its next probe. Retry after "
							+ RetryAfter.seconds(retryAfter) + " s.",
					List.of(), retryAfter);
		}
	}

	/**
	 * Begins a turn: creates the conversation of a first message, takes its turn and
	 * records the message, for a new conversation in one transaction of the store (one
	 * commit, and never a conversation without its first message). An existing
	 * conversation's turn may wait for another turn, so it is taken outside any
	 * transaction, then {@code whenTaken} runs.
	 */
	private ConversationLocks.Lease beginTurn(ChatRules.Target target, String owner, String message,
			Runnable whenTaken) {
		String conversationId = target.conversationId();
		AtomicReference<ConversationLocks.Lease> taken = new AtomicReference<>();
		try {
			if (!target.isNew()) {
				taken.set(acquire(conversationId));
				whenTaken.run();
				recordUser(conversationId, message);
				return taken.get();
			}
			return this.transactions.execute((transaction) -> {
				this.transcript.create(conversationId, owner, ChatRules.title(message), Instant.now(this.clock));
				taken.set(acquire(conversationId));
				recordUser(conversationId, message);
				return taken.get();
			});
		}
		catch (RuntimeException ex) {
			// Refused, rolled back or not committed: the turn ends before it began.
			ConversationLocks.Lease lease = taken.get();
			if (lease != null) {
				lease.release();
			}
			throw ex;
		}
	}

	/**
	 * An answer of at most the maximum answer length: a longer one is cut there and ends
	 * with the marker.
	 */
	String cut(String answer) {
		return ChatRules.cut(answer, this.settings.maxAnswerLength());
	}

	ConversationLocks.Lease acquire(String conversationId) {
		ConversationLocks.Lease lease;
		try {
			lease = this.locks.acquire(conversationId, this.settings.busyWait());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentProblemException(ProblemType.INTERNAL, "The request was interrupted.");
		}
		catch (ConversationLocks.ConversationGoneException ex) {
			throw ChatRules.notFound(conversationId);
		}
		if (lease == null) {
			throw new AgentProblemException(ProblemType.CONVERSATION_BUSY, "The conversation '" + conversationId
					+ "' is still answering a previous message. Wait for that answer, then send again.");
		}
		return lease;
	}

	private void recordUser(String conversationId, String message) {
		this.transcript.append(conversationId,
				new ConversationMessage(Role.USER, message, null, false, List.of(), Instant.now(this.clock)));
	}

	String recordAssistant(String conversationId, String text, String model, boolean degraded,
			List<Citation> citations) {
		return recordAssistant(conversationId, text, model, degraded, citations, false);
	}

	/** Records an answer; returns its message id. */
	String recordAssistant(String conversationId, String text, String model, boolean degraded, List<Citation> citations,
			boolean interrupted) {
		return this.transcript.append(conversationId, new ConversationMessage(Role.ASSISTANT, text, model, degraded,
				citations, Instant.now(this.clock), interrupted));
	}

	/**
	 * Keeps the response of a streamed turn alive while it is silent, with keep-alive
	 * comments every {@link ChatSettings#streamHeartbeat()} (the first one at once, which
	 * sends the response headers), and cancels the turn as soon as a write fails because
	 * the client went away, even while the model has not answered yet.
	 * @param events the response
	 * @param turn the turn
	 */
	public void keepAlive(SseEvents events, ChatTurn turn) {
		events.keepAlive(this.timers, this.settings.streamHeartbeat(), turn::cancel);
	}

	/** The owner of the conversations of the API client itself. */
	static final String ANONYMOUS = "";

	record Answer(String text, ChatResponse response, TokenUsage usage, List<Citation> citations) {

	}

}
