package dev.project51.agent.server.chat.internal;

import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.knowledge.internal.KnowledgeContentInjector;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.Citation;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationRename;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;
import dev.project51.agent.contract.StreamEvent;
import dev.project51.agent.server.failover.FailoverTurn;
import dev.project51.agent.server.failover.ModelChain;
import dev.project51.agent.server.failover.ModelStreamException;
import dev.project51.agent.server.failover.ModelsUnavailableException;
import dev.project51.agent.server.knowledge.internal.KnowledgeCitations;
import dev.project51.agent.server.memory.ConversationLeases;
import dev.project51.agent.server.memory.ConversationTranscript;
import dev.project51.agent.server.problem.internal.AgentProblemException;
import dev.project51.agent.server.chat.AgentAssistant;
import dev.project51.server.internal.logging.LogValues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's conversations: validates a message, serializes the turns of a conversation
 * (across the replicas that share the conversation store too, see
 * {@code ConversationLocks}), runs the turn on the {@link AgentAssistant} (whose models
 * are the failover chain), and records the visible transcript. Every answer names the
 * model that produced it and whether it was degraded. Errors are thrown as
 * {@link AgentProblemException} (blocking) or reported to the listener as problems
 * (streaming).
 *
 * @since 0.1.0
 */
public class ChatService implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ChatService.class);

	private final AgentAssistant assistant;

	private final ModelChain chain;

	private final ConversationTranscript transcript;

	private final AgentChatMemoryProvider memories;

	private final ChatSettings settings;

	private final Clock clock;

	private final ConversationLocks locks;

	private final ExecutorService executor;

	private final ScheduledExecutorService timers;

	private final KnowledgeContentRetriever retriever;

	private final String systemPrompt;

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	/**
	 * Creates the service.
	 * @param assistant the AI service
	 * @param chain the failover chain behind the assistant
	 * @param transcript the visible history
	 * @param memories the chat memories of the assistant
	 * @param settings the limits
	 * @param clock the clock of message timestamps
	 */
	public ChatService(AgentAssistant assistant, ModelChain chain, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, ChatSettings settings, Clock clock) {
		this(assistant, chain, transcript, memories, settings, clock, null, "");
	}

	/**
	 * Creates the service, able to answer requests with client tools too: those go to the
	 * chain directly, with the agent's system prompt and retrieved knowledge.
	 * @param assistant the AI service
	 * @param chain the failover chain behind the assistant
	 * @param transcript the visible history
	 * @param memories the chat memories of the assistant
	 * @param settings the limits
	 * @param clock the clock of message timestamps
	 * @param retriever the knowledge of direct requests, or {@code null} for none
	 * @param systemPrompt the agent's system prompt for direct requests
	 */
	public ChatService(AgentAssistant assistant, ModelChain chain, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, ChatSettings settings, Clock clock, KnowledgeContentRetriever retriever,
			String systemPrompt) {
		this(assistant, chain, transcript, memories, settings, clock, retriever, systemPrompt, ObservationRegistry.NOOP,
				null);
	}

	/**
	 * Creates the service, observed, serializing the turns of a conversation in this
	 * process only.
	 * @param assistant the AI service
	 * @param chain the failover chain behind the assistant
	 * @param transcript the visible history
	 * @param memories the chat memories of the assistant
	 * @param settings the limits
	 * @param clock the clock of message timestamps
	 * @param retriever the knowledge of direct requests, or {@code null} for none
	 * @param systemPrompt the agent's system prompt for direct requests
	 * @param observations where each turn is observed (a span), may be {@code null}
	 * @param meters where turns are counted, may be {@code null}
	 */
	public ChatService(AgentAssistant assistant, ModelChain chain, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, ChatSettings settings, Clock clock, KnowledgeContentRetriever retriever,
			String systemPrompt, ObservationRegistry observations, MeterRegistry meters) {
		this(assistant, chain, transcript, memories, settings, clock, retriever, systemPrompt, observations, meters,
				null, null);
	}

	/**
	 * Creates the service, observed.
	 * @param assistant the AI service
	 * @param chain the failover chain behind the assistant
	 * @param transcript the visible history
	 * @param memories the chat memories of the assistant
	 * @param settings the limits
	 * @param clock the clock of message timestamps
	 * @param retriever the knowledge of direct requests, or {@code null} for none
	 * @param systemPrompt the agent's system prompt for direct requests
	 * @param observations where each turn is observed (a span), may be {@code null}
	 * @param meters where turns are counted, may be {@code null}
	 * @param leases the turn leases shared by the replicas of the conversation store (see
	 * {@code ConversationLocks}), or {@code null} for this process only
	 * @param leaseTime how long a turn lease lasts unless renewed (a dead replica's
	 * conversations are free again after it)
	 */
	public ChatService(AgentAssistant assistant, ModelChain chain, ConversationTranscript transcript,
			AgentChatMemoryProvider memories, ChatSettings settings, Clock clock, KnowledgeContentRetriever retriever,
			String systemPrompt, ObservationRegistry observations, MeterRegistry meters, ConversationLeases leases,
			Duration leaseTime) {
		this.locks = new ConversationLocks(leases, leaseTime);
		if (meters != null) {
			Gauge.builder("project51.agent.chat.turns.waiting", this.locks, ConversationLocks::waiting)
				.description("Turns of this replica waiting for their conversation (held by another turn, here or on"
						+ " another replica)")
				.register(meters);
		}
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
		this.meters = meters;
		this.retriever = retriever;
		this.systemPrompt = systemPrompt;
		this.assistant = assistant;
		this.chain = chain;
		this.transcript = transcript;
		this.memories = memories;
		this.settings = settings;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "project51-chat-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.timers = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "project51-chat-timer");
			thread.setDaemon(true);
			return thread;
		});
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
		Target target = target(request, owner);
		String conversationId = target.conversationId();
		start(target, owner, request.message());
		ConversationLocks.Lease lease = acquire(conversationId);
		try {
			recordUser(conversationId, request.message());
		}
		catch (RuntimeException ex) {
			lease.release();
			throw ex;
		}
		return runBlocking(conversationId, conversationId, OnceOptions.NONE,
				(turn) -> serviceAnswer(this.assistant.chat(conversationId, request.message())), lease)
			.reply();
	}

	/**
	 * Answers a message without a stored conversation: the history comes with the request
	 * (the OpenAI-compatible endpoint), and the agent's tools, knowledge and memory
	 * window apply.
	 * @param history earlier user and assistant messages, oldest first
	 * @param message the new user message
	 * @param options the client's choices
	 * @return the answer; its conversation id is the ephemeral memory id
	 */
	public OnceReply chatOnce(List<ChatMessage> history, String message, OnceOptions options) {
		validateMessage(message, "messages");
		String memoryId = seedEphemeral(history, options.systemText());
		try {
			return runBlocking(null, memoryId, options, (turn) -> serviceAnswer(this.assistant.chat(memoryId, message)),
					null);
		}
		finally {
			this.memories.dropEphemeral(memoryId);
		}
	}

	/**
	 * Answers a request that offers the client's own tools, or continues a conversation
	 * with them: the messages go to the failover chain directly (never through the
	 * agent's tool loop, so the agent executes none of the client's tools), after the
	 * agent's system prompt and with the knowledge retrieved for the last user message.
	 * The model's tool calls come back in the outcome.
	 * @param messages the conversation as the client sent it (user, assistant with tool
	 * calls, tool results), without system messages
	 * @param options the client's choices, its tools in the parameters
	 * @return the answer
	 */
	public OnceReply completeOnce(List<ChatMessage> messages, OnceOptions options) {
		String memoryId = AgentChatMemoryProvider.EPHEMERAL_PREFIX + "openai-" + UUID.randomUUID();
		return runBlocking(null, memoryId, options, (turn) -> {
			Prepared prepared = prepare(messages, options.systemText());
			ChatResponse response = this.chain.chatModel()
				.chat(dev.langchain4j.model.chat.request.ChatRequest.builder().messages(prepared.messages()).build());
			return new Answer(response.aiMessage().text(), response, response.tokenUsage(), prepared.citations());
		}, null);
	}

	/**
	 * Streams the answer to a request with client tools (see {@link #completeOnce}).
	 * @param messages the conversation as the client sent it, without system messages
	 * @param options the client's choices
	 * @param listener the receiver of the events
	 * @return the running turn
	 */
	public ChatTurn streamCompleteOnce(List<ChatMessage> messages, OnceOptions options, ChatStreamListener listener) {
		requireAvailable();
		String memoryId = AgentChatMemoryProvider.EPHEMERAL_PREFIX + "openai-" + UUID.randomUUID();
		return runStreaming(null, memoryId, options, null, listener, null, (streamed) -> {
			Prepared prepared = prepare(messages, options.systemText());
			streamed.citations = prepared.citations();
			this.chain.streamingChatModel()
				.chat(dev.langchain4j.model.chat.request.ChatRequest.builder().messages(prepared.messages()).build(),
						new StreamingChatResponseHandler() {

							@Override
							public void onPartialResponse(String partialResponse) {
								streamed.token(partialResponse);
							}

							@Override
							public void onCompleteResponse(ChatResponse response) {
								streamed.complete(response);
							}

							@Override
							public void onError(Throwable error) {
								streamed.fail(error);
							}

						});
		});
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
		Target target = target(request, owner);
		String conversationId = target.conversationId();
		if (target.isNew()) {
			requireAvailable();
			start(target, owner, request.message());
		}
		ConversationLocks.Lease lease = acquire(conversationId);
		try {
			if (!target.isNew()) {
				requireAvailable();
			}
			recordUser(conversationId, request.message());
			return runStreaming(conversationId, conversationId, OnceOptions.NONE, lease, listener, null,
					(streamed) -> streamService(streamed, conversationId, request.message()));
		}
		catch (RuntimeException ex) {
			lease.release();
			throw ex;
		}
	}

	/**
	 * Streams the answer to a message without a stored conversation (the
	 * OpenAI-compatible endpoint).
	 * @param history earlier user and assistant messages, oldest first
	 * @param message the new user message
	 * @param options the client's choices
	 * @param listener the receiver of the events
	 * @return the running turn
	 */
	public ChatTurn streamOnce(List<ChatMessage> history, String message, OnceOptions options,
			ChatStreamListener listener) {
		validateMessage(message, "messages");
		requireAvailable();
		String memoryId = seedEphemeral(history, options.systemText());
		try {
			return runStreaming(null, memoryId, options, null, listener, () -> this.memories.dropEphemeral(memoryId),
					(streamed) -> streamService(streamed, memoryId, message));
		}
		catch (RuntimeException ex) {
			this.memories.dropEphemeral(memoryId);
			throw ex;
		}
	}

	private void streamService(StreamedTurn streamed, String memoryId, String message) {
		TokenStream tokenStream = this.assistant.stream(memoryId, message);
		tokenStream.onRetrieved((contents) -> streamed.citations = KnowledgeCitations.of(contents))
			.onPartialResponse(streamed::token)
			.onCompleteResponse(streamed::complete)
			.onError(streamed::fail);
		streamed.startTimeout();
		tokenStream.start();
	}

	private static Answer serviceAnswer(Result<String> result) {
		return new Answer(result.content(), result.finalResponse(), result.tokenUsage(),
				KnowledgeCitations.of(result.sources()));
	}

	/**
	 * The messages of a direct request: the agent's system prompt (with the client's
	 * instructions), then the client's messages with the passages retrieved for the last
	 * user message appended to it.
	 */
	private Prepared prepare(List<ChatMessage> messages, String systemText) {
		List<ChatMessage> prepared = new ArrayList<>();
		String system = (systemText != null && !systemText.isEmpty())
				? AgentChatMemoryProvider.withClientInstructions(this.systemPrompt, systemText) : this.systemPrompt;
		if (system != null && !system.isBlank()) {
			prepared.add(SystemMessage.from(system));
		}
		int lastUser = -1;
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i) instanceof UserMessage) {
				lastUser = i;
			}
		}
		List<Content> contents = List.of();
		if (lastUser >= 0 && this.retriever != null && messages.get(lastUser) instanceof UserMessage user
				&& user.hasSingleText() && !isBlank(user.singleText())) {
			contents = this.retriever.retrieve(Query.from(user.singleText()));
		}
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			prepared.add((i == lastUser) ? INJECTOR.inject(contents, message) : message);
		}
		return new Prepared(prepared, KnowledgeCitations.of(contents));
	}

	/**
	 * The latest page of the visible history of a conversation of the API client itself.
	 * @param conversationId the id
	 * @return the conversation's latest page
	 * @throws AgentProblemException if the id is malformed or the conversation unknown
	 */
	public Conversation conversation(String conversationId) {
		return conversation(conversationId, ANONYMOUS, null, AgentApi.DEFAULT_PAGE_SIZE);
	}

	/**
	 * A page of the visible history of an end user's conversation.
	 * @param conversationId the id
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param before the cursor of the page after the wanted one, or {@code null} for the
	 * latest page
	 * @param limit the most messages
	 * @return the page
	 * @throws AgentProblemException if an argument is malformed (400), or the
	 * conversation is unknown or someone else's (404)
	 */
	public Conversation conversation(String conversationId, String owner, String before, int limit) {
		validateConversationId(conversationId);
		validatePage(before, AgentApi.BEFORE_PARAMETER, limit);
		requireOwned(conversationId, owner);
		Conversation page;
		try {
			page = this.transcript.page(conversationId, before, limit, AgentApi.MAX_PAGE_TEXT_LENGTH)
				.orElseThrow(() -> notFound(conversationId));
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor(AgentApi.BEFORE_PARAMETER);
		}
		List<ConversationMessage> messages = page.messages()
			.stream()
			.map((message) -> (message.text() != null && message.text().length() > this.settings.maxAnswerLength())
					? new ConversationMessage(message.role(), cut(message.text()), message.model(), message.degraded(),
							message.citations(), message.at(), message.interrupted(), message.id(), message.feedback())
					: message)
			.toList();
		return new Conversation(page.conversationId(), messages, page.title(), page.earlier());
	}

	/**
	 * A page of an end user's conversations, the most recently active first.
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param cursor the cursor of the page before, or {@code null} for the first page
	 * @param limit the most conversations
	 * @return the page
	 * @throws AgentProblemException if an argument is malformed (400)
	 */
	public ConversationList conversations(String owner, String cursor, int limit) {
		validatePage(cursor, AgentApi.CURSOR_PARAMETER, limit);
		try {
			return this.transcript.list(owner, cursor, limit);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor(AgentApi.CURSOR_PARAMETER);
		}
	}

	/**
	 * Renames an end user's conversation.
	 * @param conversationId the id
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param rename the new title
	 * @return the renamed conversation
	 * @throws AgentProblemException if the title is invalid (400), or the conversation is
	 * unknown or someone else's (404)
	 */
	public ConversationSummary renameConversation(String conversationId, String owner, ConversationRename rename) {
		validateConversationId(conversationId);
		String title = (rename != null && rename.title() != null) ? rename.title().strip() : "";
		if (isBlank(title) || title.length() > AgentApi.MAX_TITLE_LENGTH
				|| title.chars().anyMatch((c) -> c < ' ' || c == 0x7f)) {
			throw invalid("title",
					"must be 1 to " + AgentApi.MAX_TITLE_LENGTH + " characters without control characters",
					"The title must be 1 to " + AgentApi.MAX_TITLE_LENGTH
							+ " characters on one line; send {\"title\": \"...\"}.");
		}
		requireOwned(conversationId, owner);
		return this.transcript.rename(conversationId, title, Instant.now(this.clock))
			.orElseThrow(() -> notFound(conversationId));
	}

	/**
	 * Stores an end user's rating of an answer of their conversation, and counts a change
	 * of rating in {@value #FEEDBACK_METER} (tags {@code rating} and {@code model}):
	 * setting the same rating again changes and counts nothing.
	 * @param conversationId the id
	 * @param messageId the answer's id
	 * @param owner the end user, {@code ""} for the API client itself
	 * @param feedback the rating
	 * @throws AgentProblemException if an argument is malformed (400), or the
	 * conversation is unknown or someone else's, or has no such answer (404)
	 */
	public void rateMessage(String conversationId, String messageId, String owner, MessageFeedback feedback) {
		validateConversationId(conversationId);
		if (!AgentApi.isValidMessageId(messageId)) {
			throw invalid("messageId", "must match " + AgentApi.MESSAGE_ID.pattern(),
					"The message id is malformed: send back the id the agent returned with the answer.");
		}
		String rating = (feedback != null) ? feedback.rating() : null;
		if (!MessageFeedback.isValidRating(rating)) {
			throw invalid("rating", "must be one of up, down, none",
					"The rating must be \"up\", \"down\" or \"none\"; send {\"rating\": \"up\"}.");
		}
		requireOwned(conversationId, owner);
		ConversationMessage before = this.transcript
			.rate(conversationId, messageId, MessageFeedback.NONE.equals(rating) ? null : rating)
			.orElseThrow(() -> new AgentProblemException(ProblemType.NOT_FOUND, "The conversation '" + conversationId
					+ "' has no answer '" + messageId + "' to rate; rate an answer the agent returned."));
		String previous = (before.feedback() != null) ? before.feedback() : MessageFeedback.NONE;
		if (!previous.equals(rating) && this.meters != null) {
			this.meters
				.counter(FEEDBACK_METER, "rating", rating, "model",
						(before.model() != null) ? before.model() : "unknown")
				.increment();
		}
	}

	/**
	 * Forgets a conversation of the API client itself: its history and its model memory.
	 * Idempotent.
	 * @param conversationId the id
	 */
	public void deleteConversation(String conversationId) {
		deleteConversation(conversationId, ANONYMOUS);
	}

	/**
	 * Forgets an end user's conversation: its history and its model memory. Idempotent; a
	 * conversation of someone else stays as it is.
	 * @param conversationId the id
	 * @param owner the end user, {@code ""} for the API client itself
	 */
	public void deleteConversation(String conversationId, String owner) {
		validateConversationId(conversationId);
		if (!owner.equals(this.transcript.owner(conversationId).orElse(null))) {
			return;
		}
		ConversationLocks.Lease lease;
		try {
			lease = acquire(conversationId);
		}
		catch (AgentProblemException ex) {
			if (ex.type() == ProblemType.NOT_FOUND) {
				return;
			}
			throw ex;
		}
		try {
			this.transcript.delete(conversationId);
			this.memories.delete(conversationId);
		}
		finally {
			lease.release();
		}
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

	/**
	 * The limits of this service.
	 * @return the settings
	 */
	public ChatSettings settings() {
		return this.settings;
	}

	@Override
	public void close() {
		this.locks.close();
		this.executor.shutdownNow();
		this.timers.shutdownNow();
	}

	private OnceReply runBlocking(String conversationId, String memoryId, OnceOptions options,
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
					return new OnceReply(reply, outcome(response, answer.usage()));
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
			throw ex;
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
			AgentProblemException problem = toProblemException(ex.getCause());
			observed.end(outcomeOf(problem), null);
			throw problem;
		}
	}

	private static String outcomeOf(AgentProblemException problem) {
		return switch (problem.type()) {
			case TIMEOUT -> "timeout";
			case ANSWER_INTERRUPTED -> "interrupted";
			default -> "failed";
		};
	}

	private static TurnOutcome outcome(ChatResponse response, TokenUsage usage) {
		if (response == null) {
			return new TurnOutcome(usage, null, List.of());
		}
		AiMessage message = response.aiMessage();
		return new TurnOutcome((usage != null) ? usage : response.tokenUsage(), response.finishReason(),
				(message != null && message.hasToolExecutionRequests()) ? message.toolExecutionRequests() : List.of());
	}

	private boolean degraded(FailoverTurn turn, String model) {
		if (turn != null && turn.model().isPresent()) {
			return turn.degraded();
		}
		return (model != null) && this.chain.isDegraded(model);
	}

	private ChatTurn runStreaming(String conversationId, String memoryId, OnceOptions options,
			ConversationLocks.Lease lease, ChatStreamListener listener, Runnable cleanup,
			Consumer<StreamedTurn> starter) {
		StreamedTurn streamed = new StreamedTurn(conversationId, memoryId, lease, listener, cleanup, ChatTurnObservation
			.start(this.observations, this.meters, (conversationId != null) ? "v1" : "openai", "stream"));
		try (Observation.Scope scope = streamed.observed.openScope();
				FailoverTurn turn = FailoverTurn.begin(options.firstModel(), options.parameters())) {
			streamed.turn = turn;
			starter.accept(streamed);
			streamed.startTimeout();
		}
		catch (RuntimeException ex) {
			streamed.fail(ex);
		}
		return streamed;
	}

	private String seedEphemeral(List<ChatMessage> history, String systemText) {
		String memoryId = AgentChatMemoryProvider.EPHEMERAL_PREFIX + "openai-" + UUID.randomUUID();
		this.memories.seedEphemeral(memoryId, new ArrayList<>(history), systemText);
		return memoryId;
	}

	private void requireAvailable() {
		if (!this.chain.isAvailable()) {
			Duration retryAfter = this.chain.retryAfter();
			throw new AgentProblemException(ProblemType.MODELS_UNAVAILABLE,
					"Every model of the chain is failing and waiting before its next probe. Retry after "
							+ AgentProblemException.retryAfterSeconds(retryAfter) + " s.",
					List.of(), retryAfter);
		}
	}

	/**
	 * The conversation a request continues, or a new id: a conversation id is issued by
	 * the server, and one that does not exist or belongs to someone else is not found.
	 */
	private Target target(ChatRequest request, String owner) {
		if (request == null) {
			throw new AgentProblemException(ProblemType.INVALID_REQUEST,
					"The request body is missing; send {\"message\": \"...\"}.");
		}
		validateMessage(request.message(), "message");
		String conversationId = request.conversationId();
		if (conversationId == null) {
			return new Target(issueConversationId(), true);
		}
		validateConversationId(conversationId);
		requireOwned(conversationId, owner);
		return new Target(conversationId, false);
	}

	/** Creates the conversation of a first message, once its turn may start. */
	private void start(Target target, String owner, String message) {
		if (target.isNew()) {
			this.transcript.create(target.conversationId(), owner, title(message), Instant.now(this.clock));
		}
	}

	/**
	 * A new conversation id: {@code c} and 144 random bits from a {@link SecureRandom},
	 * Base64url-encoded (25 characters).
	 */
	private static String issueConversationId() {
		byte[] bits = new byte[18];
		RANDOM.nextBytes(bits);
		return "c" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
	}

	/** The title of a conversation: its first message on one line, cut. */
	static String title(String message) {
		String line = message.strip().replaceAll("[\\s\\p{Cntrl}]+", " ");
		if (line.length() <= AgentApi.MAX_TITLE_LENGTH) {
			return line;
		}
		int end = AgentApi.MAX_TITLE_LENGTH - 1;
		if (Character.isHighSurrogate(line.charAt(end - 1))) {
			end--;
		}
		return line.substring(0, end) + "…";
	}

	/**
	 * An answer of at most the maximum answer length: a longer one is cut there and ends
	 * with the marker.
	 */
	String cut(String answer) {
		int max = this.settings.maxAnswerLength();
		if (answer == null || answer.length() <= max) {
			return answer;
		}
		int end = Character.isHighSurrogate(answer.charAt(max - 1)) ? max - 1 : max;
		return answer.substring(0, end) + AgentApi.ANSWER_CUT_MARKER;
	}

	private void requireOwned(String conversationId, String owner) {
		if (!owner.equals(this.transcript.owner(conversationId).orElse(null))) {
			throw notFound(conversationId);
		}
	}

	/**
	 * The same answer for a conversation that does not exist and for someone else's: the
	 * answer tells nothing about other users' conversations.
	 */
	private static AgentProblemException notFound(String conversationId) {
		return new AgentProblemException(ProblemType.NOT_FOUND, "There is no conversation '" + conversationId
				+ "'. It may have been deleted; start a new one by sending a message without id.");
	}

	private static void validatePage(String cursor, String field, int limit) {
		if (cursor != null && !AgentApi.isValidCursor(cursor)) {
			throw invalidCursor(field);
		}
		if (limit < 1 || limit > AgentApi.MAX_PAGE_SIZE) {
			throw invalid(AgentApi.LIMIT_PARAMETER, "must be between 1 and " + AgentApi.MAX_PAGE_SIZE,
					"The limit must be between 1 and " + AgentApi.MAX_PAGE_SIZE + ", but was " + limit + ".");
		}
	}

	private static AgentProblemException invalidCursor(String field) {
		return invalid(field, "must be a cursor returned by the agent", "The cursor '" + field
				+ "' is not one the agent returned; send it back exactly, or omit it for the" + " first page.");
	}

	private void validateMessage(String message, String field) {
		if (isBlank(message)) {
			throw invalid(field, "must not be blank", "The message is empty; send some text.");
		}
		if (message.length() > this.settings.maxMessageLength()) {
			throw invalid(field,
					"must be at most " + this.settings.maxMessageLength() + " characters, but was " + message.length(),
					"The message is too long: at most " + this.settings.maxMessageLength()
							+ " characters are accepted, but it has " + message.length() + ". Shorten it.");
		}
	}

	/**
	 * Blank as LangChain4j sees it too: white space and control characters only (its
	 * check trims every character up to U+0020, so a message of NUL characters would fail
	 * the turn).
	 */
	private static boolean isBlank(String message) {
		return message == null || message.chars().allMatch((c) -> c <= ' ' || Character.isWhitespace(c));
	}

	private static void validateConversationId(String conversationId) {
		if (!AgentApi.isValidConversationId(conversationId)) {
			throw invalid("conversationId", "must match " + AgentApi.CONVERSATION_ID.pattern(),
					"The conversation id is malformed: use 1 to 64 letters, digits, '-' or '_', starting with a"
							+ " letter or digit, or omit it to start a new conversation.");
		}
	}

	private static AgentProblemException invalid(String field, String reason, String detail) {
		return new AgentProblemException(ProblemType.INVALID_REQUEST, detail,
				List.of(new ProblemDetail.FieldError(field, reason)), null);
	}

	private ConversationLocks.Lease acquire(String conversationId) {
		ConversationLocks.Lease lease;
		try {
			lease = this.locks.acquire(conversationId, this.settings.busyWait());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentProblemException(ProblemType.INTERNAL, "The request was interrupted.");
		}
		catch (ConversationLocks.ConversationGoneException ex) {
			throw notFound(conversationId);
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

	private String recordAssistant(String conversationId, String text, String model, boolean degraded,
			List<Citation> citations) {
		return recordAssistant(conversationId, text, model, degraded, citations, false);
	}

	/** Records an answer; returns its message id. */
	private String recordAssistant(String conversationId, String text, String model, boolean degraded,
			List<Citation> citations, boolean interrupted) {
		return this.transcript.append(conversationId, new ConversationMessage(Role.ASSISTANT, text, model, degraded,
				citations, Instant.now(this.clock), interrupted));
	}

	/**
	 * The problem for a failed turn; unexpected failures are logged without stack trace
	 * (it goes to DEBUG) and answered with a generic message.
	 * @param failure the failure
	 * @return the exception to throw or report
	 */
	static AgentProblemException toProblemException(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof ExecutionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof AgentProblemException problem) {
			return problem;
		}
		if (cause instanceof ModelsUnavailableException unavailable) {
			return new AgentProblemException(ProblemType.MODELS_UNAVAILABLE,
					"No model could answer right now; every model of the chain failed or is waiting before its next"
							+ " probe. Retry after " + AgentProblemException.retryAfterSeconds(unavailable.retryAfter())
							+ " s.",
					List.of(), unavailable.retryAfter());
		}
		if (cause instanceof ModelStreamException) {
			return interrupted();
		}
		if (cause instanceof CancellationException) {
			return new AgentProblemException(ProblemType.TIMEOUT, "The answer was cancelled before it completed.");
		}
		logger.error("A turn failed unexpectedly: {}: {}", cause.getClass().getName(), cause.getMessage());
		logger.debug("Stack trace of the failed turn", cause);
		return new AgentProblemException(ProblemType.INTERNAL,
				"The agent failed unexpectedly; the server log has the details.");
	}

	/**
	 * The problem of an answer that stopped after its first token: the same for every
	 * cause, and the same the frontend sends when it notices first.
	 * @return the exception carrying the problem
	 */
	static AgentProblemException interrupted() {
		ProblemDetail problem = ProblemDetail.answerInterrupted(null);
		return new AgentProblemException(ProblemType.ANSWER_INTERRUPTED, problem.detail());
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

	private static final KnowledgeContentInjector INJECTOR = new KnowledgeContentInjector();

	/** The owner of the conversations of the API client itself. */
	static final String ANONYMOUS = "";

	/** The counter of ratings of answers. */
	static final String FEEDBACK_METER = "project51.agent.chat.feedback";

	private static final SecureRandom RANDOM = new SecureRandom();

	private record Target(String conversationId, boolean isNew) {

	}

	private record Answer(String text, ChatResponse response, TokenUsage usage, List<Citation> citations) {

	}

	private record Prepared(List<ChatMessage> messages, List<Citation> citations) {

	}

	/**
	 * State of one streamed turn; every path to the end goes through {@link #finish()}
	 * exactly once.
	 */
	private final class StreamedTurn implements ChatTurn {

		private final String conversationId;

		private final String memoryId;

		private final ConversationLocks.Lease lease;

		private final ChatStreamListener listener;

		private final Runnable cleanup;

		private final long start = System.nanoTime();

		private final AtomicBoolean finished = new AtomicBoolean();

		private final StringBuilder text = new StringBuilder();

		private volatile FailoverTurn turn;

		private volatile List<Citation> citations = List.of();

		private volatile ScheduledFuture<?> timeout;

		private boolean metaSent;

		private synchronized void startTimeout() {
			if (this.timeout != null || this.finished.get()) {
				return;
			}
			this.timeout = ChatService.this.timers.schedule(
					() -> fail(new AgentProblemException(ProblemType.TIMEOUT,
							"The answer took longer than " + ChatService.this.settings.streamTimeout().toSeconds()
									+ " s.")),
					ChatService.this.settings.streamTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}

		private final ChatTurnObservation observed;

		StreamedTurn(String conversationId, String memoryId, ConversationLocks.Lease lease, ChatStreamListener listener,
				Runnable cleanup, ChatTurnObservation observed) {
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

		synchronized void token(String token) {
			if (this.finished.get()) {
				return;
			}
			sendMeta(null);
			int room = ChatService.this.settings.maxAnswerLength() - this.text.length();
			if (this.conversationId != null && token.length() > room) {
				completeCut(token.substring(0, Math.max(0, room)));
				return;
			}
			this.text.append(token);
			this.listener.onToken(token);
		}

		/**
		 * Ends an answer that reached the maximum length: the part that fits and the
		 * marker are its last token, the model's stream is cancelled, and the cut answer
		 * is recorded and reported as done.
		 */
		private void completeCut(String fits) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			FailoverTurn current = this.turn;
			if (current != null) {
				// Not from the model's own callback thread.
				ChatService.this.timers.execute(current::cancel);
			}
			String piece = (!fits.isEmpty() && Character.isHighSurrogate(fits.charAt(fits.length() - 1)))
					? fits.substring(0, fits.length() - 1) : fits;
			piece += AgentApi.ANSWER_CUT_MARKER;
			this.text.append(piece);
			this.listener.onToken(piece);
			try {
				String model = model(null);
				boolean degraded = degraded(this.turn, model);
				String messageId = (this.conversationId != null)
						? recordAssistant(this.conversationId, this.text.toString(), model, degraded, this.citations)
						: null;
				this.listener.onDone(new StreamEvent.Done(this.text.toString(), model, degraded, this.citations,
						(System.nanoTime() - this.start) / 1_000_000, messageId), outcome(null, null));
			}
			catch (RuntimeException ex) {
				this.listener.onError(toProblemException(ex).toProblem(null));
			}
			finish();
		}

		/**
		 * Records the text sent so far as an interrupted answer, so that the history
		 * shows what the user saw, marked as incomplete.
		 */
		private void recordInterrupted() {
			if (this.conversationId == null || this.text.length() == 0) {
				return;
			}
			try {
				String model = model(null);
				recordAssistant(this.conversationId, this.text.toString(), model, degraded(this.turn, model),
						this.citations, true);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not record the interrupted answer of conversation '{}': {}", this.conversationId,
						ex.toString());
			}
		}

		void complete(ChatResponse response) {
			synchronized (this) {
				if (!this.finished.compareAndSet(false, true)) {
					return;
				}
				try {
					String model = model(response);
					boolean degraded = degraded(this.turn, model);
					sendMeta(response);
					String reply = (response.aiMessage().text() != null) ? response.aiMessage().text()
							: this.text.toString();
					if (this.conversationId != null) {
						reply = cut(reply);
					}
					if (this.text.length() == 0 && !reply.isEmpty()) {
						// a model that answered without streaming its text
						this.listener.onToken(reply);
					}
					String messageId = null;
					if (this.conversationId != null) {
						messageId = recordAssistant(this.conversationId, reply, model, degraded, this.citations);
					}
					this.listener.onDone(new StreamEvent.Done(reply, model, degraded, this.citations,
							(System.nanoTime() - this.start) / 1_000_000, messageId), outcome(response, null));
					this.observed.end(degraded ? "degraded" : "answered", model);
				}
				catch (RuntimeException ex) {
					this.observed.end("failed", null);
					this.listener.onError(toProblemException(ex).toProblem(null));
				}
			}
			finish();
		}

		void fail(Throwable failure) {
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
					this.listener.onError(interrupted().toProblem(null));
				}
				else {
					AgentProblemException problem = toProblemException(failure);
					this.observed.end(outcomeOf(problem), null);
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
				this.listener.onMeta(new StreamEvent.Meta(conversationId(), model, degraded(this.turn, model)));
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

}
