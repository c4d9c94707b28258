package dev.project51.frontend.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.project51.agent.client.AgentClientBuilder;
import dev.project51.agent.client.CircuitBreakerPolicy;
import dev.project51.agent.client.RetryPolicy;
import dev.project51.agent.contract.AgentApi;
import dev.project51.server.internal.security.AllowedHosts;
import dev.project51.frontend.security.internal.SecurityHeaders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the Project51 chat frontend ({@code project51.frontend.*}).
 * <p>
 * The properties validate themselves when they are bound: a bad value stops the
 * application at startup with a message that names the property, the value and how to fix
 * it.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(FrontendProperties.PREFIX)
public class FrontendProperties implements Validator {

	/** Prefix of every property of the frontend. */
	public static final String PREFIX = "project51.frontend";

	/**
	 * Default of {@code stream-timeout}: longer than the agent starter's default stream
	 * timeout (5 min), so that the inner layer ends a long answer first.
	 */
	public static final Duration DEFAULT_STREAM_TIMEOUT = Duration.ofMinutes(6);

	/**
	 * The shortest silence timeout of the agent client: twice the longest interval
	 * between the agent's keep-alive comments ({@link AgentApi#MAX_KEEP_ALIVE_INTERVAL}),
	 * so that one late keep-alive never makes a live agent look dead.
	 */
	public static final Duration MIN_SILENCE_TIMEOUT = AgentApi.MAX_KEEP_ALIVE_INTERVAL.multipliedBy(2);

	/**
	 * Whether to serve the chat page and its endpoints.
	 */
	private boolean enabled = true;

	/**
	 * Title of the page, shown in the header and the browser tab.
	 */
	private String title = "Project51 Assistant";

	/**
	 * Name shown beside the agent's answers.
	 */
	private String assistantName = "Assistant";

	/**
	 * Text shown on an empty conversation. Plain text; an empty line starts a new
	 * paragraph.
	 */
	private String welcome = "Ask a question and I will answer from my knowledge base. Each answer shows which "
			+ "model wrote it, so you can see when a fallback model stands in.";

	/**
	 * Example questions offered as one-click buttons on an empty conversation.
	 */
	private List<String> suggestions = new ArrayList<>();

	/**
	 * Longest message a user may send, in characters. Keep it at or below the agent's
	 * limit.
	 */
	private int maxMessageLength = AgentApi.DEFAULT_MAX_MESSAGE_LENGTH;

	/**
	 * Longest time an answer may stream to the browser before the frontend ends it; also
	 * the agent client's limit of a whole stream. Keep it longer than the agent's own
	 * stream timeout (project51.agent.chat.stream-timeout, 5 min by default), so that the
	 * agent, which can explain what happened, ends a long answer first.
	 */
	private Duration streamTimeout = DEFAULT_STREAM_TIMEOUT;

	/**
	 * Interval of the keep-alive comments sent to the browser on an answer stream. They
	 * keep proxies from closing a quiet stream and reveal a closed browser tab within
	 * about two intervals, which cancels the agent's work at once. At most 5s.
	 */
	private Duration streamHeartbeat = Duration.ofSeconds(1);

	private final Agent agent = new Agent();

	private final Status status = new Status();

	private final Security security = new Security();

	private final Session session = new Session();

	private final RateLimit rateLimit = new RateLimit();

