package dev.project51.agent.server.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.server.failover.FailoverPolicy;
import dev.project51.server.internal.security.AllowedHosts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the Project51 agent server ({@code project51.agent.*}). Validated at
 * startup: a bad value stops the application with a message naming the property, the
 * value and what is expected.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("project51.agent")
public class AgentProperties implements Validator {

	/**
	 * Whether the agent server is auto-configured (and its server.port, datasource and
	 * probe defaults applied). Set to false in an application that only has the starter
	 * on its classpath for tests.
	 */
	private boolean enabled = true;

	/**
	 * Bearer token required on every /api/** and /v1/** request (usually from the
	 * environment variable AGENT_API_TOKEN). Empty means no authentication.
	 */
	private String apiToken;

	/**
	 * Host names the agent answers to in the Host header, against DNS rebinding, besides
	 * those always allowed: localhost and names under .localhost, IP addresses, and on
	 * Render the service's own name (RENDER_EXTERNAL_HOSTNAME). A name such as
	 * agent.example.com, a pattern such as *.example.com (names under it), or * for any
	 * host. The health endpoint and its groups answer any host.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	/**
	 * Location of the system prompt (Markdown or text).
	 */
	private String systemPrompt = "classpath:dev/project51/agent/server/system-prompt.md";

	/**
	 * The remote models of the failover chain, in order of preference. The offline local
	 * model is always appended; a model without credentials is skipped.
	 */
	private List<Model> models = new ArrayList<>();

	/**
	 * The offline local model at the end of the chain.
	 */
	private final Local local = new Local();

	/**
	 * Retries, circuit breakers and stream watchdogs.
	 */
	private final Failover failover = new Failover();

	/**
	 * Turns and memory of conversations.
	 */
	private final Chat chat = new Chat();

	/**
	 * Request limits.
	 */
	private final Limits limits = new Limits();

	/**
	 * The knowledge base (RAG).
	 */
	private final Knowledge knowledge = new Knowledge();

	/**
	 * Where conversations are stored.
	 */
	private final Memory memory = new Memory();

	/**
	 * The OpenAI-compatible endpoint.
	 */
	private final OpenAi openai = new OpenAi();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(String apiToken) {
		this.apiToken = apiToken;
	}

	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public String getSystemPrompt() {
		return this.systemPrompt;
	}

	public void setSystemPrompt(String systemPrompt) {
		this.systemPrompt = systemPrompt;
	}

	public List<Model> getModels() {
		return this.models;
	}

	public void setModels(List<Model> models) {
		this.models = models;
	}

	public Local getLocal() {
		return this.local;
	}

	public Failover getFailover() {
		return this.failover;
	}

