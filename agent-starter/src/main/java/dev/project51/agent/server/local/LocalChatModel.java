package dev.project51.agent.server.local;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.project51.agent.server.knowledge.KnowledgeBase;
import dev.project51.agent.server.knowledge.KnowledgeContentRetriever;
import dev.project51.agent.server.local.internal.LocalTokens;

/**
 * The offline model at the end of every failover chain: deterministic, no network, no
 * weights beyond the in-process embedding model. It implements LangChain4j's
 * {@link ChatModel} and {@link StreamingChatModel}, so it runs through the same AI
 * service, memory and tool loop as a remote model:
 * <ul>
 * <li>after tool results it reports them;</li>
 * <li>when the last user message clearly asks for one of the offered tools it requests
 * that tool call;</li>
 * <li>otherwise it quotes the best matching knowledge-base passage verbatim with its
 * source, or says plainly that it does not know and lists what it can answer.</li>
 * </ul>
 * Streams are sent word by word, with an optional delay between tokens, each stream on
 * one thread of the {@link Builder#executor(Executor) executor} for its whole length.
 *
 * @since 0.1.0
 */
public final class LocalChatModel implements ChatModel, StreamingChatModel, AutoCloseable {

	/** Default name of the local model in the chain. */
	public static final String DEFAULT_NAME = "local";

	/** Default relevance a message needs to the description of a tool to call it. */
	public static final double DEFAULT_TOOL_THRESHOLD = 0.65;

	private final String name;

	private final LocalAnswers answers;

	private final Duration tokenDelay;

	private final Executor executor;

	/** The executor the model created, that it closes; {@code null} for the caller's. */
	private final ExecutorService ownExecutor;

