package dev.project51.agent.client;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import dev.project51.agent.client.internal.Bodies;
import dev.project51.agent.client.internal.BodyTooLargeException;
import dev.project51.agent.client.internal.Deadlines;
import dev.project51.agent.client.internal.JsonCodec;
import dev.project51.agent.client.internal.MediaTypes;
import dev.project51.agent.client.internal.Sleeper;
import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.client.transport.JdkHttpTransport;
import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.client.transport.TransportResponse;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationRename;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.ModelStatus;

/**
 * The {@link AgentClient}: retry (resilience4j) around the circuit breaker (resilience4j)
 * around one exchange guarded by a watchdog.
 */
final class DefaultAgentClient implements AgentClient {

	private static final Logger logger = LoggerFactory.getLogger(AgentClient.class);

	private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

	private static final String JSON = "application/json";

	private static final Pattern HEALTH_STATUS = Pattern.compile("[A-Z][A-Z_]*");

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

	private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "accept", "content-type", "user-agent",
			"content-length", "host");

	final URI baseUrl;

	private final String authorization;

	private final String userAgent;

	private final Duration requestTimeout;

	final Duration streamTimeout;

	final Duration firstTokenTimeout;

	final Duration idleTimeout;

	final int maxResponseBytes;

	private final RetryPolicy retryPolicy;

	private final CircuitBreakerPolicy circuitBreakerPolicy;

	private final HttpTransport transport;

	private final AgentClientListener listener;

	private final boolean ownsTransport;

	private final Clock clock;

	final Sleeper sleeper;

	final JsonCodec json = new JsonCodec();

	final Failures failures;

	private final Deadlines deadlines;

	private final ExecutorService streamExecutor;

	private final Retry idempotentRetry;

	private final Retry chatRetry;

	private final CircuitBreaker circuitBreaker;

	private volatile Instant openedAt;

	private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();

	private final Set<StreamCall> streams = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final CountDownLatch closedLatch = new CountDownLatch(1);

	DefaultAgentClient(AgentClientBuilder builder) {
		this.baseUrl = builder.baseUrl;
		this.authorization = (builder.apiToken != null) ? "Bearer " + builder.apiToken : null;
		this.userAgent = builder.userAgent;
		this.requestTimeout = builder.requestTimeout;
		this.streamTimeout = builder.streamTimeout;
		this.firstTokenTimeout = builder.firstTokenTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.maxResponseBytes = builder.maxResponseBytes;
		this.retryPolicy = builder.retryPolicy;
		this.circuitBreakerPolicy = builder.circuitBreaker;
		this.clock = builder.clock;
		this.sleeper = builder.sleeper;
		this.listener = builder.listener;
		this.failures = new Failures(this.json, this.clock, this.baseUrl);
		int id = CLIENT_IDS.incrementAndGet();
		this.deadlines = new Deadlines("project51-agent-client-" + id + "-watchdog");
		this.streamExecutor = Executors.newCachedThreadPool(daemonThreads("project51-agent-client-" + id + "-stream"));
		this.ownsTransport = builder.transport == null;
		this.transport = (builder.transport != null) ? builder.transport
				: JdkHttpTransport.create(builder.connectTimeout);
		IntervalFunction backoff = (this.retryPolicy.jitter() > 0)
				? IntervalFunction.ofExponentialRandomBackoff(this.retryPolicy.initialBackoff(),
						this.retryPolicy.multiplier(), this.retryPolicy.jitter(), this.retryPolicy.maxBackoff())
				: IntervalFunction.ofExponentialBackoff(this.retryPolicy.initialBackoff(),
						this.retryPolicy.multiplier(), this.retryPolicy.maxBackoff());
		this.idempotentRetry = retry("idempotent", backoff, true);
		this.chatRetry = retry("chat", backoff, false);
		this.circuitBreaker = this.circuitBreakerPolicy.isEnabled() ? circuitBreaker() : null;
	}

	private Retry retry(String name, IntervalFunction backoff, boolean idempotent) {
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(this.retryPolicy.maxAttempts())
			.retryOnException((failure) -> isRetried(failure, idempotent))
			.intervalBiFunction(
					(attempt, outcome) -> delayBefore(attempt, outcome.isLeft() ? outcome.getLeft() : null, backoff))
			.failAfterMaxAttempts(false)
			.build();
		return Retry.of("agent-client-" + name, config);
	}

	private CircuitBreaker circuitBreaker() {
		CircuitBreakerPolicy policy = this.circuitBreakerPolicy;
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.failureRateThreshold(policy.failureRateThreshold())
			.slidingWindow(policy.slidingWindowSize(), policy.minimumNumberOfCalls(),
					CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.waitDurationInOpenState(policy.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(policy.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordException(DefaultAgentClient::isServerSideFailure)
			.ignoreException(DefaultAgentClient::isNeutral)
			.clock(this.clock)
			.writableStackTraceEnabled(false)
			.build();
		CircuitBreaker breaker = CircuitBreaker.of("agent-client", config);
		breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.State to = event.getStateTransition().getToState();
			CircuitState fromState = circuitState(event.getStateTransition().getFromState());
			CircuitState toState = circuitState(to);
			if (fromState != toState) {
				notifyListener(() -> this.listener.circuitStateChanged(fromState, toState));
			}
			if (to == CircuitBreaker.State.OPEN) {
				this.openedAt = this.clock.instant();
				logger.warn("Circuit breaker for agent {} opened (failure rate {}%): calls fail fast for {}",
						this.baseUrl, breaker.getMetrics().getFailureRate(), policy.waitDurationInOpenState());
			}
			else {
				logger.info("Circuit breaker for agent {}: {}", this.baseUrl, event.getStateTransition());
			}
		});
		return breaker;
	}

	private static CircuitState circuitState(CircuitBreaker.State state) {
		return switch (state) {
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			default -> CircuitState.CLOSED;
		};
	}

	/**
	 * Runs a callback of the listener; what it throws never reaches the call.
	 */
	void notifyListener(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			logger.debug("The AgentClientListener failed: {}", ex.toString());
		}
	}

	/**
	 * The listener's headers for a call starting now on the calling thread.
	 */
	Map<String, String> listenerHeaders(String operation) {
		Map<String, String> headers;
		try {
			headers = this.listener.requestHeaders(operation);
		}
		catch (RuntimeException ex) {
			logger.debug("The AgentClientListener failed: {}", ex.toString());
			return Map.of();
		}
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, String> accepted = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (name != null && value != null && HEADER_NAME.matcher(name).matches()
					&& !RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))
					&& value.chars().noneMatch((c) -> c < 0x20 || c == 0x7F)) {
				accepted.put(name, value);
			}
		});
		return Map.copyOf(accepted);
	}

	/**
	 * Whether a failure tells that the agent is in trouble (counts against the circuit).
	 */
	static boolean isServerSideFailure(Throwable failure) {
		return failure instanceof AgentServerException || failure instanceof AgentTimeoutException
				|| failure instanceof AgentUnavailableException || failure instanceof AgentProtocolException;
	}

	/**
	 * Whether a failure says nothing about the agent's health (neither success nor
	 * failure for the circuit): rate limiting, interruption, a listener's own failure.
	 */
	static boolean isNeutral(Throwable failure) {
		return !(failure instanceof AgentClientException) || failure instanceof AgentRateLimitedException
				|| failure instanceof StreamCall.ListenerFailure || failure.getClass() == AgentClientException.class;
	}

	private static boolean isRetried(Throwable failure, boolean idempotent) {
		if (!(failure instanceof AgentClientException exception) || !exception.isRetriable()) {
			return false;
		}
		if (exception instanceof AgentUnavailableException unavailable && unavailable.isCircuitOpen()) {
			return false;
		}
		if (idempotent || exception.isRequestNotSent()) {
			return true;
		}
		// A chat the agent declined without processing it: 429 or 503 with Retry-After.
		return (exception instanceof AgentRateLimitedException rateLimited && rateLimited.hasRetryAfter())
				|| (exception instanceof AgentUnavailableException unavailable && exception.status() == 503
						&& unavailable.retryAfter().isPresent());
	}

	private long delayBefore(int attempt, Throwable failure, IntervalFunction backoff) {
		Duration retryAfter = null;
		if (failure instanceof AgentRateLimitedException rateLimited && rateLimited.hasRetryAfter()) {
			retryAfter = rateLimited.retryAfter();
		}
		else if (failure instanceof AgentUnavailableException unavailable && !unavailable.isCircuitOpen()) {
			retryAfter = unavailable.retryAfter().orElse(null);
		}
		if (retryAfter != null) {
			// Honour the agent's wish, unless it is longer than we are willing to wait.
			return (retryAfter.compareTo(this.retryPolicy.maxBackoff()) <= 0) ? retryAfter.toMillis() : -1;
		}
		return backoff.apply(attempt);
	}

	// ---------------------------------------------------------------- API

	@Override
	public ChatReply chat(ChatRequest request) {
		return chat(request, null);
	}

	ChatReply chat(ChatRequest request, String endUser) {
		byte[] body = chatBody(request);
		return execute(new Call("POST", AgentApi.CHAT_PATH, body, false, true, JSON, endUser),
				(call, response, contentType, bytes) -> readJson(call, response, contentType, bytes, ChatReply.class));
	}

	@Override
	public StreamHandle stream(ChatRequest request, StreamListener listener) {
		return stream(request, listener, null);
	}

	StreamHandle stream(ChatRequest request, StreamListener listener, String endUser) {
		Objects.requireNonNull(listener, "listener must not be null");
		byte[] body = chatBody(request);
		ensureOpen();
		StreamCall call = new StreamCall(this, body, listener, listenerHeaders("POST " + AgentApi.CHAT_STREAM_PATH),
				endUser);
		this.streams.add(call);
		call.completion().whenComplete((done, failure) -> this.streams.remove(call));
		try {
			this.streamExecutor.execute(call::run);
		}
		catch (RejectedExecutionException ex) {
			this.streams.remove(call);
			throw new IllegalStateException("AgentClient is closed", ex);
		}
		if (this.closed.get()) {
			call.cancel();
		}
		return call;
	}

	@Override
	public ChatStream stream(ChatRequest request) {
		return stream(request, (String) null);
	}

	ChatStream stream(ChatRequest request, String endUser) {
		QueueChatStream stream = new QueueChatStream();
		stream.attach(stream(request, stream, endUser));
		return stream;
	}

	@Override
	public Conversation conversation(String conversationId) {
		return conversation(conversationId, null, 0, null);
	}

	@Override
	public Conversation conversation(String conversationId, String before, int limit) {
		pageSize(limit);
		return conversation(conversationId, before, limit, null);
	}

	Conversation conversation(String conversationId, String before, int limit, String endUser) {
		// limit 0: the agent's default page, the latest one
		String path = conversationPath(conversationId)
				+ ((limit == 0) ? "" : "?" + AgentApi.LIMIT_PARAMETER + "=" + pageSize(limit))
				+ ((before != null) ? "&" + AgentApi.BEFORE_PARAMETER + "=" + cursor("before", before) : "");
		return execute(new Call("GET", path, null, true, true, JSON, endUser), (call, response, contentType,
				bytes) -> readJson(call, response, contentType, bytes, Conversation.class));
	}

	@Override
	public ConversationList conversations(String cursor, int limit) {
		return conversations(cursor, limit, null);
	}

	ConversationList conversations(String cursor, int limit, String endUser) {
		String path = AgentApi.CONVERSATION_LIST_PATH + "?" + AgentApi.LIMIT_PARAMETER + "=" + pageSize(limit)
				+ ((cursor != null) ? "&" + AgentApi.CURSOR_PARAMETER + "=" + cursor("cursor", cursor) : "");
		return execute(new Call("GET", path, null, true, true, JSON, endUser), (call, response, contentType,
				bytes) -> readJson(call, response, contentType, bytes, ConversationList.class));
	}

	@Override
	public ConversationSummary renameConversation(String conversationId, String title) {
		return renameConversation(conversationId, title, null);
	}

	ConversationSummary renameConversation(String conversationId, String title, String endUser) {
		String path = conversationPath(conversationId);
		if (title == null || title.isBlank() || title.length() > AgentApi.MAX_TITLE_LENGTH) {
			throw new AgentInvalidRequestException(
					"title must be 1 to " + AgentApi.MAX_TITLE_LENGTH + " characters and not blank, but was "
							+ ((title == null) ? "null" : title.length() + " characters long"));
		}
		ensureOpen();
		byte[] body = this.json.write(new ConversationRename(title));
		// Renaming twice to the same title is the same as once: safe to retry.
		return execute(new Call("PATCH", path, body, true, true, JSON, endUser), (call, response, contentType,
				bytes) -> readJson(call, response, contentType, bytes, ConversationSummary.class));
	}

	@Override
	public void rateMessage(String conversationId, String messageId, String rating) {
		rateMessage(conversationId, messageId, rating, null);
	}

	void rateMessage(String conversationId, String messageId, String rating, String endUser) {
		conversationPath(conversationId);
		if (!AgentApi.isValidMessageId(messageId)) {
			throw new AgentInvalidRequestException(
					"messageId must be 1 to 100 letters, digits, '.', '-' or '_', starting "
							+ "with a letter or digit (as returned by the agent), but was "
							+ ((messageId == null) ? "null" : "'" + shorten(messageId) + "'"));
		}
		if (!MessageFeedback.isValidRating(rating)) {
			throw new AgentInvalidRequestException("rating must be 'up', 'down' or 'none', but was "
					+ ((rating == null) ? "null" : "'" + shorten(rating) + "'"));
		}
		ensureOpen();
		byte[] body = this.json.write(new MessageFeedback(rating));
		// Setting the same rating twice is the same as once: safe to retry.
		execute(new Call("PUT", AgentApi.feedbackPath(conversationId, messageId), body, true, true, JSON, endUser),
				(call, response, contentType, bytes) -> {
					int status = response.statusCode();
					if (status < 200 || status > 299) {
						throw this.failures.fromResponse(call.describe(), status, contentType, bytes,
								response.header("Retry-After"));
					}
					return null;
				});
	}

	private static String shorten(String value) {
		return (value.length() > 80) ? value.substring(0, 80) + "..." : value;
	}

	@Override
	public void deleteConversation(String conversationId) {
		deleteConversation(conversationId, null);
	}

	void deleteConversation(String conversationId, String endUser) {
		String path = conversationPath(conversationId);
		execute(new Call("DELETE", path, null, true, true, JSON, endUser), (call, response, contentType, bytes) -> {
			int status = response.statusCode();
			if (status == 404) {
				logger.debug("{}: the conversation did not exist", call);
				return null;
			}
			if (status < 200 || status > 299) {
				throw this.failures.fromResponse(call.describe(), status, contentType, bytes,
						response.header("Retry-After"));
			}
			return null;
		});
	}

	@Override
	public AgentClient forEndUser(String endUser) {
		if (!AgentApi.isValidEndUser(endUser)) {
			throw new IllegalArgumentException("endUser must be 1 to 128 letters, digits or . _ : @ + / = -, but was "
					+ ((endUser == null) ? "null" : endUser.length() + " characters long with other characters"));
		}
		return new EndUserClient(endUser);
	}

	private static int pageSize(int limit) {
		if (limit < 1 || limit > AgentApi.MAX_PAGE_SIZE) {
			throw new AgentInvalidRequestException(
					"limit must be between 1 and " + AgentApi.MAX_PAGE_SIZE + ", but was " + limit);
		}
		return limit;
	}

	private static String cursor(String name, String cursor) {
		if (!AgentApi.isValidCursor(cursor)) {
			throw new AgentInvalidRequestException(name + " must be a cursor the agent returned (1 to 100 letters,"
					+ " digits, '.', '-' or '_'), but was '"
					+ ((cursor.length() > 40) ? cursor.substring(0, 40) + "..." : cursor) + "'");
		}
		return cursor;
	}

	@Override
	public List<ModelStatus> models() {
		return execute(new Call("GET", AgentApi.MODELS_PATH, null, true, true, JSON),
				(call, response, contentType, bytes) -> {
					requireJsonSuccess(call, response, contentType, bytes);
					try {
						return this.json.readModels(bytes);
					}
					catch (JacksonException | JsonCodec.NullJsonException ex) {
						throw malformedJson(call, ex);
					}
				});
	}

	@Override
	public Health health() {
		Health health = readiness();
		if (health.isUp() && this.circuitBreaker != null
				&& this.circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
			// The agent says it is ready: trial calls decide now, not after the wait.
			try {
				this.circuitBreaker.transitionToHalfOpenState();
			}
			catch (IllegalStateTransitionException ex) {
				// Another thread closed the circuit in the meantime.
			}
		}
		return health;
	}

	private Health readiness() {
		return execute(new Call("GET", AgentApi.READINESS_PATH, null, true, false, JSON),
				(call, response, contentType, bytes) -> {
					int status = response.statusCode();
					if (status == 503 && bytes != null && MediaTypes.isJson(contentType)
							&& !MediaTypes.isProblemJson(contentType)) {
						try {
							Health health = this.json.read(bytes, Health.class);
							if (health.status() != null && HEALTH_STATUS.matcher(health.status()).matches()) {
								return health;
							}
						}
						catch (JacksonException | JsonCodec.NullJsonException ex) {
							// Not a health body: report the 503 as such below.
						}
					}
					return readJson(call, response, contentType, bytes, Health.class);
				});
	}

	@Override
	public CircuitState circuitState() {
		if (this.circuitBreaker == null) {
			return CircuitState.CLOSED;
		}
		switch (this.circuitBreaker.getState()) {
			case OPEN:
				// The breaker moves to half-open lazily, on the next call: report what
				// that
				// call will find.
				Instant opened = this.openedAt;
				if (opened != null && this.clock.instant()
					.isAfter(opened.plus(this.circuitBreakerPolicy.waitDurationInOpenState()))) {
					return CircuitState.HALF_OPEN;
				}
				return CircuitState.OPEN;
			case FORCED_OPEN:
				return CircuitState.OPEN;
			case HALF_OPEN:
				return CircuitState.HALF_OPEN;
			default:
				return CircuitState.CLOSED;
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.closedLatch.countDown();
		for (StreamCall stream : this.streams) {
			stream.cancel();
		}
		for (Exchange exchange : this.exchanges) {
			exchange.abort(Exchange.Abort.CLIENT_CLOSED);
		}
		this.streamExecutor.shutdownNow();
		this.deadlines.close();
		if (this.ownsTransport) {
			this.transport.close();
		}
		try {
			this.streamExecutor.awaitTermination(1, TimeUnit.SECONDS);
			this.deadlines.awaitTermination(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.debug("AgentClient for {} closed", this.baseUrl);
	}

	@Override
	public String toString() {
		return "AgentClient[baseUrl=" + this.baseUrl + ", apiToken="
				+ ((this.authorization != null) ? "(set)" : "(none)") + ", requestTimeout=" + this.requestTimeout
				+ ", streamTimeout=" + this.streamTimeout + ", firstTokenTimeout=" + this.firstTokenTimeout
				+ ", idleTimeout=" + this.idleTimeout + ", maxResponseBytes=" + this.maxResponseBytes + ", retryPolicy="
				+ this.retryPolicy + ", circuitBreaker=" + this.circuitBreakerPolicy + ", circuitState="
				+ circuitState() + ", transport=" + this.transport + (this.closed.get() ? ", closed" : "") + "]";
	}

	// ---------------------------------------------------------------- blocking calls

	/**
	 * A response handler; {@code bytes} is {@code null} if a non-2xx body was too large.
	 */
	@FunctionalInterface
	interface Handler<T> {

		T handle(Call call, TransportResponse response, String contentType, byte[] bytes);

	}

	/**
	 * What to send; {@code endUser} is the end user header's value, or {@code null};
	 * {@code headers} are the listener's (trace context).
	 */
	record Call(String method, String path, byte[] body, boolean idempotent, boolean guarded, String accept,
			String endUser, Map<String, String> headers) {

		Call(String method, String path, byte[] body, boolean idempotent, boolean guarded, String accept) {
			this(method, path, body, idempotent, guarded, accept, null, Map.of());
		}

		Call(String method, String path, byte[] body, boolean idempotent, boolean guarded, String accept,
				String endUser) {
			this(method, path, body, idempotent, guarded, accept, endUser, Map.of());
		}

		Call withHeaders(Map<String, String> extra) {
			return new Call(this.method, this.path, this.body, this.idempotent, this.guarded, this.accept, this.endUser,
					extra);
		}

		String describe() {
			return this.method + " " + this.path;
		}

		@Override
		public String toString() {
			return describe();
		}

	}

	private <T> T execute(Call plain, Handler<T> handler) {
		ensureOpen();
		Call call = plain.withHeaders(listenerHeaders(plain.describe()));
		long deadline = System.nanoTime() + this.requestTimeout.toNanos();
		Retry.AsyncContext<Object> retry = (call.idempotent() ? this.idempotentRetry : this.chatRetry).asyncContext();
		for (int attempt = 1;; attempt++) {
			try {
				T result = guarded(call, () -> exchange(call, handler, deadline));
				retry.onComplete();
				return result;
			}
			catch (AgentClientException ex) {
				long delay = retry.onError(ex);
				if (!mayRetry(call.describe(), ex, attempt, delay, deadline)) {
					throw ex;
				}
				pause(call.describe(), delay, this.closedLatch);
			}
		}
	}

	/**
	 * Decides and logs whether to retry after a failed attempt.
	 */
	boolean mayRetry(String call, AgentClientException failure, int attempt, long delayMillis, long deadline) {
		if (delayMillis < 0) {
			if (attempt > 1 || failure.isRetriable()) {
				logger.debug("{} failed on attempt {}, not retried: {}", call, attempt, failure.getMessage());
			}
			return false;
		}
		if (TimeUnit.MILLISECONDS.toNanos(delayMillis) >= deadline - System.nanoTime()) {
			logger.info("{} failed on attempt {}; no time left to retry within the time limit: {}", call, attempt,
					failure.getMessage());
			return false;
		}
		logger.info("{} failed on attempt {} of {}; retrying in {} ms: {}", call, attempt,
				this.retryPolicy.maxAttempts(), delayMillis, failure.getMessage());
		notifyListener(() -> this.listener.retrying(call, attempt, failure));
		return true;
	}

	/**
	 * Waits between attempts.
	 * @return normally if the delay elapsed
	 * @throws IllegalStateException if the client was closed meanwhile
	 * @throws AgentClientException if the thread was interrupted
	 */
	void pause(String call, long delayMillis, CountDownLatch wakeUp) {
		try {
			if (!this.sleeper.sleep(Duration.ofMillis(delayMillis), wakeUp) && this.closed.get()) {
				throw new IllegalStateException("AgentClient was closed while " + call + " was waiting to retry");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentClientException(call + " was interrupted while waiting to retry", ex);
		}
	}

	/** One attempt through the circuit breaker. */
	@FunctionalInterface
	interface Attempt<T> {

		T run();

	}

	<T> T guarded(Call call, Attempt<T> attempt) {
		CircuitBreaker breaker = call.guarded() ? this.circuitBreaker : null;
		if (breaker == null) {
			return attempt.run();
		}
		if (!breaker.tryAcquirePermission()) {
			throw circuitOpen(call.describe());
		}
		long start = System.nanoTime();
		try {
			T result = attempt.run();
			breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (AgentClientException ex) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			breaker.releasePermission();
			throw ex;
		}
	}

	private AgentUnavailableException circuitOpen(String call) {
		return new AgentUnavailableException(
				call + " not sent: the agent at " + this.baseUrl + " failed repeatedly and this client's circuit "
						+ "breaker is open; it lets trial calls through after "
						+ this.circuitBreakerPolicy.waitDurationInOpenState(),
				-1, null, this.circuitBreakerPolicy.waitDurationInOpenState(), null)
			.markCircuitOpen();
	}

	private <T> T exchange(Call call, Handler<T> handler, long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw new AgentTimeoutException(call + ": no answer within requestTimeout (" + this.requestTimeout + ")");
		}
		Exchange exchange = open(call);
		Deadlines.Deadline watchdog = schedule(() -> exchange.abort(Exchange.Abort.REQUEST_TIMEOUT), remaining);
		try {
			TransportResponse response = exchange.awaitResponse();
			int status = response.statusCode();
			String contentType = response.header("Content-Type").orElse(null);
			byte[] bytes;
			try {
				bytes = Bodies.readAtMost(response.body(), response.header("Content-Length"), this.maxResponseBytes);
			}
			catch (BodyTooLargeException ex) {
				if (status >= 200 && status <= 299) {
					throw ex;
				}
				bytes = null;
			}
			return handler.handle(call, response, contentType, bytes);
		}
		catch (IOException ex) {
			throw failure(call.describe(), exchange, ex);
		}
		catch (InterruptedException ex) {
			exchange.abort(Exchange.Abort.CANCELLED);
			Thread.currentThread().interrupt();
			throw new AgentClientException(call + " was interrupted", ex);
		}
		finally {
			watchdog.cancel();
			release(exchange);
		}
	}

	// ---------------------------------------------------------------- shared by streams

	TransportRequest request(Call call) {
		Map<String, String> headers = new LinkedHashMap<>(call.headers());
		headers.put("Accept", call.accept());
		headers.put("User-Agent", this.userAgent);
		if (this.authorization != null) {
			headers.put("Authorization", this.authorization);
		}
		if (call.endUser() != null) {
			headers.put(AgentApi.END_USER_HEADER, call.endUser());
		}
		if (call.body() != null) {
			headers.put("Content-Type", JSON);
		}
		return new TransportRequest(call.method(), URI.create(this.baseUrl + call.path()), headers, call.body());
	}

	/**
	 * Prepares an exchange and registers it, so that {@link #close()} can abort it; the
	 * request goes out in {@link Exchange#awaitResponse()}.
	 */
	Exchange open(Call call) {
		Exchange exchange = new Exchange(this.transport, request(call));
		this.exchanges.add(exchange);
		if (this.closed.get()) {
			exchange.abort(Exchange.Abort.CLIENT_CLOSED);
		}
		return exchange;
	}

	void release(Exchange exchange) {
		this.exchanges.remove(exchange);
		exchange.close();
	}

	Deadlines.Deadline schedule(Runnable task, long delayNanos) {
		try {
			return this.deadlines.arm(task, System.nanoTime() + delayNanos);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("AgentClient is closed", ex);
		}
	}

	Retry chatRetry() {
		return this.chatRetry;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * The exception for a failed exchange: a watchdog's abort, the client's closing, or
	 * the transport's own failure.
	 */
	RuntimeException failure(String call, Exchange exchange, IOException cause) {
		Exchange.Abort reason = exchange.abortReason();
		if (reason == null) {
			return this.failures.fromIo(call, cause);
		}
		return switch (reason) {
			case REQUEST_TIMEOUT -> new AgentTimeoutException(
					call + ": no complete answer within requestTimeout (" + this.requestTimeout + "); exchange closed",
					cause);
			case FIRST_TOKEN_TIMEOUT -> new AgentTimeoutException(call + ": no first event within firstTokenTimeout ("
					+ this.firstTokenTimeout + "); exchange closed", cause);
			case IDLE_TIMEOUT -> new AgentTimeoutException(
					call + ": no event for idleTimeout (" + this.idleTimeout + "); exchange closed", cause);
			case STREAM_TIMEOUT -> new AgentTimeoutException(call + ": the stream did not end within streamTimeout ("
					+ this.streamTimeout + "); exchange closed", cause);
			case CLIENT_CLOSED ->
				new IllegalStateException("AgentClient was closed while " + call + " was running", cause);
			case CANCELLED, DRAINED -> new java.util.concurrent.CancellationException(call + " was cancelled");
		};
	}

	AgentProtocolException malformedJson(Call call, RuntimeException cause) {
		return new AgentProtocolException(call + ": the agent's answer is not valid JSON of the expected shape ("
				+ cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()) + ")", cause);
	}

	private void requireJsonSuccess(Call call, TransportResponse response, String contentType, byte[] bytes) {
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw this.failures.fromResponse(call.describe(), status, contentType, bytes,
					response.header("Retry-After"));
		}
		if (!MediaTypes.isJson(contentType)) {
			throw this.failures.wrongContentType(call.describe(), JSON, contentType, status, bytes);
		}
	}

	private <T> T readJson(Call call, TransportResponse response, String contentType, byte[] bytes, Class<T> type) {
		requireJsonSuccess(call, response, contentType, bytes);
		try {
			return this.json.read(bytes, type);
		}
		catch (JacksonException | JsonCodec.NullJsonException ex) {
			throw malformedJson(call, ex);
		}
	}

	private byte[] chatBody(ChatRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		if (request.message() == null || request.message().isBlank()) {
			throw new AgentInvalidRequestException("ChatRequest.message must not be blank, but was "
					+ ((request.message() == null) ? "null" : "'" + request.message() + "'")
					+ "; send the user's text");
		}
		if (request.conversationId() != null && !AgentApi.isValidConversationId(request.conversationId())) {
			throw invalidConversationId("ChatRequest.conversationId", request.conversationId());
		}
		ensureOpen();
		return this.json.write(request);
	}

	private String conversationPath(String conversationId) {
		if (!AgentApi.isValidConversationId(conversationId)) {
			throw invalidConversationId("conversationId", conversationId);
		}
		return AgentApi.CONVERSATIONS_PATH + conversationId;
	}

	private static AgentInvalidRequestException invalidConversationId(String name, String value) {
		String shown = (value == null) ? "null"
				: "'" + ((value.length() > 80) ? value.substring(0, 80) + "..." : value) + "'";
		return new AgentInvalidRequestException(name + " must be 1 to 64 letters, digits, '-' or '_', starting with a "
				+ "letter or digit (as returned by the agent), but was " + shown);
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("AgentClient is closed; build a new one");
		}
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "";
		}
		int newline = text.indexOf('\n');
		return (newline >= 0) ? text.substring(0, newline) : text;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * This client acting for one end user: every request names the user; circuit breaker,
	 * retries, threads and transport are the client's.
	 */
	private final class EndUserClient implements AgentClient {

		private final String endUser;

		EndUserClient(String endUser) {
			this.endUser = endUser;
		}

		@Override
		public ChatReply chat(ChatRequest request) {
			return DefaultAgentClient.this.chat(request, this.endUser);
		}

		@Override
		public StreamHandle stream(ChatRequest request, StreamListener listener) {
			return DefaultAgentClient.this.stream(request, listener, this.endUser);
		}

		@Override
		public ChatStream stream(ChatRequest request) {
			return DefaultAgentClient.this.stream(request, this.endUser);
		}

		@Override
		public Conversation conversation(String conversationId) {
			return DefaultAgentClient.this.conversation(conversationId, null, AgentApi.DEFAULT_PAGE_SIZE, this.endUser);
		}

		@Override
		public Conversation conversation(String conversationId, String before, int limit) {
			pageSize(limit);
			return DefaultAgentClient.this.conversation(conversationId, before, limit, this.endUser);
		}

		@Override
		public ConversationList conversations(String cursor, int limit) {
			return DefaultAgentClient.this.conversations(cursor, limit, this.endUser);
		}

		@Override
		public ConversationSummary renameConversation(String conversationId, String title) {
			return DefaultAgentClient.this.renameConversation(conversationId, title, this.endUser);
		}

		@Override
		public void deleteConversation(String conversationId) {
			DefaultAgentClient.this.deleteConversation(conversationId, this.endUser);
		}

		@Override
		public void rateMessage(String conversationId, String messageId, String rating) {
			DefaultAgentClient.this.rateMessage(conversationId, messageId, rating, this.endUser);
		}

		@Override
		public AgentClient forEndUser(String endUser) {
			return DefaultAgentClient.this.forEndUser(endUser);
		}

		@Override
		public List<ModelStatus> models() {
			return DefaultAgentClient.this.models();
		}

		@Override
		public Health health() {
			return DefaultAgentClient.this.health();
		}

		@Override
		public CircuitState circuitState() {
			return DefaultAgentClient.this.circuitState();
		}

		/**
		 * Does nothing: the view shares the client's resources, which
		 * {@link DefaultAgentClient#close()} releases.
		 */
		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return "AgentClient for an end user of " + DefaultAgentClient.this;
		}

	}

}
