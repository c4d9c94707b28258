package dev.project51.agent.server.failover;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;

/**
 * The HTTP client to give LangChain4j's provider models (their builders'
 * {@code httpClientBuilder(...)}) when they are part of a {@link ModelChain}. It is the
 * JDK's HTTP client with two additions the chain needs: an exchange started by a model
 * call can be aborted by the chain at any time, before its response headers too (a
 * watchdog that fires, a caller that went away), which closes the connection instead of
 * leaving it to hang; and an error response keeps its {@code Retry-After} header
 * ({@code ProviderHttpException}), so that the chain can honour it.
 *
 * @since 0.1.0
 */
public final class ProviderHttpClientBuilder implements HttpClientBuilder {

	private Duration connectTimeout;

	private Duration readTimeout;

	private Clock clock = Clock.systemUTC();

	private Executor streamExecutor;

	/**
	 * Creates a builder without timeouts: the chain's first-token and idle watchdogs
	 * bound every exchange.
	 */
	public ProviderHttpClientBuilder() {
	}

	@Override
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	@Override
	public ProviderHttpClientBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = timeout;
		return this;
	}

	@Override
	public Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * How long to wait for the response headers; {@code null} for no limit.
	 * @param timeout the timeout
	 * @return this builder
	 */
	@Override
	public ProviderHttpClientBuilder readTimeout(Duration timeout) {
		this.readTimeout = timeout;
		return this;
	}

	/**
	 * The clock that dates {@code Retry-After} HTTP-dates (for tests).
	 * @param clock the clock
	 * @return this builder
	 */
	public ProviderHttpClientBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Where streamed exchanges run: one task per stream from sending its request to the
	 * end of its response, which also runs the listener (so the chain's handler). A task
	 * the executor refuses fails the exchange at its response headers. The caller owns it
	 * and shuts it down. Without one, streams are read on the threads of the JDK client's
	 * own executor, an unbounded pool per client.
	 * @param streamExecutor the executor
	 * @return this builder
	 */
	public ProviderHttpClientBuilder streamExecutor(Executor streamExecutor) {
		this.streamExecutor = Objects.requireNonNull(streamExecutor, "streamExecutor must not be null");
		return this;
	}

	@Override
	public HttpClient build() {
		return new ProviderHttpClient(this.connectTimeout, this.readTimeout, this.clock, this.streamExecutor);
	}

}
