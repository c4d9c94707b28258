package dev.project51.testsupport.providers;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the real LangChain4j 1.19 clients of one protocol do against the fake: the answer
 * they parse, and the exception or callbacks each fault produces. Behaviour shared by the
 * three protocols lives here; each subclass adds what its client does differently.
 */
abstract class LangChain4jClientTests {

	static final String ANSWER = "The quick brown fox jumps";

	static final List<String> TOKENS = List.of("The ", "quick ", "brown ", "fox ", "jumps");

	/** Short enough that a test that means it to fire waits little. */
	static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

	/**
	 * How long a fault that a client does not notice is watched before the fake closes.
	 */
	static final Duration QUIET = Duration.ofMillis(1200);

	FakeProvider fake;

	abstract Protocol protocol();

	/**
	 * Where the user message's text is in the protocol's request body.
	 */
	abstract String userTextPointer();

	@BeforeEach
	void startFake() {
		this.fake = FakeProvider.start(protocol(), ANSWER);
	}

	@AfterEach
	void closeFake() {
		this.fake.close();
	}

	ChatModel blocking() {
		return Clients.blocking(this.fake, Clients.GENEROUS);
	}

	StreamRecorder stream() {
		return StreamRecorder.stream(Clients.streaming(this.fake, Clients.GENEROUS), "hello there");
	}

	@Test
	void blockingAnswerHasTheTextFinishReasonAndTokenUsage() {
		ChatResponse response = blocking().chat(dev.langchain4j.data.message.UserMessage.from("hello there"));

		assertThat(response.aiMessage().text()).isEqualTo(ANSWER);
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(2);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(TOKENS.size());
		assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(2 + TOKENS.size());
		assertThat(response.modelName()).isEqualTo(Clients.model(protocol()));
	}

	@Test
	void streamDeliversTheAnswerWordByWordThenTheCompleteResponse() {
		StreamRecorder stream = stream();

		ChatResponse response = stream.awaitComplete();
		assertThat(stream.tokens()).containsExactlyElementsOf(TOKENS);
		assertThat(response.aiMessage().text()).isEqualTo(ANSWER);
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(2);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(TOKENS.size());
		assertThat(stream.callbacks()).endsWith("complete").containsOnlyOnce("complete").doesNotContain("error");
	}

	@Test
	void requestsAreRecordedWithTheModelTheMessagesAndWhetherTheyStream() {
		blocking().chat("first question");
		stream().awaitComplete();

		assertThat(this.fake.requests()).isEqualTo(2);
		List<ReceivedRequest> received = this.fake.received();
		assertThat(received).extracting(ReceivedRequest::model)
			.containsExactly(Clients.model(protocol()), Clients.model(protocol()));
		assertThat(received).extracting(ReceivedRequest::stream).containsExactly(false, true);
		List<JsonNode> bodies = this.fake.bodies();
		assertThat(bodies.get(0).at(userTextPointer()).asString()).isEqualTo("first question");
		assertThat(bodies.get(1).at(userTextPointer()).asString()).isEqualTo("hello there");

		this.fake.resetCount();
		assertThat(this.fake.requests()).isZero();
		assertThat(this.fake.bodies()).isEmpty();
	}

