package dev.project51.agent.server.failover;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.project51.agent.contract.RetryAfter;

/**
 * See {@link ProviderHttpClientBuilder}. An exchange started while a model call of the
 * chain runs on the current thread ({@link ModelCall#current()}) is registered with it,
 * so that the call can abort it.
 */
final class ProviderHttpClient implements HttpClient {

	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final Pattern RETRY_DELAY = Pattern
		.compile("\"retryDelay\"\\s*:\\s*\"(\\d{1,9}(?:\\.\\d{1,9})?)s\"");

	private final java.net.http.HttpClient delegate;

	private final Duration readTimeout;

	private final Clock clock;

	/** Where streamed responses are read; {@code null} for the JDK client's thread. */
	private final Executor streamExecutor;

	ProviderHttpClient(Duration connectTimeout, Duration readTimeout, Clock clock, Executor streamExecutor) {
		java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
		if (connectTimeout != null) {
			builder.connectTimeout(connectTimeout);
		}
		this.delegate = builder.build();
		this.readTimeout = readTimeout;
		this.clock = clock;
		this.streamExecutor = streamExecutor;
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		java.net.http.HttpRequest.Builder builder = toJdkRequest(request);
		ProviderRequestObservation observation = ProviderRequestObservation.start(request, builder);
		CompletableFuture<HttpResponse<byte[]>> future = this.delegate.sendAsync(builder.build(),
				BodyHandlers.ofByteArray());
		ModelCall call = ModelCall.current();
		if (call != null) {
			call.onAbort(() -> future.cancel(true));
		}
		HttpResponse<byte[]> response;
		try {
			response = future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			observation.stop("cancelled", null);
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while waiting for the provider");
		}
		catch (ExecutionException ex) {
			RuntimeException failure = failure(ex.getCause());
			observation.stop("failure", failure);
			throw failure;
		}
		catch (CancellationException ex) {
			observation.stop("cancelled", null);
			throw new CancellationException("the exchange with the provider was aborted");
		}
		observation.status(response.statusCode());
		if (!isSuccessful(response.statusCode())) {
			HttpException error = error(response, new String(response.body(), StandardCharsets.UTF_8));
			observation.stop("failure", error);
			throw error;
		}
		observation.stop("success", null);
		return success(response, response.body());
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		java.net.http.HttpRequest.Builder builder = toJdkRequest(request);
		ProviderRequestObservation observation = ProviderRequestObservation.start(request, builder);
		Exchange exchange = new Exchange(observation);
		ModelCall call = ModelCall.current();
		if (call != null) {
			call.onAbort(exchange::abort);
		}
		java.net.http.HttpRequest jdkRequest = builder.build();
		if (this.streamExecutor == null) {
			exchange.future = this.delegate.sendAsync(jdkRequest, BodyHandlers.ofInputStream());
			if (exchange.aborted) {
				exchange.future.cancel(true);
			}
			exchange.future.whenComplete((response, failure) -> respond(exchange, response, failure, parser, listener));
			return;
		}
		try {
			this.streamExecutor.execute(() -> sendAndRespond(exchange, jdkRequest, parser, listener));
		}
		catch (RejectedExecutionException ex) {
			refused(exchange, ex, listener);
		}
	}

	/**
	 * Reports a stream the stream executor refused, without sending its request: the
	 * provider would answer (and bill) a request whose response nobody reads. As for any
	 * failed exchange, the listener hears of it on another thread than the caller's,
	 * which has not yet returned from {@code execute}.
	 */
	private static void refused(Exchange exchange, RejectedExecutionException rejection,
			ServerSentEventListener listener) {
		CompletableFuture.runAsync(() -> {
			if (!exchange.aborted) {
				exchange.observation.stop("failure", rejection);
				notify(listener, rejection);
			}
		});
	}

	/**
	 * Sends a streamed exchange and reads its response on the current thread (one of the
	 * stream executor): the JDK client's blocking {@code send} completes the response on
	 * the thread that waits for it, where its {@code sendAsync} would hand it to one more
	 * thread (on two cores or fewer a new thread for every exchange, as
	 * {@code CompletableFuture}'s default executor has no pool there). Aborting
	 * interrupts the wait for the headers, which cancels the request.
	 */
	private void sendAndRespond(Exchange exchange, java.net.http.HttpRequest request, ServerSentEventParser parser,
			ServerSentEventListener listener) {
		if (!exchange.sending(Thread.currentThread())) {
			return;
		}
		HttpResponse<InputStream> response = null;
		Throwable failure = null;
		try {
			response = this.delegate.send(request, BodyHandlers.ofInputStream());
		}
		catch (IOException | RuntimeException ex) {
			failure = ex;
		}
		catch (InterruptedException ex) {
			failure = new CancellationException("interrupted while waiting for the provider");
			if (!exchange.aborted) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			exchange.sent();
		}
		respond(exchange, response, failure, parser, listener);
	}

