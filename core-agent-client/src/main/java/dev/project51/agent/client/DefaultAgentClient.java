package dev.project51.agent.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import dev.project51.agent.client.internal.JsonCodec;
import dev.project51.agent.client.internal.MediaTypes;
import dev.project51.agent.client.internal.Sleeper;
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

	final URI baseUrl;

	private final Duration requestTimeout;

	final Duration streamTimeout;

	final Duration firstTokenTimeout;

	final Duration idleTimeout;

	final int maxResponseBytes;

	private final RetryPolicy retryPolicy;

	private final CircuitBreakerPolicy circuitBreakerPolicy;

	private final ListenerCalls listener;

	final Resilience resilience;

	private final Clock clock;

	final Sleeper sleeper;

	final JsonCodec json = new JsonCodec();

	final Failures failures;

	final Exchanges exchanges;

	private final Executor streamExecutor;

	/**
	 * The default executor, created and shut down by this client; {@code null} if one was
	 * given.
	 */
	private final ExecutorService ownExecutor;

	private final Set<StreamHandle> streams = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final CountDownLatch closedLatch = new CountDownLatch(1);

	DefaultAgentClient(AgentClientBuilder builder) {
		this.baseUrl = builder.baseUrl;
		this.requestTimeout = builder.requestTimeout;
		this.streamTimeout = builder.streamTimeout;
		this.firstTokenTimeout = builder.firstTokenTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.maxResponseBytes = builder.maxResponseBytes;
		this.retryPolicy = builder.retryPolicy;
		this.circuitBreakerPolicy = builder.circuitBreaker;
		this.clock = builder.clock;
		this.sleeper = builder.sleeper;
		this.listener = new ListenerCalls(builder.listener);
		this.failures = new Failures(this.json, this.clock, this.baseUrl);
		this.resilience = new Resilience(builder, this.listener);
		int id = CLIENT_IDS.incrementAndGet();
		this.exchanges = new Exchanges(builder, this.failures, "project51-agent-client-" + id + "-watchdog");
		this.ownExecutor = (builder.executor != null) ? null
				: Executors.newCachedThreadPool(daemonThreads("project51-agent-client-" + id + "-stream"));
		this.streamExecutor = (builder.executor != null) ? builder.executor : this.ownExecutor;
	}

	// ---------------------------------------------------------------- API

	@Override
	public ChatReply chat(ChatRequest request) {
		return chat(request, null);
	}

	ChatReply chat(ChatRequest request, String endUser) {
		byte[] body = chatBody(request);
		return executeForJson(new Call("POST", AgentApi.CHAT_PATH, body, false, true, JSON, endUser), ChatReply.class);
	}

	@Override
	public StreamHandle stream(ChatRequest request, StreamListener listener) {
		return stream(request, listener, null);
	}

	StreamHandle stream(ChatRequest request, StreamListener listener, String endUser) {
		Objects.requireNonNull(listener, "listener must not be null");
		StreamCall call = new StreamCall(streamSource(request, endUser), listener);
		track(call);
		try {
			this.streamExecutor.execute(call::run);
		}
		catch (RejectedExecutionException ex) {
			this.streams.remove(call);
			throw new IllegalStateException(
					this.closed.get() ? "AgentClient is closed" : "The stream executor rejected the stream: " + ex, ex);
		}
		return call;
	}

	@Override
	public ChatStream stream(ChatRequest request) {
		return stream(request, (String) null);
	}

	ChatStream stream(ChatRequest request, String endUser) {
		return new CallerChatStream(streamSource(request, endUser), this::track);
	}

	private StreamSource streamSource(ChatRequest request, String endUser) {
		byte[] body = chatBody(request);
		Call call = new Call("POST", AgentApi.CHAT_STREAM_PATH, body, false, true, AgentApi.EVENT_STREAM, endUser,
				this.listener.requestHeaders("POST " + AgentApi.CHAT_STREAM_PATH));
		return new StreamSource(this, call);
	}

	/**
	 * Keeps a running stream until it ends, so that {@link #close()} cancels it; one
	 * tracked after the closing is cancelled at once.
	 */
	private void track(StreamHandle stream) {
		this.streams.add(stream);
		stream.completion().whenComplete((done, failure) -> this.streams.remove(stream));
		if (this.closed.get()) {
			stream.cancel();
		}
	}

	@Override
	public Conversation conversation(String conversationId) {
		return conversation(conversationId, null, 0, null);
	}

	@Override
	public Conversation conversation(String conversationId, String before, int limit) {
		RequestChecks.pageSize(limit);
		return conversation(conversationId, before, limit, null);
	}

	Conversation conversation(String conversationId, String before, int limit, String endUser) {
		// limit 0: the agent's default page, the latest one
		String path = RequestChecks.conversationPath(conversationId)
				+ ((limit == 0) ? "" : "?" + AgentApi.LIMIT_PARAMETER + "=" + RequestChecks.pageSize(limit))
				+ ((before != null) ? "&" + AgentApi.BEFORE_PARAMETER + "=" + RequestChecks.cursor("before", before)
						: "");
		return executeForJson(new Call("GET", path, null, true, true, JSON, endUser), Conversation.class);
	}

	@Override
	public ConversationList conversations(String cursor, int limit) {
		return conversations(cursor, limit, null);
	}

	ConversationList conversations(String cursor, int limit, String endUser) {
		String path = AgentApi.CONVERSATION_LIST_PATH + "?" + AgentApi.LIMIT_PARAMETER + "="
				+ RequestChecks.pageSize(limit) + ((cursor != null)
						? "&" + AgentApi.CURSOR_PARAMETER + "=" + RequestChecks.cursor("cursor", cursor) : "");
		return executeForJson(new Call("GET", path, null, true, true, JSON, endUser), ConversationList.class);
	}

	@Override
	public ConversationSummary renameConversation(String conversationId, String title) {
		return renameConversation(conversationId, title, null);
	}

	ConversationSummary renameConversation(String conversationId, String title, String endUser) {
		String path = RequestChecks.conversationPath(conversationId);
		RequestChecks.title(title);
		ensureOpen();
		byte[] body = this.json.write(new ConversationRename(title));
		// Renaming twice to the same title is the same as once: safe to retry.
		return executeForJson(new Call("PATCH", path, body, true, true, JSON, endUser), ConversationSummary.class);
	}

	@Override
	public void rateMessage(String conversationId, String messageId, String rating) {
		rateMessage(conversationId, messageId, rating, null);
	}

	void rateMessage(String conversationId, String messageId, String rating, String endUser) {
		RequestChecks.conversationPath(conversationId);
		RequestChecks.feedback(messageId, rating);
		ensureOpen();
		byte[] body = this.json.write(new MessageFeedback(rating));
		// Setting the same rating twice is the same as once: safe to retry.
		execute(new Call("PUT", AgentApi.feedbackPath(conversationId, messageId), body, true, true, JSON, endUser),
				(call, response, contentType, bytes) -> {
					requireSuccess(call, response, contentType, bytes);
					return null;
				});
	}

	@Override
	public void deleteConversation(String conversationId) {
		deleteConversation(conversationId, null);
	}

	void deleteConversation(String conversationId, String endUser) {
		String path = RequestChecks.conversationPath(conversationId);
		execute(new Call("DELETE", path, null, true, true, JSON, endUser), (call, response, contentType, bytes) -> {
			int status = response.statusCode();
			if (status == 404) {
				logger.debug("{}: the conversation did not exist", call);
				return null;
			}
			requireSuccess(call, response, contentType, bytes);
			return null;
		});
	}

	@Override
	public AgentClient forEndUser(String endUser) {
		RequestChecks.endUser(endUser);
		return new EndUserClient(this, endUser);
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
						throw this.failures.malformedJson(call, ex);
					}
				});
	}

	@Override
	public Health health() {
		Health health = readiness();
		if (health.isUp()) {
			this.resilience.agentReady();
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
		return this.resilience.circuitState();
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.closedLatch.countDown();
		for (StreamHandle stream : this.streams) {
			stream.cancel();
		}
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdownNow();
		}
		this.exchanges.close();
		try {
			if (this.ownExecutor != null) {
				this.ownExecutor.awaitTermination(1, TimeUnit.SECONDS);
			}
			this.exchanges.awaitTermination();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.debug("AgentClient for {} closed", this.baseUrl);
	}

	@Override
	public String toString() {
		return "AgentClient[baseUrl=" + this.baseUrl + ", apiToken="
				+ (this.exchanges.hasApiToken() ? "(set)" : "(none)") + ", requestTimeout=" + this.requestTimeout
				+ ", streamTimeout=" + this.streamTimeout + ", firstTokenTimeout=" + this.firstTokenTimeout
				+ ", idleTimeout=" + this.idleTimeout + ", maxResponseBytes=" + this.maxResponseBytes + ", retryPolicy="
				+ this.retryPolicy + ", circuitBreaker=" + this.circuitBreakerPolicy + ", circuitState="
				+ circuitState() + ", transport=" + this.exchanges.transport() + (this.closed.get() ? ", closed" : "")
				+ "]";
	}

	// ---------------------------------------------------------------- blocking calls

	private <T> T execute(Call plain, Call.Handler<T> handler) {
		ensureOpen();
		Call call = plain.withHeaders(this.listener.requestHeaders(plain.describe()));
		long deadline = System.nanoTime() + this.requestTimeout.toNanos();
		Retry.AsyncContext<Object> retry = this.resilience.retry(call.idempotent()).asyncContext();
		for (int attempt = 1;; attempt++) {
			try {
				T result = this.resilience.guarded(call, () -> this.exchanges.exchange(call, handler, deadline));
				retry.onComplete();
				return result;
			}
			catch (AgentClientException ex) {
				long delay = retry.onError(ex);
				if (!this.resilience.mayRetry(call.describe(), ex, attempt, delay, deadline)) {
					throw ex;
				}
				pause(call.describe(), delay, this.closedLatch);
			}
		}
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

	// ---------------------------------------------------------------- shared by streams

	private void requireSuccess(Call call, TransportResponse response, String contentType, byte[] bytes) {
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			throw this.failures.fromResponse(call.describe(), status, contentType, bytes,
					response.header("Retry-After"));
		}
	}

	private void requireJsonSuccess(Call call, TransportResponse response, String contentType, byte[] bytes) {
		requireSuccess(call, response, contentType, bytes);
		if (!MediaTypes.isJson(contentType)) {
			throw this.failures.wrongContentType(call.describe(), JSON, contentType, response.statusCode(), bytes);
		}
	}

	private <T> T executeForJson(Call call, Class<T> type) {
		return execute(call,
				(sent, response, contentType, bytes) -> readJson(sent, response, contentType, bytes, type));
	}

	private <T> T readJson(Call call, TransportResponse response, String contentType, byte[] bytes, Class<T> type) {
		requireJsonSuccess(call, response, contentType, bytes);
		try {
			return this.json.read(bytes, type);
		}
		catch (JacksonException | JsonCodec.NullJsonException ex) {
			throw this.failures.malformedJson(call, ex);
		}
	}

	private byte[] chatBody(ChatRequest request) {
		RequestChecks.chat(request);
		ensureOpen();
		return this.json.write(request);
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException("AgentClient is closed; build a new one");
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
