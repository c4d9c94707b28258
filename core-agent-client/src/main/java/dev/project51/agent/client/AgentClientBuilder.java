package dev.project51.agent.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.project51.agent.client.internal.ClientVersion;
import dev.project51.agent.client.internal.Sleeper;
import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.contract.AgentApi;

/**
 * Builds an {@link AgentClient}. Every setter validates its argument at once and throws
 * {@link IllegalArgumentException} naming the parameter, the bad value and the fix;
 * {@link #build()} checks the settings against each other. Not thread-safe; the built
 * client is.
 *
 * @since 0.1.0
 */
public final class AgentClientBuilder {

	/** Default time to establish a connection. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Default time limit of a whole non-streaming call, retries included. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Default time limit of a whole stream, retries included: a minute longer than the
	 * agent's own ({@link AgentApi#DEFAULT_STREAM_TIMEOUT}), so that the agent ends an
	 * answer that takes too long with an event, before the client gives up on it.
	 */
	public static final Duration DEFAULT_STREAM_TIMEOUT = AgentApi.DEFAULT_STREAM_TIMEOUT.plusMinutes(1);

	/** Default wait for the first event of a stream. */
	public static final Duration DEFAULT_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(30);

	/** Default longest gap between two events of a stream. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(20);

	/** Default largest response body, and largest stream event: 1 MiB. */
	public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

	/** Default {@code User-Agent}: {@code project51-agent-client/<version>}. */
	public static final String DEFAULT_USER_AGENT = "project51-agent-client/" + ClientVersion.get();

	private static final Duration MAX_TIMEOUT = Duration.ofHours(24);

	private static final int MIN_RESPONSE_BYTES = 1024;

	private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

	URI baseUrl;

	String apiToken;

	Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

	Duration streamTimeout = DEFAULT_STREAM_TIMEOUT;

	Duration firstTokenTimeout = DEFAULT_FIRST_TOKEN_TIMEOUT;

	Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

	int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

	RetryPolicy retryPolicy = RetryPolicy.ofDefaults();

	CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.ofDefaults();

	String userAgent = DEFAULT_USER_AGENT;

	Clock clock = Clock.systemUTC();

	HttpTransport transport;

	Executor executor;

	Sleeper sleeper = Sleeper.SYSTEM;

	AgentClientListener listener = new AgentClientListener() {
	};

	/**
	 * A builder with the defaults; same as {@link AgentClient#builder()}.
	 */
	public AgentClientBuilder() {
	}

	/**
	 * The agent's base URL (required), e.g. {@code http://localhost:8081} or
	 * {@code https://agent.example.com/base}; API paths are appended to it.
	 * @param url an absolute {@code http} or {@code https} URL without user info, query
	 * or fragment
	 * @return this builder
	 */
	public AgentClientBuilder baseUrl(String url) {
		if (url == null) {
			throw new IllegalArgumentException("baseUrl must not be null; use e.g. http://localhost:8081");
		}
		try {
			return baseUrl(new URI(url.trim()));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("baseUrl must be an absolute http or https URL such as "
					+ "http://localhost:8081, but was '" + url + "' (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * The agent's base URL (required); see {@link #baseUrl(String)}.
	 * @param url an absolute {@code http} or {@code https} URL without user info, query
	 * or fragment
	 * @return this builder
	 */
	public AgentClientBuilder baseUrl(URI url) {
		if (url == null) {
			throw new IllegalArgumentException("baseUrl must not be null; use e.g. http://localhost:8081");
		}
		String scheme = url.getScheme();
		if (!url.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
				|| url.isOpaque() || url.getHost() == null) {
			throw new IllegalArgumentException("baseUrl must be an absolute http or https URL with a host such as "
					+ "http://localhost:8081, but was '" + url + "'");
		}
		if (url.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"baseUrl must not contain user info (credentials), but was '" + url.getScheme() + "://***@"
							+ url.getHost() + "...'; pass the token separately, as the API token");
		}
		if (url.getRawQuery() != null || url.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"baseUrl must not have a query or a fragment, but was '" + url + "'; remove the '?...' or '#...'");
		}
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		this.baseUrl = URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + url.getRawAuthority() + path);
		return this;
	}

	/**
	 * The bearer token sent as {@code Authorization: Bearer <token>}; never logged nor
	 * shown by {@code toString()}. Optional: {@code null} sends no token, so
	 * {@code apiToken(System.getenv("AGENT_API_TOKEN"))} works whether or not the
	 * variable is set.
	 * @param token the token, or {@code null} for none; not blank, no whitespace or
	 * control characters
	 * @return this builder
	 */
	public AgentClientBuilder apiToken(String token) {
		if (token != null) {
			if (token.isBlank()) {
				throw new IllegalArgumentException(
						"apiToken must not be blank; pass null (or do not call apiToken) to send no Authorization header");
			}
			for (int i = 0; i < token.length(); i++) {
				char c = token.charAt(i);
				if (c <= 0x20 || c >= 0x7F) {
					// The value is a secret: say where, never what.
					throw new IllegalArgumentException("apiToken must consist of visible ASCII characters, but has a "
							+ "whitespace, control or non-ASCII character at index " + i
							+ " (value not shown); check the AGENT_API_TOKEN variable for a stray newline");
				}
			}
		}
		this.apiToken = token;
		return this;
	}