	/**
	 * Reads a streamed response to its end, or reports its failure: on a thread of the
	 * stream executor, or without one of the JDK client's own executor.
	 */
	private void respond(Exchange exchange, HttpResponse<InputStream> response, Throwable failure,
			ServerSentEventParser parser, ServerSentEventListener listener) {
		ProviderRequestObservation observation = exchange.observation;
		if (failure != null) {
			if (!exchange.aborted) {
				RuntimeException mapped = failure(failure);
				observation.stop("failure", mapped);
				notify(listener, mapped);
			}
			return;
		}
		observation.status(response.statusCode());
		InputStream body = response.body();
		if (!exchange.body(body)) {
			return;
		}
		if (!isSuccessful(response.statusCode())) {
			HttpException error = error(response, readError(body));
			observation.stop("failure", error);
			notify(listener, error);
			return;
		}
		try {
			listener.onOpen(success(response, null));
		}
		catch (RuntimeException ex) {
			// as LangChain4j's own clients: a listener failure does not end the
			// exchange
		}
		try (body) {
			parser.parse(body, listener);
			if (!exchange.aborted) {
				observation.stop("success", null);
				listener.onClose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!exchange.aborted) {
				observation.stop("failure", ex);
				notify(listener, ex);
			}
		}
	}

	private java.net.http.HttpRequest.Builder toJdkRequest(HttpRequest request) {
		if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
			throw new IllegalArgumentException("multipart requests are not supported by the chain's HTTP client");
		}
		java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
		request.headers().forEach((name, values) -> {
			if (values != null) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		builder.method(request.method().name(),
				(request.body() != null) ? java.net.http.HttpRequest.BodyPublishers.ofString(request.body())
						: java.net.http.HttpRequest.BodyPublishers.noBody());
		if (this.readTimeout != null) {
			builder.timeout(this.readTimeout);
		}
		return builder;
	}

	private HttpException error(HttpResponse<?> response, String body) {
		Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), this.clock)
			.orElseGet(() -> retryDelay(body));
		return new ProviderHttpException(response.statusCode(), body, retryAfter);
	}

	/**
	 * Google's APIs say how long to wait in the error body instead of a header: a
	 * {@code RetryInfo} detail with {@code "retryDelay": "3s"}.
	 */
	static Duration retryDelay(String body) {
		if (body == null) {
			return null;
		}
		Matcher matcher = RETRY_DELAY.matcher(body);
		if (!matcher.find()) {
			return null;
		}
		long millis = Math.round(Double.parseDouble(matcher.group(1)) * 1000);
		return Duration.ofMillis(Math.min(millis, Duration.ofDays(1).toMillis()));
	}

	private static RuntimeException failure(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof HttpTimeoutException) {
			return new TimeoutException(cause);
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new ProviderIoException(cause);
	}

	private static String readError(InputStream body) {
		try (body) {
			return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static SuccessfulHttpResponse success(HttpResponse<?> response, byte[] body) {
		return SuccessfulHttpResponse.builder()
			.statusCode(response.statusCode())
			.headers(response.headers().map())
			.body((body != null) ? new String(body, StandardCharsets.UTF_8) : null)
			.build();
	}

	private static boolean isSuccessful(int status) {
		return status >= 200 && status < 300;
	}

	private static void notify(ServerSentEventListener listener, Throwable failure) {
		try {
			listener.onError(failure);
		}
		catch (RuntimeException ex) {
			// the listener's own failure ends nothing more
		}
	}

	/**
	 * One streamed exchange: aborting cancels the request before the headers, or closes
	 * the body after them.
	 */
	private static final class Exchange {

		private final ProviderRequestObservation observation;

		private volatile CompletableFuture<HttpResponse<InputStream>> future;

		private InputStream body;

		private volatile boolean aborted;

		/** The thread waiting in the JDK client's {@code send}, or {@code null}. */
		private Thread sender;

		Exchange(ProviderRequestObservation observation) {
			this.observation = observation;
		}

		/**
		 * The given thread starts sending; {@code false} if the exchange is already
		 * aborted.
		 */
		synchronized boolean sending(Thread thread) {
			if (this.aborted) {
				return false;
			}
			this.sender = thread;
			return true;
		}

		/**
		 * The sending thread got the response headers or failed: an abort no longer
		 * interrupts it, and an interrupt by an abort that came meanwhile is cleared.
		 */
		void sent() {
			synchronized (this) {
				this.sender = null;
			}
			if (this.aborted) {
				Thread.interrupted();
			}
		}

		synchronized boolean body(InputStream body) {
			if (this.aborted) {
				close(body);
				return false;
			}
			this.body = body;
			return true;
		}

		void abort() {
			InputStream current;
			synchronized (this) {
				if (this.aborted) {
					return;
				}
				this.aborted = true;
				current = this.body;
				if (this.sender != null) {
					this.sender.interrupt();
				}
			}
			this.observation.stop("cancelled", null);
			CompletableFuture<HttpResponse<InputStream>> pending = this.future;
			if (pending != null) {
				pending.cancel(true);
			}
			if (current != null) {
				close(current);
			}
		}

		private static void close(InputStream body) {
			try {
				body.close();
			}
			catch (IOException ex) {
				// closing is all we wanted
			}
		}

	}

}