	private LocalChatModel(Builder builder) {
		this.name = builder.name;
		this.answers = new LocalAnswers(builder.knowledgeBase, builder.retriever, builder.toolThreshold);
		this.tokenDelay = builder.tokenDelay;
		if (builder.executor != null) {
			this.ownExecutor = null;
			this.executor = builder.executor;
		}
		else {
			AtomicInteger threads = new AtomicInteger();
			this.ownExecutor = Executors.newCachedThreadPool((runnable) -> {
				Thread thread = new Thread(runnable, "project51-local-model-" + threads.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			this.executor = this.ownExecutor;
		}
	}

	/**
	 * A builder for the local model.
	 * @param knowledgeBase the knowledge base it answers from
	 * @param retriever the retriever (the same the AI service uses, so citations match)
	 * @return a new builder
	 */
	public static Builder builder(KnowledgeBase knowledgeBase, KnowledgeContentRetriever retriever) {
		return new Builder(knowledgeBase, retriever);
	}

	/**
	 * The model's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OTHER;
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return DefaultChatRequestParameters.EMPTY;
	}

	@Override
	public List<ChatModelListener> listeners() {
		return List.of();
	}

	@Override
	public Set<Capability> supportedCapabilities() {
		return Set.of();
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		return answer(request);
	}

	@Override
	public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
		Handle handle = new Handle();
		try {
			this.executor.execute(() -> stream(request, handler, handle));
		}
		catch (RejectedExecutionException ex) {
			handler.onError(ex);
		}
	}

	private void stream(ChatRequest request, StreamingChatResponseHandler handler, Handle handle) {
		try {
			ChatResponse response = answer(request);
			AiMessage message = response.aiMessage();
			if (message.text() != null) {
				PartialResponseContext context = new PartialResponseContext(handle);
				for (String token : LocalTokens.split(message.text())) {
					if (handle.isCancelled()) {
						return;
					}
					handler.onPartialResponse(new PartialResponse(token), context);
					if (!this.tokenDelay.isZero()) {
						Thread.sleep(this.tokenDelay.toMillis());
					}
				}
			}
			if (!handle.isCancelled()) {
				handler.onCompleteResponse(response);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			handler.onError(ex);
		}
	}

	/**
	 * The answer shaped by the request's parameters: in JSON when a JSON response format
	 * is asked for, cut before the first stop sequence, and cut after
	 * {@code maxOutputTokens} tokens (finish reason {@code LENGTH}). Sampling parameters
	 * (temperature, top-p, penalties) have no effect: the model is deterministic. Token
	 * counts are the model's own: a token is a word with the white space before it.
	 */
	private ChatResponse answer(ChatRequest request) {
		AiMessage message = this.answers.answer(request);
		FinishReason finishReason = FinishReason.STOP;
		int outputTokens;
		if (message.hasToolExecutionRequests()) {
			finishReason = FinishReason.TOOL_EXECUTION;
			outputTokens = LocalTokens.countToolCalls(message.toolExecutionRequests());
		}
		else {
			String text = (message.text() != null) ? message.text() : "";
			if (LocalJson.isJson(request.responseFormat())) {
				text = LocalJson.wrap(text, request.responseFormat());
			}
			text = cutAtStop(text, request.stopSequences());
			List<String> tokens = LocalTokens.split(text);
			Integer maxTokens = request.maxOutputTokens();
			if (maxTokens != null && maxTokens >= 0 && tokens.size() > maxTokens) {
				tokens = tokens.subList(0, maxTokens);
				text = String.join("", tokens);
				finishReason = FinishReason.LENGTH;
			}
			outputTokens = tokens.size();
			message = AiMessage.from(text);
		}
		return ChatResponse.builder()
			.aiMessage(message)
			.metadata(ChatResponseMetadata.builder()
				.modelName(this.name)
				.finishReason(finishReason)
				.tokenUsage(new TokenUsage(inputTokens(request), outputTokens))
				.build())
			.build();
	}

	private static String cutAtStop(String text, List<String> stopSequences) {
		if (stopSequences == null) {
			return text;
		}
		int cut = text.length();
		for (String stop : stopSequences) {
			int index = (stop == null || stop.isEmpty()) ? -1 : text.indexOf(stop);
			if (index >= 0 && index < cut) {
				cut = index;
			}
		}
		return text.substring(0, cut);
	}

	/**
	 * The tokens of a request as this model counts them: the words of every message.
	 * @param request the request
	 * @return the count
	 */
	static int inputTokens(ChatRequest request) {
		return request.messages().stream().mapToInt(LocalTokens::count).sum();
	}

	/**
	 * Stops the streaming threads of the executor the model created; an executor given to
	 * the {@link Builder#executor(Executor) builder} is left to its owner.
	 */
	@Override
	public void close() {
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
		}
	}

	private static final class Handle implements StreamingHandle {

		private volatile boolean cancelled;

		@Override
		public void cancel() {
			this.cancelled = true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

	}

	/**
	 * Builds a {@link LocalChatModel}.
	 */
	public static final class Builder {

		private final KnowledgeBase knowledgeBase;

		private final KnowledgeContentRetriever retriever;

		private String name = DEFAULT_NAME;

		private Duration tokenDelay = Duration.ZERO;

		private double toolThreshold = DEFAULT_TOOL_THRESHOLD;

		private Executor executor;

		private Builder(KnowledgeBase knowledgeBase, KnowledgeContentRetriever retriever) {
			this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase must not be null");
			this.retriever = Objects.requireNonNull(retriever, "retriever must not be null");
		}

		/**
		 * The name of the model in the chain, {@value #DEFAULT_NAME} by default.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
			}
			this.name = name;
			return this;
		}

		/**
		 * Pause between two streamed tokens, none by default.
		 * @param tokenDelay zero or positive
		 * @return this builder
		 */
		public Builder tokenDelay(Duration tokenDelay) {
			if (tokenDelay == null || tokenDelay.isNegative()) {
				throw new IllegalArgumentException("tokenDelay must be a duration >= 0, but was " + tokenDelay);
			}
			this.tokenDelay = tokenDelay;
			return this;
		}

		/**
		 * Relevance in {@code [0, 1]} a message needs to a tool's name and description
		 * for the model to call the tool.
		 * @param toolThreshold the threshold
		 * @return this builder
		 */
		public Builder toolThreshold(double toolThreshold) {
			if (toolThreshold < 0 || toolThreshold > 1) {
				throw new IllegalArgumentException("toolThreshold must be between 0 and 1, but was " + toolThreshold);
			}
			this.toolThreshold = toolThreshold;
			return this;
		}

		/**
		 * Where streams run: each takes one task for its whole length, so the executor
		 * should run as many at once as streams may be open, and refuse (the stream then
		 * fails) rather than queue beyond. The caller owns it and shuts it down. Without
		 * one the model creates its own unbounded pool of daemon threads
		 * {@code project51-local-model-*}, which {@link LocalChatModel#close()} stops.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor must not be null");
			return this;
		}

		/**
		 * The model.
		 * @return a new local model
		 */
		public LocalChatModel build() {
			return new LocalChatModel(this);
		}

	}

}