	/**
	 * How long to wait for a TCP (and TLS) connection; default 2 s. Applies to the
	 * default transport only.
	 * @param timeout between 1 ms and 24 h
	 * @return this builder
	 */
	public AgentClientBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = Validation.timeout("connectTimeout", timeout, MAX_TIMEOUT,
				"use e.g. Duration.ofSeconds(2)");
		return this;
	}

	/**
	 * The time limit of a whole non-streaming call ({@code chat}, {@code conversation},
	 * {@code models}, ...), retries and backoff included; default 60 s. When it runs out
	 * the exchange is closed and {@link AgentTimeoutException} thrown.
	 * @param timeout between 1 ms and 24 h
	 * @return this builder
	 */
	public AgentClientBuilder requestTimeout(Duration timeout) {
		this.requestTimeout = Validation.timeout("requestTimeout", timeout, MAX_TIMEOUT,
				"use e.g. Duration.ofSeconds(60)");
		return this;
	}

	/**
	 * The time limit of a whole stream, retries included; default 6 min
	 * ({@link #DEFAULT_STREAM_TIMEOUT}).
	 * @param timeout between 1 ms and 24 h
	 * @return this builder
	 */
	public AgentClientBuilder streamTimeout(Duration timeout) {
		this.streamTimeout = Validation.timeout("streamTimeout", timeout, MAX_TIMEOUT,
				"use e.g. Duration.ofMinutes(5)");
		return this;
	}

	/**
	 * How long a stream may stay silent before its first event ({@code meta} or
	 * {@code token}): no event and no keep-alive comment; default 30 s. A Project51 agent
	 * sends keep-alives while its model is slow or it fails over (at least every
	 * {@link dev.project51.agent.contract.AgentApi#MAX_KEEP_ALIVE_INTERVAL}), and bounds
	 * the wait for a model itself, so this timeout only catches a dead agent or
	 * connection; it must be longer than that interval.
	 * @param timeout between 1 ms and 24 h, at most {@code streamTimeout}
	 * @return this builder
	 */
	public AgentClientBuilder firstTokenTimeout(Duration timeout) {
		this.firstTokenTimeout = Validation.timeout("firstTokenTimeout", timeout, MAX_TIMEOUT,
				"use e.g. Duration.ofSeconds(30)");
		return this;
	}

	/**
	 * The longest silence of a stream after its first event: no event and no keep-alive
	 * comment; default 20 s. The agent interrupts an answer whose model went silent
	 * itself (with an {@code answer-interrupted} error event), so this timeout only
	 * catches a dead agent or connection; it must be longer than
	 * {@link dev.project51.agent.contract.AgentApi#MAX_KEEP_ALIVE_INTERVAL}.
	 * @param timeout between 1 ms and 24 h, at most {@code streamTimeout}
	 * @return this builder
	 */
	public AgentClientBuilder idleTimeout(Duration timeout) {
		this.idleTimeout = Validation.timeout("idleTimeout", timeout, MAX_TIMEOUT, "use e.g. Duration.ofSeconds(20)");
		return this;
	}

	/**
	 * The largest accepted response body, and the largest single stream event; default 1
	 * MiB. A larger answer fails with {@link AgentProtocolException} without being read
	 * to its end.
	 * @param bytes between 1 KiB and 256 MiB
	 * @return this builder
	 */
	public AgentClientBuilder maxResponseBytes(int bytes) {
		if (bytes < MIN_RESPONSE_BYTES || bytes > MAX_RESPONSE_BYTES) {
			throw new IllegalArgumentException("maxResponseBytes must be between " + MIN_RESPONSE_BYTES
					+ " (1 KiB) and " + MAX_RESPONSE_BYTES + " (256 MiB), but was " + bytes);
		}
		this.maxResponseBytes = bytes;
		return this;
	}

	/**
	 * How to retry; default {@link RetryPolicy#ofDefaults()},
	 * {@link RetryPolicy#disabled()} never retries.
	 * @param policy the policy
	 * @return this builder
	 */
	public AgentClientBuilder retryPolicy(RetryPolicy policy) {
		this.retryPolicy = Validation.notNull("retryPolicy", policy);
		return this;
	}

	/**
	 * The client-side circuit breaker; default {@link CircuitBreakerPolicy#ofDefaults()},
	 * {@link CircuitBreakerPolicy#disabled()} for none.
	 * @param policy the policy
	 * @return this builder
	 */
	public AgentClientBuilder circuitBreaker(CircuitBreakerPolicy policy) {
		this.circuitBreaker = Validation.notNull("circuitBreaker", policy);
		return this;
	}

	/**
	 * The {@code User-Agent} header; default {@code project51-agent-client/<version>}.
	 * @param userAgent 1 to 200 visible characters and spaces
	 * @return this builder
	 */
	public AgentClientBuilder userAgent(String userAgent) {
		Validation.notNull("userAgent", userAgent);
		if (userAgent.isBlank() || userAgent.length() > 200
				|| userAgent.chars().anyMatch((c) -> c < 0x20 || c == 0x7F)) {
			throw new IllegalArgumentException("userAgent must be 1 to 200 characters without control characters, "
					+ "e.g. 'my-app/1.0', but was '" + userAgent.replaceAll("\\p{Cntrl}", "?") + "'");
		}
		this.userAgent = userAgent;
		return this;
	}

	/**
	 * The clock for the circuit breaker's open state and {@code Retry-After} dates;
	 * default {@link Clock#systemUTC()}. For tests.
	 * @param clock the clock
	 * @return this builder
	 */
	public AgentClientBuilder clock(Clock clock) {
		this.clock = Validation.notNull("clock", clock);
		return this;
	}

	/**
	 * The HTTP transport; default a
	 * {@link dev.project51.agent.client.transport.JdkHttpTransport} created with
	 * {@code connectTimeout} and closed with the client. A transport given here is not
	 * closed by the client, and {@code connectTimeout} does not apply to it.
	 * @param transport the transport
	 * @return this builder
	 */
	public AgentClientBuilder transport(HttpTransport transport) {
		this.transport = Validation.notNull("transport", transport);
		return this;
	}

	/**
	 * Where
	 * {@linkplain AgentClient#stream(dev.project51.agent.contract.ChatRequest, StreamListener)
	 * listener streams} run, one task per open stream for as long as it lasts (an
	 * iterated {@link ChatStream} runs on the iterating thread); default a pool of daemon
	 * threads named {@code project51-agent-client-<n>-stream-<m>} that grows with the
	 * open streams and that {@link AgentClient#close()} shuts down. An executor given
	 * here (bounded, named and measured as the application wants) is owned by the caller:
	 * the client never shuts it down, and a stream it rejects fails at once with an
	 * {@link IllegalStateException}.
	 * @param executor the executor
	 * @return this builder
	 */
	public AgentClientBuilder executor(Executor executor) {
		this.executor = Validation.notNull("executor", executor);
		return this;
	}

	/**
	 * What observes the client's calls: trace headers to send, retries, circuit
	 * transitions; default none.
	 * @param listener the listener
	 * @return this builder
	 */
	public AgentClientBuilder listener(AgentClientListener listener) {
		this.listener = Validation.notNull("listener", listener);
		return this;
	}

	/**
	 * How the client waits between retries. For tests in this package.
	 * @param sleeper the sleeper
	 * @return this builder
	 */
	AgentClientBuilder sleeper(Sleeper sleeper) {
		this.sleeper = Validation.notNull("sleeper", sleeper);
		return this;
	}

	/**
	 * Builds the client.
	 * @return a new client; close it when done
	 * @throws IllegalArgumentException if {@code baseUrl} is missing or settings
	 * contradict each other
	 */
	public AgentClient build() {
		if (this.baseUrl == null) {
			throw new IllegalArgumentException(
					"baseUrl is required: call baseUrl(\"http://localhost:8081\") with the agent's address");
		}
		requireAtMost("connectTimeout", this.connectTimeout, "requestTimeout", this.requestTimeout);
		requireAtMost("firstTokenTimeout", this.firstTokenTimeout, "streamTimeout", this.streamTimeout);
		requireAtMost("idleTimeout", this.idleTimeout, "streamTimeout", this.streamTimeout);
		return new DefaultAgentClient(this);
	}

	private static void requireAtMost(String name, Duration value, String limitName, Duration limit) {
		if (value.compareTo(limit) > 0) {
			throw new IllegalArgumentException(name + " (" + value + ") must not exceed " + limitName + " (" + limit
					+ "): lower " + name + " or raise " + limitName);
		}
	}

	@Override
	public String toString() {
		return "AgentClientBuilder[baseUrl=" + this.baseUrl + ", apiToken="
				+ ((this.apiToken != null) ? "(set)" : "(none)") + ", connectTimeout=" + this.connectTimeout
				+ ", requestTimeout=" + this.requestTimeout + ", streamTimeout=" + this.streamTimeout
				+ ", firstTokenTimeout=" + this.firstTokenTimeout + ", idleTimeout=" + this.idleTimeout
				+ ", maxResponseBytes=" + this.maxResponseBytes + ", retryPolicy=" + this.retryPolicy
				+ ", circuitBreaker=" + this.circuitBreaker + ", userAgent=" + this.userAgent + ", transport="
				+ ((this.transport != null) ? this.transport : "(default)") + "]";
	}

}
