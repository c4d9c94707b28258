package dev.project51.agent.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

import dev.project51.agent.client.internal.Bodies;
import dev.project51.agent.client.internal.BodyTooLargeException;
import dev.project51.agent.client.internal.Deadlines;
import dev.project51.agent.client.transport.HttpTransport;
import dev.project51.agent.client.transport.JdkHttpTransport;
import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.client.transport.TransportResponse;
import dev.project51.agent.contract.AgentApi;

/**
 * The exchanges of one client with the agent: builds each request, keeps track of the
 * exchanges in flight so that closing the client aborts them, arms their watchdogs, and
 * tells why an aborted exchange failed.
 */
final class Exchanges {

	private static final String JSON = "application/json";

	private final URI baseUrl;

	/** The URIs of the chat calls, parsed once instead of per call. */
	private final Map<String, URI> chatUris;

	private final String authorization;

	private final String userAgent;

	private final Duration requestTimeout;

	private final Duration streamTimeout;

	private final Duration firstTokenTimeout;

	private final Duration idleTimeout;

	private final int maxResponseBytes;

	private final HttpTransport transport;

	private final boolean ownsTransport;

	private final Failures failures;

	private final Deadlines deadlines;

	private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	Exchanges(AgentClientBuilder builder, Failures failures, String watchdogThread) {
		this.baseUrl = builder.baseUrl;
		this.chatUris = Map.of(AgentApi.CHAT_PATH, URI.create(this.baseUrl + AgentApi.CHAT_PATH),
				AgentApi.CHAT_STREAM_PATH, URI.create(this.baseUrl + AgentApi.CHAT_STREAM_PATH));
		this.authorization = (builder.apiToken != null) ? "Bearer " + builder.apiToken : null;
		this.userAgent = builder.userAgent;
		this.requestTimeout = builder.requestTimeout;
		this.streamTimeout = builder.streamTimeout;
		this.firstTokenTimeout = builder.firstTokenTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.maxResponseBytes = builder.maxResponseBytes;
		this.failures = failures;
		this.deadlines = new Deadlines(watchdogThread);
		this.ownsTransport = builder.transport == null;
		this.transport = (builder.transport != null) ? builder.transport
				: JdkHttpTransport.create(builder.connectTimeout);
	}

	/**
	 * One blocking exchange, aborted by a watchdog at the deadline.
	 */
	<T> T exchange(Call call, Call.Handler<T> handler, long deadline) {
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
		URI uri = this.chatUris.get(call.path());
		if (uri == null) {
			uri = URI.create(this.baseUrl + call.path());
		}
		return new TransportRequest(call.method(), uri, headers, call.body());
	}

	/**
	 * Prepares an exchange and registers it, so that {@link #close()} can abort it; the
	 * request goes out in {@link Exchange#awaitResponse()}.
	 */
	Exchange open(Call call) {
		Exchange exchange = new Exchange(this.transport, request(call));
		this.exchanges.add(exchange);
		if (this.closed) {
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
			case CANCELLED, DRAINED -> new CancellationException(call + " was cancelled");
		};
	}

	boolean hasApiToken() {
		return this.authorization != null;
	}

	HttpTransport transport() {
		return this.transport;
	}

	/**
	 * Aborts the exchanges in flight, stops the watchdogs and closes the transport if the
	 * client created it.
	 */
	void close() {
		this.closed = true;
		for (Exchange exchange : this.exchanges) {
			exchange.abort(Exchange.Abort.CLIENT_CLOSED);
		}
		this.deadlines.close();
		if (this.ownsTransport) {
			this.transport.close();
		}
	}

	void awaitTermination() throws InterruptedException {
		this.deadlines.awaitTermination(1000);
	}

}