	public Session getSession() {
		return this.session;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	private final Limits limits = new Limits();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getAssistantName() {
		return this.assistantName;
	}

	public void setAssistantName(String assistantName) {
		this.assistantName = assistantName;
	}

	public String getWelcome() {
		return this.welcome;
	}

	public void setWelcome(String welcome) {
		this.welcome = welcome;
	}

	public List<String> getSuggestions() {
		return this.suggestions;
	}

	public void setSuggestions(List<String> suggestions) {
		this.suggestions = suggestions;
	}

	public int getMaxMessageLength() {
		return this.maxMessageLength;
	}

	public void setMaxMessageLength(int maxMessageLength) {
		this.maxMessageLength = maxMessageLength;
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

	public Agent getAgent() {
		return this.agent;
	}

	public Status getStatus() {
		return this.status;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Limits getLimits() {
		return this.limits;
	}

	@Override
	public boolean supports(Class<?> type) {
		return FrontendProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		FrontendProperties properties = (FrontendProperties) target;
		properties.validateSelf(errors);
	}

	private void validateSelf(Errors errors) {
		requireText(errors, "title", this.title, "Set it to the name of your assistant, e.g. 'Support assistant'.");
		requireText(errors, "assistantName", this.assistantName, "Set it to the label of the agent's answers.");
		if (this.welcome == null) {
			errors.rejectValue("welcome", "required",
					property("welcome") + " must not be null; set it to an empty value to show no welcome text.");
		}
		if (this.suggestions != null) {
			for (int i = 0; i < this.suggestions.size(); i++) {
				requireText(errors, "suggestions[" + i + "]", this.suggestions.get(i),
						"Remove the empty entry or give it a question.");
			}
		}
		if (this.maxMessageLength < 1 || this.maxMessageLength > 100_000) {
			errors.rejectValue("maxMessageLength", "range",
					property("max-message-length") + " must be between 1 and 100000, but was " + this.maxMessageLength
							+ ". Use the agent's limit (default " + AgentApi.DEFAULT_MAX_MESSAGE_LENGTH + ").");
		}
		requirePositive(errors, "streamTimeout", "stream-timeout", this.streamTimeout);
		requirePositive(errors, "streamHeartbeat", "stream-heartbeat", this.streamHeartbeat);
		this.agent.validate(errors);
		this.status.validate(errors);
		this.security.validate(errors);
		this.session.validate(errors);
		this.rateLimit.validate(errors);
		this.limits.validate(errors);
		validateTimeoutBudget(errors);
	}

	/**
	 * The frontend's part of the timeout budget (docs/frontend.md): the agent client's
	 * silence timeouts leave room for the agent's keep-alives, every timeout fits in the
	 * whole stream, and the browser hears from the frontend at least as often as the
	 * frontend hears from the agent.
	 */
	private void validateTimeoutBudget(Errors errors) {
		if (isPositive(this.streamHeartbeat) && this.streamHeartbeat.compareTo(AgentApi.MAX_KEEP_ALIVE_INTERVAL) > 0) {
			errors.rejectValue("streamHeartbeat", "budget", property("stream-heartbeat") + " must be at most "
					+ text(AgentApi.MAX_KEEP_ALIVE_INTERVAL)
					+ " (the agent contract's longest keep-alive interval), but was " + text(this.streamHeartbeat)
					+ ". A closed browser tab is noticed within about two intervals;" + " use the default, 1s.");
		}
		Agent agent = this.agent;
		atLeastSilenceBound(errors, "agent.firstTokenTimeout", "agent.first-token-timeout", agent.firstTokenTimeout);
		atLeastSilenceBound(errors, "agent.idleTimeout", "agent.idle-timeout", agent.idleTimeout);
		shorterThan(errors, "agent.firstTokenTimeout", "agent.first-token-timeout", agent.firstTokenTimeout,
				"stream-timeout", this.streamTimeout);
		shorterThan(errors, "agent.idleTimeout", "agent.idle-timeout", agent.idleTimeout, "stream-timeout",
				this.streamTimeout);
		if (isPositive(agent.connectTimeout) && isPositive(agent.requestTimeout)
				&& agent.connectTimeout.compareTo(agent.requestTimeout) > 0) {
			errors.rejectValue("agent.connectTimeout", "budget",
					property("agent.connect-timeout") + " (" + text(agent.connectTimeout) + ") must not be longer than "
							+ property("agent.request-timeout") + " (" + text(agent.requestTimeout) + "): lower "
							+ property("agent.connect-timeout") + " or raise " + property("agent.request-timeout")
							+ ".");
		}
	}

	private static void atLeastSilenceBound(Errors errors, String field, String name, Duration value) {
		if (isPositive(value) && value.compareTo(MIN_SILENCE_TIMEOUT) < 0) {
			errors.rejectValue(field, "budget", property(name) + " must be at least " + text(MIN_SILENCE_TIMEOUT)
					+ " (twice the agent's longest keep-alive interval, " + text(AgentApi.MAX_KEEP_ALIVE_INTERVAL)
					+ ", so that a live agent is never taken for a dead one), but was " + text(value)
					+ ". It only has to catch a dead agent or connection: the agent heals slow models itself.");
		}
	}

	private static void shorterThan(Errors errors, String field, String name, Duration value, String limitName,
			Duration limit) {
		if (isPositive(value) && isPositive(limit) && value.compareTo(limit) >= 0) {
			errors.rejectValue(field, "budget",
					property(name) + " (" + text(value) + ") must be shorter than " + property(limitName) + " ("
							+ text(limit) + "), which bounds the whole answer: lower " + property(name) + " or raise "
							+ property(limitName) + ".");
		}
	}

	private static boolean isPositive(Duration value) {
		return value != null && !value.isNegative() && !value.isZero();
	}

	/** A duration as a person writes it in a property: 10s, 300ms, 6m. */
	static String text(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0 && millis >= 60_000) {
			return (millis / 60_000) + "m";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	static String property(String name) {
		return PREFIX + "." + name;
	}

	static void requireText(Errors errors, String field, String value, String hint) {
		if (value == null || value.isBlank()) {
			errors.rejectValue(field, "required",
					property(kebab(field)) + " must not be blank, but was '" + value + "'. " + hint);
		}
	}

	static void requirePositive(Errors errors, String field, String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "positive", property(name) + " must be a positive duration, but was " + value
					+ ". Use a value such as 10s or 2m.");
		}
	}

	private static String kebab(String field) {
		StringBuilder result = new StringBuilder(field.length() + 4);
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				result.append('-').append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	/**
	 * How the frontend reaches the agent server.
	 */
	public static class Agent {

		/**
		 * Base URL of the agent server, e.g. http://localhost:8081 or
		 * https://my-agent.onrender.com.
		 */
		private URI baseUrl = URI.create("http://localhost:8081");

		/**
		 * Bearer token for the agent's API. Never put it in a file: when this property is
		 * not set, the frontend reads the AGENT_API_TOKEN environment variable. It is
		 * sent only to the agent, never to the browser.
		 */
		private String apiToken;

		/**
		 * Time allowed to open a connection to the agent.
		 */
		private Duration connectTimeout = AgentClientBuilder.DEFAULT_CONNECT_TIMEOUT;

		/**
		 * Time allowed for a whole call to the agent (history, status).
		 */
		private Duration requestTimeout = Duration.ofSeconds(30);

		/**
		 * Longest silence of an answer stream before its first event: no event and no
		 * keep-alive comment of the agent. The agent sends keep-alives while its models
		 * are slow or fail over, so this only catches a dead agent or connection. At
		 * least 10s (twice the agent's longest keep-alive interval).
		 */
		private Duration firstTokenTimeout = AgentClientBuilder.DEFAULT_FIRST_TOKEN_TIMEOUT;

		/**
		 * Longest silence of an answer stream after its first event: no event and no
		 * keep-alive comment of the agent. The agent interrupts an answer whose model
		 * went silent itself, so this only catches a dead agent or connection. At least
		 * 10s (twice the agent's longest keep-alive interval).
		 */
		private Duration idleTimeout = AgentClientBuilder.DEFAULT_IDLE_TIMEOUT;

		/**
		 * How calls to the agent are retried.
		 */
		private final Retry retry = new Retry();

		/**
		 * When the frontend stops calling a failing agent for a while.
		 */
		private final CircuitBreaker circuitBreaker = new CircuitBreaker();

		public Retry getRetry() {
			return this.retry;
		}

		public CircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

		public URI getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getApiToken() {
			return this.apiToken;
		}

		public void setApiToken(String apiToken) {
			this.apiToken = apiToken;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
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

		void validate(Errors errors) {
			String name = property("agent.base-url");
			if (this.baseUrl == null) {
				errors.rejectValue("agent.baseUrl", "required",
						name + " must be set to the agent's address, e.g. http://localhost:8081.");
			}
			else {
				String scheme = (this.baseUrl.getScheme() != null) ? this.baseUrl.getScheme().toLowerCase(Locale.ROOT)
						: null;
				if (!("http".equals(scheme) || "https".equals(scheme)) || this.baseUrl.getHost() == null) {
					errors.rejectValue("agent.baseUrl", "url",
							name + " must be an absolute http or https URL, but was '" + this.baseUrl
									+ "'. Use the agent's address, e.g. http://localhost:8081.");
				}
				else if (this.baseUrl.getRawQuery() != null || this.baseUrl.getRawFragment() != null) {
					errors.rejectValue("agent.baseUrl", "url", name + " must not have a query or fragment, but was '"
							+ this.baseUrl + "'. Use only scheme, host, port and an optional path.");
				}
			}
			// Surrounding white space (a trailing newline of a secret file) is dropped
			// when
			// the client is built; anything else would corrupt the Authorization header.
			String token = (this.apiToken != null) ? this.apiToken.strip() : "";
			if (!token.isEmpty()) {
				for (int i = 0; i < token.length(); i++) {
					char c = token.charAt(i);
					if (c <= ' ' || c >= 127) {
						// A global error, not a field error: a field error would print
						// the
						// rejected value, and this value is a secret.
						errors.reject("token", property("agent.api-token")
								+ " must contain only visible ASCII characters, but has a space, control or "
								+ "non-ASCII character at index " + i + ". Use the token exactly as the agent has it.");
						break;
					}
				}
			}
			requirePositive(errors, "agent.connectTimeout", "agent.connect-timeout", this.connectTimeout);
			requirePositive(errors, "agent.requestTimeout", "agent.request-timeout", this.requestTimeout);
			requirePositive(errors, "agent.firstTokenTimeout", "agent.first-token-timeout", this.firstTokenTimeout);
			requirePositive(errors, "agent.idleTimeout", "agent.idle-timeout", this.idleTimeout);
			this.retry.validate(errors);
			this.circuitBreaker.validate(errors);
		}

	}

	/**
	 * How calls to the agent are retried: only calls that are safe to repeat (reading a
	 * conversation or the agent's status), and messages that provably never reached the
	 * agent or that it declined with 429/503 and {@code Retry-After}; with exponential
	 * backoff and jitter, honouring the agent's {@code Retry-After}.
	 */
	public static class Retry {

		/**
		 * Attempts per call, the first included; 1 disables retries.
		 */
		private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;

		/**
		 * Delay before the second attempt; it doubles for each further attempt.
		 */
		private Duration initialBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF;

		/**
		 * Longest delay between two attempts, and the longest Retry-After the frontend
		 * waits for.
		 */
		private Duration maxBackoff = RetryPolicy.DEFAULT_MAX_BACKOFF;

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

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * The client policy these properties describe.
		 * @return the policy
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public RetryPolicy toPolicy() {
			return RetryPolicy.builder()
				.maxAttempts(this.maxAttempts)
				.initialBackoff(this.initialBackoff)
				.maxBackoff(this.maxBackoff)
				.build();
		}

		void validate(Errors errors) {
			validatePolicy(errors, "agent.retry", List.of("maxAttempts", "initialBackoff", "maxBackoff"),
					this::toPolicy);
		}

	}

	/**
	 * The frontend's circuit breaker for the agent: when too many recent calls failed
	 * (server errors, timeouts, connection failures), the frontend stops calling the
	 * agent for a while and shows it as unavailable at once; then a few trial calls
	 * decide whether it is back.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether the circuit breaker is on.
		 */
		private boolean enabled = true;

		/**
		 * Failure rate, in percent, at which the circuit opens.
		 */
		private float failureRateThreshold = CircuitBreakerPolicy.DEFAULT_FAILURE_RATE_THRESHOLD;

		/**
		 * Number of recent calls the failure rate is computed over.
		 */
		private int slidingWindowSize = CircuitBreakerPolicy.DEFAULT_SLIDING_WINDOW_SIZE;

		/**
		 * Number of calls needed before the failure rate counts.
		 */
		private int minimumNumberOfCalls = CircuitBreakerPolicy.DEFAULT_MINIMUM_NUMBER_OF_CALLS;

		/**
		 * How long the circuit stays open before trial calls, unless a status check finds
		 * the agent ready earlier.
		 */
		private Duration waitDurationInOpenState = CircuitBreakerPolicy.DEFAULT_WAIT_DURATION_IN_OPEN_STATE;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

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

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		/**
		 * The client policy these properties describe.
		 * @return the policy; {@link CircuitBreakerPolicy#disabled()} when not enabled
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public CircuitBreakerPolicy toPolicy() {
			if (!this.enabled) {
				return CircuitBreakerPolicy.disabled();
			}
			return CircuitBreakerPolicy.builder()
				.failureRateThreshold(this.failureRateThreshold)
				.slidingWindowSize(this.slidingWindowSize)
				.minimumNumberOfCalls(this.minimumNumberOfCalls)
				.waitDurationInOpenState(this.waitDurationInOpenState)
				.build();
		}

		void validate(Errors errors) {
			validatePolicy(errors, "agent.circuit-breaker", List.of("failureRateThreshold", "slidingWindowSize",
					"minimumNumberOfCalls", "waitDurationInOpenState"), this::toPolicy);
		}

	}

	/**
	 * Builds a client policy from a property group and reports what its builder refuses.
	 * The builder's message names its parameters, which are the properties' names in
	 * camel case; they are replaced by the full property names so that the message says
	 * what to change.
	 */
	static void validatePolicy(Errors errors, String group, List<String> parameters, Supplier<?> policy) {
		try {
			policy.get();
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			for (String parameter : parameters) {
				message = message.replace(parameter, property(group + "." + kebab(parameter)));
			}
			errors.reject(group, message + ".");
		}
	}

	/**
	 * How the page follows the agent's state.
	 */
	public static class Status {

		/**
		 * Interval of the page's status checks while the agent is reachable.
		 */
		private Duration pollInterval = Duration.ofSeconds(15);

		/**
		 * First delay before the page checks again after the agent was found unavailable.
		 * The delay doubles after each failed check, up to retry-max.
		 */
		private Duration retryInitial = Duration.ofSeconds(1);

		/**
		 * Longest delay between two checks while the agent is unavailable.
		 */
		private Duration retryMax = Duration.ofSeconds(15);

		/**
		 * How long the server reuses one status check, so that many open pages cost one
		 * call to the agent.
		 */
		private Duration cacheTtl = Duration.ofSeconds(2);

		/**
		 * Longest time a status check may take before the agent counts as unavailable.
		 */
		private Duration checkTimeout = Duration.ofSeconds(3);

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getRetryInitial() {
			return this.retryInitial;
		}

		public void setRetryInitial(Duration retryInitial) {
			this.retryInitial = retryInitial;
		}

		public Duration getRetryMax() {
			return this.retryMax;
		}

		public void setRetryMax(Duration retryMax) {
			this.retryMax = retryMax;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public Duration getCheckTimeout() {
			return this.checkTimeout;
		}

		public void setCheckTimeout(Duration checkTimeout) {
			this.checkTimeout = checkTimeout;
		}

		void validate(Errors errors) {
			requirePositive(errors, "status.pollInterval", "status.poll-interval", this.pollInterval);
			requirePositive(errors, "status.retryInitial", "status.retry-initial", this.retryInitial);
			requirePositive(errors, "status.retryMax", "status.retry-max", this.retryMax);
			requirePositive(errors, "status.checkTimeout", "status.check-timeout", this.checkTimeout);
			if (this.retryInitial != null && this.retryMax != null && this.retryMax.compareTo(this.retryInitial) < 0) {
				errors.rejectValue("status.retryMax", "order",
						property("status.retry-max") + " must be at least " + property("status.retry-initial") + " ("
								+ this.retryInitial + "), but was " + this.retryMax + ".");
			}
			if (this.cacheTtl == null || this.cacheTtl.isNegative()) {
				errors.rejectValue("status.cacheTtl", "positive", property("status.cache-ttl")
						+ " must be zero or positive, but was " + this.cacheTtl + ". Use 0 to check on every request.");
			}
		}

	}

	/**
	 * Browser security of the frontend.
	 */
	public static class Security {

		/**
		 * Whether to add the security headers (Content-Security-Policy,
		 * X-Content-Type-Options, Referrer-Policy, Permissions-Policy, X-Frame-Options,
		 * Cross-Origin-Opener-Policy) to every response.
		 */
		private boolean headersEnabled = true;

		/**
		 * Content-Security-Policy of every response. The page needs only 'self' for
		 * scripts, styles and connections.
		 */
		private String contentSecurityPolicy = SecurityHeaders.DEFAULT_CONTENT_SECURITY_POLICY;

		/**
		 * Origins, besides the page's own, whose pages may post messages, e.g.
		 * https://chat.example.com when a proxy rewrites the Host header. Requests from
		 * any other site are refused.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Host names the frontend answers to in the Host header, against DNS rebinding,
		 * besides those always allowed: localhost and names under .localhost, and IP
		 * addresses. A name such as chat.example.com, a pattern such as *.example.com
		 * (names under it), or * for any host. The health endpoint and its groups answer
		 * any host.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

		public boolean isHeadersEnabled() {
			return this.headersEnabled;
		}

		public void setHeadersEnabled(boolean headersEnabled) {
			this.headersEnabled = headersEnabled;
		}

		public String getContentSecurityPolicy() {
			return this.contentSecurityPolicy;
		}

		public void setContentSecurityPolicy(String contentSecurityPolicy) {
			this.contentSecurityPolicy = contentSecurityPolicy;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		void validate(Errors errors) {
			if (this.headersEnabled) {
				requireText(errors, "security.contentSecurityPolicy", this.contentSecurityPolicy,
						"Remove the property to use the default policy.");
			}
			if (this.contentSecurityPolicy != null && (this.contentSecurityPolicy.indexOf('\n') >= 0
					|| this.contentSecurityPolicy.indexOf('\r') >= 0)) {
				errors.rejectValue("security.contentSecurityPolicy", "header",
						property("security.content-security-policy")
								+ " must be one line, but contains a line break. Separate directives with ';'.");
			}
			if (this.allowedHosts != null) {
				for (int i = 0; i < this.allowedHosts.size(); i++) {
					String reason = AllowedHosts.invalid(this.allowedHosts.get(i));
					if (reason != null) {
						errors.rejectValue("security.allowedHosts[" + i + "]", "invalid",
								property("security.allowed-hosts") + "[" + i + "] must be a host name, but was '"
										+ this.allowedHosts.get(i) + "': " + reason);
					}
				}
			}
			if (this.allowedOrigins != null) {
				for (int i = 0; i < this.allowedOrigins.size(); i++) {
					String origin = this.allowedOrigins.get(i);
					if (!SecurityHeaders.isOrigin(origin)) {
						errors.rejectValue("security.allowedOrigins[" + i + "]", "origin",
								property("security.allowed-origins") + "[" + i
										+ "] must be an origin such as https://chat.example.com (scheme, host and "
										+ "optional port, no path), but was '" + origin + "'.");
					}
				}
			}
		}

	}

	/**
	 * The browser session: a cookie that names the browser's conversations at the agent.
	 */
	public static class Session {

		/**
		 * Name of the session cookie; over HTTPS at the root of the site it gets the
		 * __Host- prefix. Letters, digits, '-' and '_'.
		 */
		private String cookieName = "project51_session";

		/**
		 * How long a browser keeps its session (and so its conversation list) without
		 * opening the page; every visit starts it again.
		 */
		private Duration maxAge = Duration.ofDays(30);

		public String getCookieName() {
			return this.cookieName;
		}

		public void setCookieName(String cookieName) {
			this.cookieName = cookieName;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		void validate(Errors errors) {
			if (this.cookieName == null || !this.cookieName.matches("[A-Za-z0-9_-]{1,64}")) {
				errors.rejectValue("session.cookieName", "name", property("session.cookie-name")
						+ " must be 1 to 64 letters, digits, '-' or '_', but was '" + this.cookieName + "'.");
			}
			requirePositive(errors, "session.maxAge", "session.max-age", this.maxAge);
		}

	}

	/**
	 * The frontend's own limits per browser session and per address (the request's remote
	 * address: behind a proxy, set server.forward-headers-strategy so that it is the
	 * browser's). Each budget holds so many requests per period.
	 */
	public static class RateLimit {

		/**
		 * Whether the chat's endpoints are rate limited.
		 */
		private boolean enabled = true;

		/**
		 * Period after which every budget is full again.
		 */
		private Duration period = Duration.ofSeconds(10);

		/**
		 * Requests to the chat's endpoints per period and browser session (the agent's
		 * default per end user, 120 a minute with bursts of 30, is never reached). The
		 * agent's status, polled by every page and served from a cache, takes only the
		 * address's budget.
		 */
		private int sessionRequests = 20;

		/**
		 * Messages per period and browser session.
		 */
		private int sessionMessages = 4;

		/**
		 * Requests per period and address (several browsers may share one: a household,
		 * an office).
		 */
		private int addressRequests = 60;

		/**
		 * Messages per period and address.
		 */
		private int addressMessages = 12;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public int getSessionRequests() {
			return this.sessionRequests;
		}

		public void setSessionRequests(int sessionRequests) {
			this.sessionRequests = sessionRequests;
		}

		public int getSessionMessages() {
			return this.sessionMessages;
		}

		public void setSessionMessages(int sessionMessages) {
			this.sessionMessages = sessionMessages;
		}

		public int getAddressRequests() {
			return this.addressRequests;
		}

		public void setAddressRequests(int addressRequests) {
			this.addressRequests = addressRequests;
		}

		public int getAddressMessages() {
			return this.addressMessages;
		}

		public void setAddressMessages(int addressMessages) {
			this.addressMessages = addressMessages;
		}

		void validate(Errors errors) {
			requirePositive(errors, "rateLimit.period", "rate-limit.period", this.period);
			atLeastOne(errors, "rateLimit.sessionRequests", "rate-limit.session-requests", this.sessionRequests);
			atLeastOne(errors, "rateLimit.sessionMessages", "rate-limit.session-messages", this.sessionMessages);
			atLeastOne(errors, "rateLimit.addressRequests", "rate-limit.address-requests", this.addressRequests);
			atLeastOne(errors, "rateLimit.addressMessages", "rate-limit.address-messages", this.addressMessages);
		}

		private static void atLeastOne(Errors errors, String field, String name, int value) {
			if (value < 1) {
				errors.rejectValue(field, "range", property(name) + " must be at least 1, but was " + value + ". Set "
						+ property("rate-limit.enabled") + "=false to switch the limits off.");
			}
		}

	}

	/**
	 * Limits that protect the frontend from slow, greedy and guessing clients.
	 */
	public static class Limits {

		/**
		 * Longest time from the first byte of a request to the end of its headers; a
		 * request head that trickles in for longer closes its connection.
		 */
		private Duration headerTimeout = Duration.ofSeconds(10);

		/**
		 * Longest time from the end of a request's headers to the end of its body; a body
		 * that trickles in for longer fails the request (408) and closes its connection.
		 * Answer streams are not affected.
		 */
		private Duration bodyTimeout = Duration.ofSeconds(10);

		/**
		 * Most connections one client address may hold; at the bound, a new connection
		 * replaces an idle one of that address or is refused. Behind a proxy or NAT every
		 * client shares the proxy's address.
		 */
		private int maxConnectionsPerAddress = 200;

		/**
		 * Requests to the actuator with a missing or wrong token a client address may
		 * send per minute; then every such request of that address is refused with 429
		 * until the next minute, whether its token is right or not.
		 */
		private int authFailuresPerMinute = 10;

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

		public int getAuthFailuresPerMinute() {
			return this.authFailuresPerMinute;
		}

		public void setAuthFailuresPerMinute(int authFailuresPerMinute) {
			this.authFailuresPerMinute = authFailuresPerMinute;
		}

		void validate(Errors errors) {
			requirePositive(errors, "limits.headerTimeout", "limits.header-timeout", this.headerTimeout);
			requirePositive(errors, "limits.bodyTimeout", "limits.body-timeout", this.bodyTimeout);
			if (this.maxConnectionsPerAddress < 1) {
				errors.rejectValue("limits.maxConnectionsPerAddress", "range",
						property("limits.max-connections-per-address") + " must be at least 1, but was "
								+ this.maxConnectionsPerAddress + ".");
			}
			if (this.authFailuresPerMinute < 1) {
				errors.rejectValue("limits.authFailuresPerMinute", "range", property("limits.auth-failures-per-minute")
						+ " must be at least 1, but was " + this.authFailuresPerMinute + ".");
			}
		}

	}

}
