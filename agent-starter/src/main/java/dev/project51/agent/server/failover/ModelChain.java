package dev.project51.agent.server.failover;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ModelStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered failover chain: each model sits behind its own circuit breaker and retry; a
 * call goes to the first model whose circuit is closed and moves down the chain when that
 * model fails or spends its first-token budget (see {@link FailoverPolicy}). Open
 * circuits are probed in the background and close as soon as their model answers in time.
 * {@link #chatModel()} and {@link #streamingChatModel()} expose the whole chain as
 * LangChain4j models, so an AI service (with its tool loop and memory) runs on it
 * unchanged; retries happen per model call, never around the AI service, so a tool is
 * never executed twice by a retry.
 * <p>
 * Remote models should be built with a {@link ProviderHttpClientBuilder} and their own
 * retries off, so that the chain can abort their exchanges and honour
 * {@code Retry-After}.
 *
 * @since 0.1.0
 */
public final class ModelChain implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ModelChain.class);

	private final List<ChainModel> models;

	private final FailoverPolicy policy;

	private final FailoverMetrics metrics;

	private final ObservationRegistry observations;

	private final Clock clock;

	private final ScheduledExecutorService scheduler;

	private final Executor executor;

	private final boolean ownsThreads;

	private final Prober prober;

	private final FailoverChatModel chatModel;

	private final FailoverStreamingChatModel streamingChatModel;

	private ModelChain(Builder builder) {
		this.policy = builder.policy;
		this.clock = builder.clock;
		this.metrics = new FailoverMetrics(builder.meterRegistry);
		this.observations = builder.observationRegistry;
		this.ownsThreads = builder.timers == null;
		this.scheduler = this.ownsThreads ? ownTimers() : builder.timers;
		this.executor = this.ownsThreads ? Executors.newCachedThreadPool(daemonThreads("project51-failover-worker-"))
				: builder.workers;
		this.prober = new Prober(this);
		CircuitBreakerConfig breaker = ModelResilience.circuitBreaker(this.policy, this.clock);
		RetryConfig retry = ModelResilience.retry(this.policy);
		List<ChainModel> chain = new ArrayList<>();
		for (Entry entry : builder.entries) {
			CircuitBreaker circuitBreaker = CircuitBreaker.of("project51-agent-" + entry.name, breaker);
			ChainModel model = new ChainModel(entry.name, entry.provider, entry.streamingChatModel,
					entry.inProcessChatModel, circuitBreaker, Retry.of("project51-agent-" + entry.name, retry),
					this.clock, this.metrics);
			circuitBreaker.getEventPublisher().onStateTransition((event) -> {
				CircuitBreaker.State to = event.getStateTransition().getToState();
				CircuitState fromState = ModelResilience.circuitState(event.getStateTransition().getFromState());
				CircuitState toState = ModelResilience.circuitState(to);
				if (fromState != toState) {
					this.metrics.recordTransition(model, fromState, toState);
				}
				if (to == CircuitBreaker.State.OPEN) {
					logger.warn("Circuit of model '{}' opened ({}); it gets no calls and is probed every {}",
							entry.name, model.lastError(), Failures.seconds(this.policy.waitDurationInOpenState()));
					this.prober.opened(model);
				}
				else if (to == CircuitBreaker.State.CLOSED) {
					logger.info("Circuit of model '{}' closed", entry.name);
				}
			});
			this.metrics.register(model, chain.isEmpty());
			chain.add(model);
		}
		this.models = List.copyOf(chain);
		this.chatModel = new FailoverChatModel(this);
		this.streamingChatModel = new FailoverStreamingChatModel(this);
	}

	/**
	 * A builder for a chain.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The models in chain order.
	 * @return the models, never empty
	 */
	public List<ChainModel> models() {
		return this.models;
	}

	/**
	 * The preferred model, the first of the chain.
	 * @return the head
	 */
	public ChainModel head() {
		return this.models.get(0);
	}

	/**
	 * The failover policy.
	 * @return the policy
	 */
	public FailoverPolicy policy() {
		return this.policy;
	}

	/**
	 * The status of every model, in chain order.
	 * @return the statuses
	 */
	public List<ModelStatus> statuses() {
		return this.models.stream().map(ChainModel::status).toList();
	}

	/**
	 * Whether at least one model takes calls now (its circuit is closed).
	 * @return {@code true} if the chain can serve
	 */
	public boolean isAvailable() {
		return this.models.stream().anyMatch(ChainModel::isAvailable);
	}

	/**
	 * How long until some model may accept calls again.
	 * @return zero if one accepts calls now, else the time to the next probe of an open
	 * circuit (at least one second)
	 */
	public Duration retryAfter() {
		if (isAvailable()) {
			return Duration.ZERO;
		}
		Duration shortest = this.models.stream()
			.map(ChainModel::untilNextProbe)
			.min(Duration::compareTo)
			.orElse(Duration.ZERO);
		return (shortest.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : shortest;
	}

	/**
	 * Whether an answer of the given model is degraded (the model is not the head).
	 * @param modelName the model name
	 * @return {@code true} if it names a fallback model
	 */
	public boolean isDegraded(String modelName) {
		return !head().name().equals(modelName);
	}

	/**
	 * The whole chain as a blocking LangChain4j model.
	 * @return the failover model
	 */
	public ChatModel chatModel() {
		return this.chatModel;
	}

	/**
	 * The whole chain as a streaming LangChain4j model.
	 * @return the failover model
	 */
	public StreamingChatModel streamingChatModel() {
		return this.streamingChatModel;
	}

	/**
	 * Stops the chain's timer and worker threads, unless they were given to it (see
	 * {@link Builder#threads}).
	 */
	@Override
	public void close() {
		if (this.ownsThreads) {
			this.scheduler.shutdownNow();
			((ExecutorService) this.executor).shutdownNow();
		}
	}

	FailoverMetrics metrics() {
		return this.metrics;
	}

	ObservationRegistry observations() {
		return this.observations;
	}

	Clock clock() {
		return this.clock;
	}

	ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	Executor executor() {
		return this.executor;
	}

	/**
	 * The model of the chain with the given name.
	 * @param name the name
	 * @return the model, empty if the chain has none of that name
	 */
	public Optional<ChainModel> model(String name) {
		return this.models.stream().filter((model) -> model.name().equals(name)).findFirst();
	}

	void answered(FailoverTurn turn, ChainModel model, ChainModel first) {
		if (turn != null) {
			turn.answered(model.name(), model != first);
		}
	}

	ModelsUnavailableException unavailable(Throwable lastFailure) {
		StringBuilder message = new StringBuilder("No model of the chain could answer:");
		for (ChainModel model : this.models) {
			message.append(' ').append(model.name()).append(" (").append(model.state());
			if (model.lastError() != null) {
				message.append(", last error: ").append(model.lastError());
			}
			message.append(')');
		}
		Duration retryAfter = retryAfter();
		return new ModelsUnavailableException(message.toString(),
				retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter, lastFailure);
	}

	static boolean isEmpty(ChatResponse response) {
		return response == null || response.aiMessage() == null
				|| ((response.aiMessage().text() == null || response.aiMessage().text().isBlank())
						&& !response.aiMessage().hasToolExecutionRequests());
	}

	static ChatResponse relabel(ChatResponse response, ChainModel model) {
		return ChatResponse.builder()
			.aiMessage(response.aiMessage())
			.metadata(response.metadata().toBuilder().modelName(model.name()).build())
			.build();
	}

	private static ScheduledExecutorService ownTimers() {
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemonThreads("project51-failover-"));
		timers.setRemoveOnCancelPolicy(true);
		return timers;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private record Entry(String name, String provider, StreamingChatModel streamingChatModel,
			ChatModel inProcessChatModel) {

	}

	/**
	 * Builds a {@link ModelChain}.
	 */
	public static final class Builder {

		private final List<Entry> entries = new ArrayList<>();

		private FailoverPolicy policy = FailoverPolicy.ofDefaults();

		private MeterRegistry meterRegistry;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Clock clock = Clock.systemUTC();

		private Executor workers;

		private ScheduledExecutorService timers;

		private Builder() {
		}

		/**
		 * Appends a remote model to the chain. Every call to it streams (blocking calls
		 * collect the answer), watched by the policy's first-token and idle timeouts.
		 * @param name unique name shown to users
		 * @param provider the provider kind, e.g. {@code openai}
		 * @param streamingChatModel the model (its own retries off; built with a
		 * {@link ProviderHttpClientBuilder})
		 * @return this builder
		 */
		public Builder model(String name, String provider, StreamingChatModel streamingChatModel) {
			return add(name, provider, streamingChatModel, null);
		}

		/**
		 * Appends a model that runs in this process, such as the offline local model:
		 * streamed calls use its streaming API, blocking calls its blocking API.
		 * @param name unique name shown to users
		 * @param provider the provider kind, e.g. {@code local}
		 * @param chatModel the blocking model
		 * @param streamingChatModel the streaming model
		 * @return this builder
		 */
		public Builder inProcessModel(String name, String provider, ChatModel chatModel,
				StreamingChatModel streamingChatModel) {
			Objects.requireNonNull(chatModel, "chatModel must not be null");
			return add(name, provider, streamingChatModel, chatModel);
		}

		private Builder add(String name, String provider, StreamingChatModel streamingChatModel,
				ChatModel inProcessChatModel) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
			}
			Objects.requireNonNull(provider, "provider must not be null");
			Objects.requireNonNull(streamingChatModel, "streamingChatModel must not be null");
			this.entries.add(new Entry(name, provider, streamingChatModel, inProcessChatModel));
			return this;
		}

		/**
		 * The retry, circuit breaker and watchdog settings.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder policy(FailoverPolicy policy) {
			this.policy = Objects.requireNonNull(policy, "policy must not be null");
			return this;
		}

		/**
		 * Where to publish metrics; none by default.
		 * @param meterRegistry the registry, may be {@code null}
		 * @return this builder
		 */
		public Builder meterRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * Where to report the chain's work for tracing: each attempt on a model is an
		 * observation ({@code project51.agent.model.attempt}, a span with the model,
		 * provider and outcome) below the observation current when the chain was called,
		 * and each exchange of a {@link ProviderHttpClientBuilder provider HTTP client}
		 * an observation ({@code project51.agent.provider.request}) that propagates the
		 * trace context to the provider ({@code traceparent}). None by default.
		 * @param observationRegistry the registry, may be {@code null} for none
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
			return this;
		}

		/**
		 * The threads of the chain: the workers that run blocking calls of in-process
		 * models, retries, probes and expired deadlines, and the timers of those
		 * deadlines, retries and probes. Workers must accept a task from any thread at
		 * any time and should not refuse short tasks. By default the chain starts threads
		 * of its own and stops them on {@link ModelChain#close()}; given ones are left to
		 * their owner.
		 * @param workers the workers
		 * @param timers the timers
		 * @return this builder
		 */
		public Builder threads(Executor workers, ScheduledExecutorService timers) {
			this.workers = Objects.requireNonNull(workers, "workers must not be null");
			this.timers = Objects.requireNonNull(timers, "timers must not be null");
			return this;
		}

		/**
		 * The clock of the circuit breakers and probes (for tests).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * The chain.
		 * @return a new chain
		 * @throws IllegalArgumentException if no model was added or two share a name
		 */
		public ModelChain build() {
			if (this.entries.isEmpty()) {
				throw new IllegalArgumentException("a model chain needs at least one model, but none was added");
			}
			Set<String> names = new LinkedHashSet<>();
			for (Entry entry : this.entries) {
				if (!names.add(entry.name)) {
					throw new IllegalArgumentException("model names must be unique, but '" + entry.name
							+ "' appears twice; give one of them another name");
				}
			}
			return new ModelChain(this);
		}

	}

}