	public Chat getChat() {
		return this.chat;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Knowledge getKnowledge() {
		return this.knowledge;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public OpenAi getOpenai() {
		return this.openai;
	}

	@Override
	public boolean supports(Class<?> type) {
		return AgentProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		AgentProperties properties = (AgentProperties) target;
		Set<String> names = new HashSet<>();
		names.add(properties.local.name);
		for (int i = 0; i < properties.models.size(); i++) {
			validateModel(properties.models.get(i), "models[" + i + "].", names, errors);
		}
		Local local = properties.local;
		notBlank(errors, "local.name", local.name);
		notNegative(errors, "local.tokenDelay", local.tokenDelay);
		between(errors, "local.toolThreshold", local.toolThreshold, 0, 1);
		properties.failover.validate(errors);
		Chat chat = properties.chat;
		positive(errors, "chat.timeout", chat.timeout);
		positive(errors, "chat.streamTimeout", chat.streamTimeout);
		positive(errors, "chat.streamHeartbeat", chat.streamHeartbeat);
		notNegative(errors, "chat.busyWait", chat.busyWait);
		if (chat.turnLease == null || chat.turnLease.compareTo(Duration.ofSeconds(3)) < 0) {
			reject(errors, "chat.turnLease", "a duration >= 3s (e.g. 30s)", chat.turnLease);
		}
		atLeast(errors, "chat.memoryMaxMessages", chat.memoryMaxMessages, 2);
		if (!errors.hasErrors()) {
			TimeoutBudget.validate(properties, errors);
		}
		Limits limits = properties.limits;
		atLeast(errors, "limits.maxMessageLength", limits.maxMessageLength, 1);
		if (limits.maxAnswerLength < 1000 || limits.maxAnswerLength > AgentApi.DEFAULT_MAX_ANSWER_LENGTH) {
			reject(errors, "limits.maxAnswerLength", "between 1000 and " + AgentApi.DEFAULT_MAX_ANSWER_LENGTH,
					limits.maxAnswerLength);
		}
		if (limits.maxBodySize == null || limits.maxBodySize.toBytes() < 1024) {
			reject(errors, "limits.maxBodySize", "at least 1KB", limits.maxBodySize);
		}
		atLeast(errors, "limits.rateLimit.requestsPerMinute", limits.rateLimit.requestsPerMinute, 1);
		atLeast(errors, "limits.rateLimit.burst", limits.rateLimit.burst, 1);
		atLeast(errors, "limits.rateLimit.userRequestsPerMinute", limits.rateLimit.userRequestsPerMinute, 1);
		atLeast(errors, "limits.rateLimit.userBurst", limits.rateLimit.userBurst, 1);
		atLeast(errors, "limits.authFailuresPerMinute", limits.authFailuresPerMinute, 1);
		positive(errors, "limits.headerTimeout", limits.headerTimeout);
		positive(errors, "limits.bodyTimeout", limits.bodyTimeout);
		atLeast(errors, "limits.maxConnectionsPerAddress", limits.maxConnectionsPerAddress, 1);
		if (properties.allowedHosts != null) {
			for (int i = 0; i < properties.allowedHosts.size(); i++) {
				String host = properties.allowedHosts.get(i);
				String reason = AllowedHosts.invalid(host);
				if (reason != null) {
					errors.rejectValue("allowedHosts[" + i + "]", "invalid",
							"must be a host name, but was '" + host + "': " + reason);
				}
			}
		}
		Knowledge knowledge = properties.knowledge;
		atLeast(errors, "knowledge.maxResults", knowledge.maxResults, 1);
		between(errors, "knowledge.minScore", knowledge.minScore, 0, 1);
		notBlank(errors, "memory.path", properties.memory.path);
		notBlank(errors, "openai.modelId", properties.openai.modelId);
	}

	private static void validateModel(Model model, String prefix, Set<String> names, Errors errors) {
		if (model.provider == null) {
			errors.rejectValue(prefix + "provider", "required",
					"is required: one of openai, anthropic, gemini, openai-compatible");
			return;
		}
		String name = model.effectiveName();
		if (name == null || name.isBlank()) {
			errors.rejectValue(prefix + "model", "required", "is required for provider " + model.provider.id()
					+ " (the provider's model name, e.g. " + model.provider.exampleModel() + ")");
		}
		else if (!names.add(name)) {
			errors.rejectValue(prefix + "name", "duplicate", "must be unique in the chain, but '" + name
					+ "' is used twice; set a distinct name (the local model is named after local.name)");
		}
		if (model.provider == Provider.OPENAI_COMPATIBLE && (model.baseUrl == null || model.baseUrl.isBlank())) {
			errors.rejectValue(prefix + "baseUrl", "required",
					"is required for provider openai-compatible, e.g. http://localhost:11434/v1 for Ollama");
		}
		if (model.baseUrl != null && !model.baseUrl.isBlank() && !isHttpUrl(model.baseUrl)) {
			errors.rejectValue(prefix + "baseUrl", "invalid",
					"must be an absolute http(s) URL, but was '" + model.baseUrl + "'");
		}
		if (model.timeout != null) {
			positive(errors, prefix + "timeout", model.timeout);
		}
		if (model.temperature != null && (model.temperature < 0 || model.temperature > 2)) {
			reject(errors, prefix + "temperature", "between 0 and 2", model.temperature);
		}
		if (model.maxTokens != null && model.maxTokens < 1) {
			reject(errors, prefix + "maxTokens", ">= 1", model.maxTokens);
		}
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void notBlank(Errors errors, String field, String value) {
		if (value == null || value.isBlank()) {
			errors.rejectValue(field, "required", "must not be blank");
		}
	}

	private static void atLeast(Errors errors, String field, int value, int minimum) {
		if (value < minimum) {
			reject(errors, field, ">= " + minimum, value);
		}
	}

	private static void between(Errors errors, String field, double value, double min, double max) {
		if (value < min || value > max) {
			reject(errors, field, "between " + min + " and " + max, value);
		}
	}

	private static void notNegative(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative()) {
			reject(errors, field, "a duration >= 0 (e.g. 500ms or 2s)", value);
		}
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			reject(errors, field, "a duration > 0 (e.g. 500ms or 30s)", value);
		}
	}

	private static void reject(Errors errors, String field, String expected, Object value) {
		errors.rejectValue(field, "invalid", "must be " + expected + ", but was " + value);
	}

	/**
	 * Model provider kinds.
	 */
	public enum Provider {

		/** OpenAI's API. */
		OPENAI("openai", "gpt-4o-mini"),

		/** Anthropic's API. */
		ANTHROPIC("anthropic", "claude-3-5-haiku-latest"),

		/** Google AI Gemini's API. */
		GEMINI("gemini", "gemini-2.0-flash"),

		/**
		 * Any server speaking OpenAI's chat completions API (Ollama, vLLM, LM Studio).
		 */
		OPENAI_COMPATIBLE("openai-compatible", "llama3.2");

		private final String id;

		private final String exampleModel;

		Provider(String id, String exampleModel) {
			this.id = id;
			this.exampleModel = exampleModel;
		}

		/**
		 * The provider id used in statuses and metrics.
		 * @return the id, e.g. {@code openai-compatible}
		 */
		public String id() {
			return this.id;
		}

		String exampleModel() {
			return this.exampleModel;
		}

	}

	/**
	 * One remote model of the chain.
	 */
	public static class Model {

		/**
		 * Name shown to users and in metrics; defaults to the model name.
		 */
		private String name;

		/**
		 * Provider kind: openai, anthropic, gemini or openai-compatible.
		 */
		private Provider provider;

		/**
		 * The provider's model name, e.g. gpt-4o-mini.
		 */
		private String model;

		/**
		 * API key (from the environment, e.g. ${OPENAI_API_KEY:}). A model of openai,
		 * anthropic or gemini without key is skipped; optional for openai-compatible.
		 */
		private String apiKey;

		/**
		 * Base URL of the provider's API; required for openai-compatible.
		 */
		private String baseUrl;

		/**
		 * Connect and response-header timeout of the provider's HTTP client; when not
		 * set, failover.first-token-timeout. Every call streams and is watched by the
		 * failover first-token and idle timeouts, which bound it anyway.
		 */
		private Duration timeout;

		/**
		 * Sampling temperature; the provider's default when not set.
		 */
		private Double temperature;

		/**
		 * Most tokens of an answer; the provider's default when not set.
		 */
		private Integer maxTokens;

		/**
		 * Whether this model is part of the chain.
		 */
		private boolean enabled = true;

		String effectiveName() {
			return (this.name != null && !this.name.isBlank()) ? this.name : this.model;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Provider getProvider() {
			return this.provider;
		}

		public void setProvider(Provider provider) {
			this.provider = provider;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(String apiKey) {
			this.apiKey = apiKey;
		}

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(Double temperature) {
			this.temperature = temperature;
		}

		public Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		@Override
		public String toString() {
			return "Model[name=" + effectiveName() + ", provider=" + this.provider + ", baseUrl=" + this.baseUrl
					+ ", apiKey=" + ((this.apiKey != null && !this.apiKey.isBlank()) ? "(set)" : "(none)") + "]";
		}

	}

	/**
	 * The offline local model.
	 */
	public static class Local {

		/**
		 * Name of the local model in the chain and in answers.
		 */
		private String name = "local";

		/**
		 * Pause between two streamed tokens of the local model.
		 */
		private Duration tokenDelay = Duration.ofMillis(15);

		/**
		 * Relevance (0 to 1) a message needs to a tool's name and description for the
		 * local model to call the tool.
		 */
		private double toolThreshold = 0.65;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Duration getTokenDelay() {
			return this.tokenDelay;
		}

		public void setTokenDelay(Duration tokenDelay) {
			this.tokenDelay = tokenDelay;
		}

		public double getToolThreshold() {
			return this.toolThreshold;
		}

		public void setToolThreshold(double toolThreshold) {
			this.toolThreshold = toolThreshold;
		}

	}

	/**
	 * Retries, circuit breakers and watchdogs of the failover chain. Every model call
	 * streams (blocking ones collect the answer).
	 */
	public static class Failover {

		/**
		 * Attempts per model and call, the first included; only transient errors (5xx,
		 * 408, 429, broken connections, empty answers) are retried, and only within the
		 * model's first-token budget.
		 */
		private int maxAttempts = FailoverPolicy.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Nominal wait before the first retry (then multiplied, randomized by the
		 * jitter).
		 */
		private Duration initialBackoff = FailoverPolicy.DEFAULT_INITIAL_BACKOFF;

		/**
		 * Factor applied to the wait after each retry.
		 */
		private double backoffMultiplier = FailoverPolicy.DEFAULT_BACKOFF_MULTIPLIER;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = FailoverPolicy.DEFAULT_MAX_BACKOFF;

		/**
		 * Randomization of each wait, as a fraction of it (0.5: within +-50 %).
		 */
		private double jitter = FailoverPolicy.DEFAULT_JITTER;

		/**
		 * A model's first-token budget: from its first attempt to its first token
		 * (connecting, retries and backoff included). When it is spent the call moves to
		 * the next model of the chain.
		 */
		private Duration firstTokenTimeout = FailoverPolicy.DEFAULT_FIRST_TOKEN_TIMEOUT;

		/**
		 * Longest silence of a model after its first token; a model that keeps sending
		 * within it is never cut off, however slow. When it passes, the answer ends as
		 * interrupted.
		 */
		private Duration idleTimeout = FailoverPolicy.DEFAULT_IDLE_TIMEOUT;

		/**
		 * Longest Retry-After of a provider that is honoured: a shorter one that fits in
		 * the first-token budget is waited for before the retry; a longer one keeps the
		 * model's circuit open that long (cut to this value). 0 ignores Retry-After.
		 */
		private Duration maxRetryAfter = FailoverPolicy.DEFAULT_MAX_RETRY_AFTER;

		/**
		 * The circuit breaker in front of each model.
		 */
		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getBackoffMultiplier() {
			return this.backoffMultiplier;
		}

		public void setBackoffMultiplier(double backoffMultiplier) {
			this.backoffMultiplier = backoffMultiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getFirstTokenTimeout() {
			return this.firstTokenTimeout;
		}

		public void setFirstTokenTimeout(Duration firstTokenTimeout) {
			this.firstTokenTimeout = firstTokenTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

		/**
		 * The failover policy these properties describe. The defaults and the rules of
		 * every value are the policy's ({@link FailoverPolicy}).
		 * @return the policy
		 * @throws IllegalArgumentException if a value is out of range or the slow-call
		 * threshold exceeds the first-token timeout
		 */
		public FailoverPolicy toPolicy() {
			return apply(FailoverPolicy.builder(), null).build();
		}

		/**
		 * Reports each value the policy's builder refuses as an error of its property,
		 * with the builder's message. The slow-call threshold's bound is part of the
		 * timeout budget ({@link TimeoutBudget}).
		 */
		void validate(Errors errors) {
			apply(FailoverPolicy.builder(), errors);
		}

		/**
		 * Sets every value on the builder; with {@code errors}, a refused value is
		 * rejected and the others are still checked, without, the first refusal throws.
		 */
		private FailoverPolicy.Builder apply(FailoverPolicy.Builder policy, Errors errors) {
			CircuitBreaker breaker = this.circuitBreaker;
			set(errors, "maxAttempts", () -> policy.maxAttempts(this.maxAttempts));
			set(errors, "initialBackoff", () -> policy.initialBackoff(this.initialBackoff));
			set(errors, "backoffMultiplier", () -> policy.backoffMultiplier(this.backoffMultiplier));
			set(errors, "maxBackoff", () -> policy.maxBackoff(this.maxBackoff));
			set(errors, "jitter", () -> policy.jitter(this.jitter));
			set(errors, "firstTokenTimeout", () -> policy.firstTokenTimeout(this.firstTokenTimeout));
			set(errors, "idleTimeout", () -> policy.idleTimeout(this.idleTimeout));
			set(errors, "maxRetryAfter", () -> policy.maxRetryAfter(this.maxRetryAfter));
			set(errors, "circuitBreaker.slidingWindowSize", () -> policy.slidingWindowSize(breaker.slidingWindowSize));
			set(errors, "circuitBreaker.minimumNumberOfCalls",
					() -> policy.minimumNumberOfCalls(breaker.minimumNumberOfCalls));
			set(errors, "circuitBreaker.failureRateThreshold",
					() -> policy.failureRateThreshold(breaker.failureRateThreshold));
			set(errors, "circuitBreaker.slowCallDurationThreshold",
					() -> policy.slowCallDurationThreshold(breaker.slowCallDurationThreshold));
			set(errors, "circuitBreaker.slowCallRateThreshold",
					() -> policy.slowCallRateThreshold(breaker.slowCallRateThreshold));
			set(errors, "circuitBreaker.waitDurationInOpenState",
					() -> policy.waitDurationInOpenState(breaker.waitDurationInOpenState));
			return policy;
		}

		/**
		 * Runs one setter of the policy's builder; a refusal becomes an error of the
		 * property whose builder parameter it names ({@code circuitBreaker.x} sets
		 * {@code x}), the parameter's name taken off the message.
		 */
		private static void set(Errors errors, String property, Runnable setter) {
			if (errors == null) {
				setter.run();
				return;
			}
			try {
				setter.run();
			}
			catch (IllegalArgumentException ex) {
				String parameter = property.substring(property.lastIndexOf('.') + 1);
				String message = String.valueOf(ex.getMessage());
				if (message.startsWith(parameter + " ")) {
					message = message.substring(parameter.length() + 1);
				}
				errors.rejectValue("failover." + property, "invalid", message);
			}
		}

	}

	/**
	 * The circuit breaker of each model.
	 */
	public static class CircuitBreaker {

		/**
		 * Number of recent calls the failure and slow-call rates are computed over.
		 */
		private int slidingWindowSize = FailoverPolicy.DEFAULT_SLIDING_WINDOW_SIZE;

		/**
		 * Calls needed before the rates are computed.
		 */
		private int minimumNumberOfCalls = FailoverPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS;

		/**
		 * Failure rate, in percent, that opens the circuit.
		 */
		private float failureRateThreshold = FailoverPolicy.DEFAULT_FAILURE_RATE_THRESHOLD;

		/**
		 * Time to the first token above which a call counts as slow; at most
		 * failover.first-token-timeout.
		 */
		private Duration slowCallDurationThreshold = FailoverPolicy.DEFAULT_SLOW_CALL_DURATION_THRESHOLD;

		/**
		 * Rate of slow calls, in percent, that opens the circuit.
		 */
		private float slowCallRateThreshold = FailoverPolicy.DEFAULT_SLOW_CALL_RATE_THRESHOLD;

		/**
		 * Interval of the background probes of an open circuit; the model takes calls
		 * again as soon as a probe's first token comes within the slow-call threshold.
		 */
		private Duration waitDurationInOpenState = FailoverPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public Duration getSlowCallDurationThreshold() {
			return this.slowCallDurationThreshold;
		}

		public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
			this.slowCallDurationThreshold = slowCallDurationThreshold;
		}

		public float getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(float slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

	}

	/**
	 * Turns and memory of conversations.
	 */
	public static class Chat {

		/**
		 * Longest time a blocking answer may take, answered with 504 timeout after it.
		 * Must exceed the failover path (every remote model's first-token budget) plus 5
		 * s for the local model, and stay below the clients' request timeout (60 s for
		 * the Project51 agent client).
		 */
		private Duration timeout = Duration.ofSeconds(50);

		/**
		 * Longest time a streamed answer may take; it then ends with an error event
		 * (answer-interrupted once text was sent). Must exceed the failover path plus 5
		 * s, and stay below the stream timeout of the clients (6 min for the chat
		 * frontend).
		 */
		private Duration streamTimeout = Duration.ofMinutes(5);

		/**
		 * Interval of the keep-alive comments of a streamed answer while it is silent
		 * (the model thinks, fails over, or a tool runs). A client that went away is
		 * noticed at the next one, and its turn cancelled; at most 5 s (the contract's
		 * bound).
		 */
		private Duration streamHeartbeat = Duration.ofSeconds(1);

		/**
		 * How long a message waits for the previous turn of its conversation before it is
		 * refused with 409 conversation-busy.
		 */
		private Duration busyWait = Duration.ofSeconds(5);

		/**
		 * How long a turn holds its conversation's lease in the database unless renewed
		 * (every third of it while the turn runs). Turns of a conversation are serialized
		 * across every replica that shares the database; a replica that dies in a turn
		 * frees its conversation after this time.
		 */
		private Duration turnLease = Duration.ofSeconds(30);

		/**
		 * Messages of a conversation the models see (a sliding window).
		 */
		private int memoryMaxMessages = 20;

		/**
		 * Most tool calls the models may make in one turn.
		 */
		private int maxToolRoundTrips = 10;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getStreamTimeout() {
			return this.streamTimeout;
		}

		public void setStreamTimeout(Duration streamTimeout) {
			this.streamTimeout = streamTimeout;
		}

		public Duration getStreamHeartbeat() {
			return this.streamHeartbeat;
		}

		public void setStreamHeartbeat(Duration streamHeartbeat) {
			this.streamHeartbeat = streamHeartbeat;
		}

		public Duration getBusyWait() {
			return this.busyWait;
		}

		public Duration getTurnLease() {
			return this.turnLease;
		}

		public void setTurnLease(Duration turnLease) {
			this.turnLease = turnLease;
		}

		public void setBusyWait(Duration busyWait) {
			this.busyWait = busyWait;
		}

		public int getMemoryMaxMessages() {
			return this.memoryMaxMessages;
		}

		public void setMemoryMaxMessages(int memoryMaxMessages) {
			this.memoryMaxMessages = memoryMaxMessages;
		}

		public int getMaxToolRoundTrips() {
			return this.maxToolRoundTrips;
		}

		public void setMaxToolRoundTrips(int maxToolRoundTrips) {
			this.maxToolRoundTrips = maxToolRoundTrips;
		}

	}

	/**
	 * Request limits.
	 */
	public static class Limits {

		/**
		 * Longest accepted message, in characters.
		 */
		private int maxMessageLength = 4000;

		/**
		 * Longest answer of a conversation, in characters (1000 to 32000): a longer one
		 * is cut there, ends with a visible marker, and is stored cut.
		 */
		private int maxAnswerLength = AgentApi.DEFAULT_MAX_ANSWER_LENGTH;

		/**
		 * Largest accepted request body.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		public int getMaxAnswerLength() {
			return this.maxAnswerLength;
		}

		public void setMaxAnswerLength(int maxAnswerLength) {
			this.maxAnswerLength = maxAnswerLength;
		}

		/**
		 * Requests per client address.
		 */
		private final RateLimit rateLimit = new RateLimit();

		/**
		 * Requests with a missing or wrong token a client address may send per minute;
		 * then every request of that address that needs the token is refused with 429
		 * until the next minute, whether its token is right or not.
		 */
		private int authFailuresPerMinute = 10;

		/**
		 * Longest time from the first byte of a request to the end of its headers; a
		 * request head that trickles in for longer closes its connection.
		 */
		private Duration headerTimeout = Duration.ofSeconds(10);

		/**
		 * Longest time from the end of a request's headers to the end of its body; a body
		 * that trickles in for longer fails the request and closes its connection. Answer
		 * streams are not affected.
		 */
		private Duration bodyTimeout = Duration.ofSeconds(10);

		/**
		 * Most connections one client address may hold; at the bound, a new connection
		 * replaces an idle one of that address or is refused. Behind a proxy or NAT every
		 * client shares the proxy's address, and the frontend holds one connection per
		 * answer it relays.
		 */
		private int maxConnectionsPerAddress = 200;

		public int getAuthFailuresPerMinute() {
			return this.authFailuresPerMinute;
		}

		public void setAuthFailuresPerMinute(int authFailuresPerMinute) {
			this.authFailuresPerMinute = authFailuresPerMinute;
		}

		public Duration getHeaderTimeout() {
			return this.headerTimeout;
		}

		public void setHeaderTimeout(Duration headerTimeout) {
			this.headerTimeout = headerTimeout;
		}

		public Duration getBodyTimeout() {
			return this.bodyTimeout;
		}

		public void setBodyTimeout(Duration bodyTimeout) {
			this.bodyTimeout = bodyTimeout;
		}

		public int getMaxConnectionsPerAddress() {
			return this.maxConnectionsPerAddress;
		}

		public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		}

		public int getMaxMessageLength() {
			return this.maxMessageLength;
		}

		public void setMaxMessageLength(int maxMessageLength) {
			this.maxMessageLength = maxMessageLength;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

	}

	/**
	 * Rate limit per client address.
	 */
	public static class RateLimit {

		/**
		 * Whether requests are rate limited per client address.
		 */
		private boolean enabled = true;

		/**
		 * Sustained requests per minute and client.
		 */
		private int requestsPerMinute = 120;

		/**
		 * Requests a client may send at once.
		 */
		private int burst = 30;

		/**
		 * Sustained requests per minute and end user: requests with the token that name
		 * one in the Project51-End-User header (instead of the address limit), and
		 * requests of the OpenAI-compatible API that name one in "user" (on top of the
		 * address limit).
		 */
		private int userRequestsPerMinute = 120;

		/**
		 * Requests an end user may send at once.
		 */
		private int userBurst = 30;

		public int getUserRequestsPerMinute() {
			return this.userRequestsPerMinute;
		}

		public void setUserRequestsPerMinute(int userRequestsPerMinute) {
			this.userRequestsPerMinute = userRequestsPerMinute;
		}

		public int getUserBurst() {
			return this.userBurst;
		}

		public void setUserBurst(int userBurst) {
			this.userBurst = userBurst;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(int requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

	}

	/**
	 * The knowledge base.
	 */
	public static class Knowledge {

		/**
		 * Locations of the Markdown documents.
		 */
		private List<String> locations = new ArrayList<>(List.of("classpath*:knowledge/**/*.md"));

		/**
		 * Most passages given to the model per question.
		 */
		private int maxResults = 3;

		/**
		 * Least relevance (0 to 1) of a passage to be used.
		 */
		private double minScore = 0.62;

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public int getMaxResults() {
			return this.maxResults;
		}

		public void setMaxResults(int maxResults) {
			this.maxResults = maxResults;
		}

		public double getMinScore() {
			return this.minScore;
		}

		public void setMinScore(double minScore) {
			this.minScore = minScore;
		}

	}

	/**
	 * Where conversations are stored.
	 */
	public static class Memory {

		/**
		 * Path of the embedded H2 database file used when spring.datasource.url is not
		 * set (relative to the working directory).
		 */
		private String path = "./.project51/agent-db";

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * The OpenAI-compatible endpoint.
	 */
	public static class OpenAi {

		/**
		 * Whether /v1/chat/completions and /v1/models are served.
		 */
		private boolean enabled = true;

		/**
		 * Model id that names the whole failover chain in GET /v1/models and in requests
		 * (requests may also name a model of the chain, to start there).
		 */
		private String modelId = "project51-agent";

		/**
		 * Browser origins allowed to call /v1/** (CORS), e.g. https://chat.example.com or
		 * patterns such as https://*.example.com; none by default.
		 */
		private List<String> corsAllowedOrigins = new ArrayList<>();

		public List<String> getCorsAllowedOrigins() {
			return this.corsAllowedOrigins;
		}

		public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
			this.corsAllowedOrigins = corsAllowedOrigins;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getModelId() {
			return this.modelId;
		}

		public void setModelId(String modelId) {
			this.modelId = modelId;
		}

	}

}