	@Test
	void httpErrorsBecomeTheMatchingLangChain4jExceptions() {
		this.fake.enqueue(Fault.status(400))
			.enqueue(Fault.status(403))
			.enqueue(Fault.status(404))
			.enqueue(Fault.status(429))
			.enqueue(Fault.status(500))
			.enqueue(Fault.status(502));
		ChatModel model = blocking();

		assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(InvalidRequestException.class);
		assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(AuthenticationException.class);
		assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(ModelNotFoundException.class);
		assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);
		assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(InternalServerException.class);
		assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(InternalServerException.class);
		assertThat(model.chat("hi")).isEqualTo(ANSWER);
		assertThat(this.fake.requests()).isEqualTo(7);
	}

	@Test
	void rateLimitsInBothRetryAfterFormsAreRateLimitExceptions() {
		this.fake.enqueue(Fault.rateLimited(Duration.ofSeconds(7)))
			.enqueue(Fault.rateLimitedUntil(Instant.now().plusSeconds(60)))
			.enqueue(Fault.rateLimited(Duration.ofSeconds(7)));

		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(RateLimitException.class);
		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(RateLimitException.class);
		assertThat(stream().awaitError()).isInstanceOf(RateLimitException.class);
	}

	@Test
	void overloadedIsAnInternalServerErrorForBothModels() {
		this.fake.failAlways(Fault.overloaded());

		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(InternalServerException.class);
		assertThat(stream().awaitError()).isInstanceOf(InternalServerException.class);
	}

	@Test
	void unauthorizedIsAnAuthenticationErrorForBothModels() {
		this.fake.failAlways(Fault.unauthorized());

		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(AuthenticationException.class);
		assertThat(stream().awaitError()).isInstanceOf(AuthenticationException.class);
	}

	@Test
	void theRightApiKeyIsAnsweredAndAWrongOneRefused() {
		this.fake.expectApiKey(Clients.KEY);
		assertThat(blocking().chat("hi")).isEqualTo(ANSWER);

		this.fake.expectApiKey("another-key");
		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(wrongKeyException());
		assertThat(stream().awaitError()).isInstanceOf(wrongKeyException());
	}

	/**
	 * What the client raises for a wrong API key.
	 */
	Class<? extends Exception> wrongKeyException() {
		return AuthenticationException.class;
	}

	@Test
	void aResetConnectionIsAnUnmappedIoErrorNotALangChain4jException() {
		this.fake.failAlways(Fault.reset());

		assertThatThrownBy(() -> blocking().chat("hi")).isNotInstanceOf(LangChain4jException.class)
			.hasRootCauseInstanceOf(SocketException.class);
		assertThat(stream().awaitError()).isInstanceOf(CompletionException.class)
			.hasRootCauseInstanceOf(SocketException.class);
	}

	@Test
	void blockingModelsRetryByThemselvesButStreamingModelsDoNot() {
		this.fake.failAlways(Fault.overloaded());

		assertThatThrownBy(() -> Clients.blocking(this.fake, Clients.GENEROUS, null).chat("hi"))
			.isInstanceOf(InternalServerException.class);
		assertThat(this.fake.requests()).as("1 call + 2 retries by default").isEqualTo(3);

		this.fake.resetCount();
		assertThat(stream().awaitError()).isInstanceOf(InternalServerException.class);
		assertThat(this.fake.requests()).isEqualTo(1);
	}

	@Test
	void blockingModelsRetryUnmappedErrorsToo() {
		this.fake.enqueue(Fault.reset()).enqueue(Fault.malformedBody());

		assertThat(Clients.blocking(this.fake, Clients.GENEROUS, 2).chat("hi")).isEqualTo(ANSWER);
		assertThat(this.fake.requests()).isEqualTo(3);
	}

	@Test
	void blockingRetriesIgnoreRetryAfter() {
		this.fake.failAlways(Fault.rateLimited(Duration.ofSeconds(30)));

		long start = System.nanoTime();
		assertThatThrownBy(() -> Clients.blocking(this.fake, Clients.GENEROUS, null).chat("hi"))
			.isInstanceOf(RateLimitException.class);

		assertThat(this.fake.requests()).isEqualTo(3);
		assertThat(Await.elapsedSince(start)).as("far less than the 30 s the provider asked for")
			.isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void aHangBeforeHeadersTimesOutAndTheClientClosesTheConnection() {
		this.fake.failAlways(Fault.hangBeforeHeaders());

		assertThatThrownBy(() -> Clients.blocking(this.fake, SHORT_TIMEOUT).chat("hi"))
			.isInstanceOf(TimeoutException.class);
		Await.until("the timed-out request to leave the fake", () -> this.fake.inFlight() == 0);

		StreamRecorder stream = StreamRecorder.stream(Clients.streaming(this.fake, SHORT_TIMEOUT), "hi");
		assertThat(stream.awaitError()).isInstanceOf(TimeoutException.class);
		Await.until("the timed-out stream to leave the fake", () -> this.fake.inFlight() == 0);
		assertThat(this.fake.requests()).isEqualTo(2);
	}

	@Test
	void theTimeoutDoesNotCoverABlockingBodyThatNeverComes() throws Exception {
		this.fake.failAlways(Fault.hangAfterHeaders());
		ChatModel model = Clients.blocking(this.fake, SHORT_TIMEOUT);
		CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> model.chat("hi"));

		Await.until("the request to reach the fake", () -> this.fake.inFlight() == 1);
		assertThat(quiet(call)).as("still waiting, long after the 300 ms timeout").isTrue();

		this.fake.close();
		assertThat(this.fake.inFlight()).isZero();
		assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(EOFException.class);
	}

	@Test
	void theTimeoutDoesNotCoverAStreamThatStallsAfterItsHeaders() {
		this.fake.failAlways(Fault.stallBeforeFirstToken());
		StreamRecorder stream = StreamRecorder.stream(Clients.streaming(this.fake, SHORT_TIMEOUT), "hi");

		assertThat(stream.nothingMoreFor(QUIET)).as("no callback, long after the 300 ms timeout").isTrue();
		assertThat(stream.tokens()).isEmpty();
		assertThat(this.fake.inFlight()).isEqualTo(1);

		this.fake.close();
		assertThat(stream.awaitError()).isInstanceOf(LangChain4jException.class)
			.hasRootCauseInstanceOf(EOFException.class);
		assertThat(this.fake.inFlight()).isZero();
	}

	@Test
	void aStreamThatStallsAfterTwoTokensDeliversThemThenNothing() {
		this.fake.failAlways(Fault.stallAfter(2));
		StreamRecorder stream = StreamRecorder.stream(Clients.streaming(this.fake, SHORT_TIMEOUT), "hi");

		Await.until("two tokens", () -> stream.tokens().size() == 2);
		assertThat(stream.nothingMoreFor(QUIET)).isTrue();
		assertThat(stream.tokens()).containsExactly("The ", "quick ");

		this.fake.close();
		assertThat(stream.awaitError()).hasRootCauseInstanceOf(EOFException.class);
		assertThat(stream.tokens()).containsExactly("The ", "quick ");
	}

	@Test
	void aClientThatCancelsAStalledStreamReleasesTheFakesRequest() {
		this.fake.failAlways(Fault.stallAfter(2));

		StreamRecorder stream = StreamRecorder.stream(Clients.streaming(this.fake, Clients.GENEROUS), "hi", 2);
		Await.until("two tokens", () -> stream.tokens().size() == 2);

		Await.until("the cancelled stream to leave the fake", () -> this.fake.inFlight() == 0,
				() -> "inFlight=" + this.fake.inFlight());
		assertThat(stream.tokens()).containsExactly("The ", "quick ");
		assertThat(this.fake.requests()).isEqualTo(1);
	}

	@Test
	void closeReleasesEveryHangingRequest() {
		this.fake.failAlways(Fault.hangAfterHeaders());
		List<StreamRecorder> streams = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			streams.add(stream());
		}
		Await.until("8 hanging requests", () -> this.fake.inFlight() == 8);

		this.fake.close();

		assertThat(this.fake.inFlight()).isZero();
		streams.forEach((stream) -> assertThat(stream.awaitError()).hasRootCauseInstanceOf(EOFException.class));
	}

	@Test
	void healAnswersNormallyAgainButLeavesHangingRequestsHanging() {
		this.fake.enqueue(Fault.hangBeforeHeaders()).failAlways(Fault.overloaded());
		StreamRecorder hanging = stream();
		Await.until("the hanging request", () -> this.fake.inFlight() == 1);
		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(InternalServerException.class);

		this.fake.heal();

		assertThat(blocking().chat("hi")).isEqualTo(ANSWER);
		Await.until("only the hanging request left", () -> this.fake.inFlight() == 1);
		assertThat(hanging.ended()).isFalse();
		this.fake.close();
		assertThat(hanging.awaitError()).isNotNull();
	}

	@Test
	void aDropAfterTwoTokensDeliversThemThenAnError() {
		this.fake.failAlways(Fault.dropAfter(2));
		StreamRecorder stream = stream();

		assertThat(stream.awaitError()).isInstanceOf(LangChain4jException.class)
			.hasRootCauseInstanceOf(EOFException.class);
		assertThat(stream.tokens()).containsExactly("The ", "quick ");
		assertThat(stream.callbacks()).startsWith("token", "token", "error");
	}

	@Test
	void aDropBeforeTheFirstTokenIsAnErrorWithoutTokens() {
		this.fake.failAlways(Fault.dropAfter(0));
		StreamRecorder stream = stream();

		assertThat(stream.awaitError()).hasRootCauseInstanceOf(EOFException.class);
		assertThat(stream.tokens()).isEmpty();
	}

	@Test
	void aBlockingBodyCutShortIsAnUnmappedIoError() {
		this.fake.failAlways(Fault.dropAfter(2));

		assertThatThrownBy(() -> blocking().chat("hi")).isNotInstanceOf(LangChain4jException.class)
			.hasCauseInstanceOf(IOException.class)
			.hasRootCauseInstanceOf(EOFException.class);
	}

	@Test
	void aSlowStreamCompletesAlthoughItTakesLongerThanTheTimeout() {
		Duration first = Duration.ofMillis(400);
		Duration between = Duration.ofMillis(100);
		this.fake.failAlways(Fault.slowStream(first, between));

		long start = System.nanoTime();
		StreamRecorder stream = StreamRecorder.stream(Clients.streaming(this.fake, SHORT_TIMEOUT), "hi");
		ChatResponse response = stream.awaitComplete();

		assertThat(Await.elapsedSince(start)).isGreaterThanOrEqualTo(first.plus(between.multipliedBy(4)));
		assertThat(stream.tokens()).containsExactlyElementsOf(TOKENS);
		assertThat(response.aiMessage().text()).isEqualTo(ANSWER);
	}

	@Test
	void aSlowBlockingAnswerArrivesLateOrTimesOut() {
		this.fake.failAlways(Fault.slowStream(Duration.ofMillis(400), Duration.ofMillis(50)));

		long start = System.nanoTime();
		assertThat(blocking().chat("hi")).isEqualTo(ANSWER);
		assertThat(Await.elapsedSince(start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));

		assertThatThrownBy(() -> Clients.blocking(this.fake, SHORT_TIMEOUT).chat("hi"))
			.isInstanceOf(TimeoutException.class);
	}

	@Test
	void aBlockingBodyThatIsNotJsonIsAnUnmappedParseError() {
		this.fake.failAlways(Fault.malformedBody());

		assertThatThrownBy(() -> blocking().chat("hi")).isNotInstanceOf(LangChain4jException.class)
			.hasMessageContaining("end-of-input");
	}

	@Test
	void anEmptyBlockingBodyIsAnUnmappedParseError() {
		this.fake.failAlways(Fault.emptyBody());

		assertThatThrownBy(() -> blocking().chat("hi")).isNotInstanceOf(LangChain4jException.class)
			.hasMessageContaining("No content to map");
	}

	@Test
	void errorMidStreamOnABlockingCallIsTheOverloadedAnswer() {
		this.fake.failAlways(Fault.errorMidStream(2));

		assertThatThrownBy(() -> blocking().chat("hi")).isInstanceOf(InternalServerException.class);
	}

	/**
	 * Streams against a fault and checks that the stream completes after the given
	 * callbacks with the first two tokens and no finish reason.
	 * @return the complete response, for what a protocol adds
	 */
	ChatResponse partialAnswerAfter(Fault fault, String... callbacks) {
		this.fake.failAlways(fault);
		StreamRecorder stream = stream();

		ChatResponse response = stream.awaitComplete();

		assertThat(stream.callbacks()).containsExactly(callbacks);
		assertThat(response.aiMessage().text()).isEqualTo("The quick ");
		assertThat(response.finishReason()).isNull();
		return response;
	}

	/**
	 * Streams against a fault and checks that the stream completes at once, without text.
	 * @return the complete response, for what a protocol adds
	 */
	ChatResponse emptyAnswerAfter(Fault fault) {
		this.fake.failAlways(fault);
		StreamRecorder stream = stream();

		ChatResponse response = stream.awaitComplete();

		assertThat(stream.callbacks()).containsExactly("complete");
		assertThat(response.aiMessage().text()).isNull();
		return response;
	}

	/**
	 * Waits until the fake has finished with every request, so that the client has read
	 * all there was to read.
	 */
	void awaitFakeIdle() {
		Await.until("the fake to finish its requests", () -> this.fake.inFlight() == 0);
	}

	private static boolean quiet(CompletableFuture<?> future) throws InterruptedException {
		try {
			future.get(QUIET.toMillis(), TimeUnit.MILLISECONDS);
			return false;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			return true;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return false;
		}
	}

}
