package dev.project51.examples.loadgen.scenario;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import dev.project51.examples.loadgen.load.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw event-stream scenarios read each answer to its end before they close it. An
 * answer closed unfinished is cancelled by the JDK client, and a cancel that comes after
 * the answer arrived closes the connection even when another caller already took it from
 * the pool: that caller failed with "HTTP/1.1 header parser received no bytes" (seen as
 * one IOException now and then in the load generator's tests at concurrency 3).
 */
class EventStreamEndTests {

	private static final URI URL = URI.create("http://agent.test/api/v1/chat/stream");

	@Test
	void theAgentsStreamIsReadPastItsDoneEventToItsEnd() throws Exception {
		Answer answer = new Answer("event: meta", "data: {}", "", "event: token", "data: {\"text\":\"Hi\"}", "",
				"event: done", "data: {\"reply\":\"Hi\"}", "");
		Scenario sse = Scenarios.sse("relay", answer.client(), URL, null, "Hello", Duration.ofSeconds(5));
		assertThat(sse.call().streamed()).isTrue();
		assertThat(answer.unreadWhenClosed).as("lines left unread when the answer was closed").isZero();
	}

	@Test
	void aCompletionsStreamIsReadPastItsDoneSentinelToItsEnd() throws Exception {
		Answer answer = new Answer("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}", "", "data: [DONE]", "",
				": the end");
		Scenario completions = Scenarios.completions("completions", answer.client(),
				URI.create("http://agent.test/v1/chat/completions"), null, "project51-agent", "Hello",
				Duration.ofSeconds(5));
		assertThat(completions.call().streamed()).isTrue();
		assertThat(answer.unreadWhenClosed).as("lines left unread when the answer was closed").isZero();
	}

	/** An answer of 200 with these lines, which counts the lines not read on close. */
	private static final class Answer {

		private final List<String> lines;

		private int unreadWhenClosed = -1;

		Answer(String... lines) {
			this.lines = List.of(lines);
		}

		HttpClient client() {
			return new LinesClient(this);
		}

		Stream<String> body() {
			Iterator<String> iterator = this.lines.iterator();
			int[] read = new int[1];
			Iterator<String> counting = new Iterator<>() {

				@Override
				public boolean hasNext() {
					return iterator.hasNext();
				}

				@Override
				public String next() {
					read[0]++;
					return iterator.next();
				}

			};
			return StreamSupport.stream(Spliterators.spliteratorUnknownSize(counting, 0), false)
				.onClose(() -> this.unreadWhenClosed = this.lines.size() - read[0]);
		}

	}

	/** A client whose every call answers 200 with the lines of an {@link Answer}. */
	private static final class LinesClient extends HttpClient {

		private final Answer answer;

		LinesClient(Answer answer) {
			this.answer = answer;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
			return (HttpResponse<T>) new LinesResponse(request, this.answer.body());
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler) {
			throw new UnsupportedOperationException();
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<CookieHandler> cookieHandler() {
			return Optional.empty();
		}

		@Override
		public Optional<Duration> connectTimeout() {
			return Optional.empty();
		}

		@Override
		public Redirect followRedirects() {
			return Redirect.NEVER;
		}

		@Override
		public Optional<ProxySelector> proxy() {
			return Optional.empty();
		}

		@Override
		public SSLContext sslContext() {
			return null;
		}

		@Override
		public SSLParameters sslParameters() {
			return null;
		}

		@Override
		public Optional<Authenticator> authenticator() {
			return Optional.empty();
		}

		@Override
		public Version version() {
			return Version.HTTP_1_1;
		}

		@Override
		public Optional<Executor> executor() {
			return Optional.empty();
		}

	}

	private record LinesResponse(HttpRequest request, Stream<String> body) implements HttpResponse<Stream<String>> {

		@Override
		public int statusCode() {
			return 200;
		}

		@Override
		public Optional<HttpResponse<Stream<String>>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public HttpHeaders headers() {
			return HttpHeaders.of(Map.of("Content-Type", List.of("text/event-stream")), (name, value) -> true);
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return this.request.uri();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
