package dev.project51.testsupport.providers;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The fake's own API: the fault queue, healing, counting, API keys, concurrency and
 * closing.
 */
class FakeProviderTests {

	private final List<FakeProvider> fakes = new ArrayList<>();

	@AfterEach
	void closeFakes() {
		this.fakes.forEach(FakeProvider::close);
	}

	/**
	 * Sends a request without a key, one with a wrong key and one with the right key in
	 * the given header, and checks the statuses of the answers (the right key's is 200).
	 * @return the error bodies of the first two answers
	 */
	private static KeyAnswers keyAnswers(FakeProvider fake, int missingStatus, int wrongStatus, String header,
			String wrongKey, String rightKey) {
		HttpResponse<String> missing = Requests.chat(fake, false);
		HttpResponse<String> wrong = Requests.chat(fake, false, header, wrongKey);
		HttpResponse<String> right = Requests.chat(fake, false, header, rightKey);
		assertThat(missing.statusCode()).isEqualTo(missingStatus);
		assertThat(wrong.statusCode()).isEqualTo(wrongStatus);
		assertThat(right.statusCode()).isEqualTo(200);
		return new KeyAnswers(Requests.json(missing.body()), Requests.json(wrong.body()));
	}

	private FakeProvider start(Protocol protocol) {
		FakeProvider fake = FakeProvider.start(protocol, "Hello from the fake");
		this.fakes.add(fake);
		return fake;
	}

	@Test
	void baseUrlsAreWhatTheClientsExpectOnALoopbackPort() {
		FakeProvider openAi = start(Protocol.OPENAI);
		FakeProvider anthropic = start(Protocol.ANTHROPIC);
		FakeProvider gemini = start(Protocol.GEMINI);

		assertThat(openAi.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
		assertThat(anthropic.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
		assertThat(gemini.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1beta");
		assertThat(URI.create(openAi.baseUrl()).getPort()).isNotEqualTo(URI.create(anthropic.baseUrl()).getPort());
		assertThat(openAi.protocol()).isEqualTo(Protocol.OPENAI);
		assertThat(openAi.answer()).isEqualTo("Hello from the fake");
	}

	@Test
	void queuedFaultsComeFirstInOrderThenTheAlwaysFaultUntilHealed() {
		FakeProvider fake = start(Protocol.OPENAI);
		fake.failAlways(Fault.status(429)).enqueue(Fault.status(500)).enqueue(Fault.status(503));

		List<Integer> statuses = IntStream.range(0, 4)
			.mapToObj((i) -> Requests.chat(fake, false).statusCode())
			.toList();
		fake.heal();
		int healed = Requests.chat(fake, false).statusCode();

		assertThat(statuses).containsExactly(500, 503, 429, 429);
		assertThat(healed).isEqualTo(200);
	}

	@Test
	void answersCanDependOnTheRequest() {
		FakeProvider fake = start(Protocol.OPENAI);
		fake.answers((body) -> "You sent " + body.path("messages").size() + " message");

		assertThat(Requests.chat(fake, false).body()).contains("You sent 1 message");
		fake.answers(null);
		assertThat(Requests.chat(fake, false).body()).contains(fake.answer());
	}

	@Test
	void aDelayedAnswerIsTheNormalAnswer() {
		FakeProvider fake = start(Protocol.OPENAI);
		fake.enqueue(Fault.delay(Duration.ofMillis(100)));

		HttpResponse<String> response = Requests.chat(fake, false);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(fake.answer());
		assertThat(Fault.delay(Duration.ofMillis(100))).hasToString("delay(PT0.1S)");
	}

	@Test
	void healForgetsQueuedFaults() {
		FakeProvider fake = start(Protocol.ANTHROPIC);
		fake.enqueue(Fault.overloaded()).enqueue(Fault.overloaded());

		fake.heal();

		assertThat(Requests.chat(fake, false).statusCode()).isEqualTo(200);
	}

	@Test
	void requestsAreCountedAndRecordedUntilReset() {
		FakeProvider fake = start(Protocol.GEMINI);
		Requests.chat(fake, false, "x-goog-api-key", "k1");
		Requests.chat(fake, true, "x-goog-api-key", "k2");

		assertThat(fake.requests()).isEqualTo(2);
		assertThat(fake.received()).extracting(ReceivedRequest::model).containsOnly("gemini-2.5-flash");
		assertThat(fake.received()).extracting((request) -> request.header("X-Goog-Api-Key"))
			.containsExactly("k1", "k2");
		assertThat(fake.bodies()).extracting((body) -> body.at("/contents/0/parts/0/text").asString())
			.containsExactly("hello there", "hello there");

		fake.resetCount();

		assertThat(fake.requests()).isZero();
		assertThat(fake.received()).isEmpty();
		assertThat(fake.bodies()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void requestsTheRealApiRefusesAreRefusedInItsShapeWhateverTheFault(Protocol protocol) {
		FakeProvider fake = start(protocol).failAlways(Fault.hangBeforeHeaders());
		String path = switch (protocol) {
			case OPENAI -> "/v1/completions/unknown";
			case ANTHROPIC -> "/v1/unknown";
			case GEMINI -> "/v1beta/models/gemini-2.5-flash:unknownMethod";
		};

		HttpResponse<String> unknown = Requests.send(fake, path, Requests.body(protocol, false),
				Requests.headers(protocol));
		HttpResponse<String> notJson = Requests.send(fake, Requests.path(protocol, false), "{not json",
				Requests.headers(protocol));

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(Requests.json(unknown.body()).has("error")).isTrue();
		assertThat(Requests.json(notJson.body()).has("error")).isTrue();
		assertThat(fake.requests()).isEqualTo(2);
		assertThat(fake.received()).extracting(ReceivedRequest::model).containsOnlyNulls();
		assertThat(fake.bodies().get(1).isMissingNode()).isTrue();
	}

	@Test
	void anthropicRequiresTheApiVersionHeader() {
		FakeProvider fake = start(Protocol.ANTHROPIC);

		HttpResponse<String> response = Requests.send(fake, "/v1/messages", Requests.body(Protocol.ANTHROPIC, false));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Requests.json(response.body()).at("/error/message").asString()).contains("anthropic-version");
	}

	@Test
	void openAiChecksTheBearerKey() {
		KeyAnswers answers = keyAnswers(start(Protocol.OPENAI).expectApiKey("sk-right"), 401, 401, "Authorization",
				"Bearer sk-wrong-key-123456", "Bearer sk-right");

		assertThat(answers.missing().at("/error/message").asString()).contains("didn't provide an API key");
		assertThat(answers.wrong().at("/error/code").asString()).isEqualTo("invalid_api_key");
		assertThat(answers.wrong().at("/error/message").asString()).doesNotContain("sk-wrong-key-123456");
	}

	@Test
	void anthropicChecksTheApiKeyHeader() {
		KeyAnswers answers = keyAnswers(start(Protocol.ANTHROPIC).expectApiKey("right"), 401, 401, "x-api-key", "wrong",
				"right");

		assertThat(answers.missing().at("/error/type").asString()).isEqualTo("authentication_error");
		assertThat(answers.wrong().at("/error/message").asString()).isEqualTo("invalid x-api-key");
	}

	@Test
	void geminiChecksTheKeyLikeTheRealApiInAHeaderOrTheQuery() {
		FakeProvider fake = start(Protocol.GEMINI).expectApiKey("right");

		KeyAnswers answers = keyAnswers(fake, 403, 400, "x-goog-api-key", "wrong", "right");
		HttpResponse<String> query = Requests.send(fake, Requests.path(Protocol.GEMINI, false) + "?key=right",
				Requests.body(Protocol.GEMINI, false));

		assertThat(answers.missing().at("/error/status").asString()).isEqualTo("PERMISSION_DENIED");
		assertThat(answers.wrong().at("/error/details/0/reason").asString()).isEqualTo("API_KEY_INVALID");
		assertThat(query.statusCode()).isEqualTo(200);
	}

	@Test
	void theKeyIsCheckedBeforeAnyFaultAndLeavesTheQueueAlone() {
		FakeProvider fake = start(Protocol.ANTHROPIC).expectApiKey("right").enqueue(Fault.overloaded());

		HttpResponse<String> wrong = Requests.chat(fake, false, "x-api-key", "wrong");
		HttpResponse<String> right = Requests.chat(fake, false, "x-api-key", "right");

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(right.statusCode()).isEqualTo(529);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void manyConcurrentRequestsAreAllAnswered(Protocol protocol) {
		FakeProvider fake = start(protocol).failAlways(Fault.slowStream(Duration.ofMillis(50), Duration.ofMillis(10)));

		List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 64)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> Requests.chat(fake, i % 2 == 0)))
			.toList();

		assertThat(responses).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
		assertThat(fake.requests()).isEqualTo(64);
		Await.until("all requests done", () -> fake.inFlight() == 0);
	}

	@Test
	void hangingRequestsHoldTheirThreadsUntilClose() {
		FakeProvider fake = start(Protocol.OPENAI).failAlways(Fault.hangBeforeHeaders());
		URI uri = URI.create(fake.baseUrl() + "/chat/completions");
		List<CompletableFuture<HttpResponse<String>>> hanging = IntStream.range(0, 40)
			.mapToObj((i) -> Requests.client()
				.sendAsync(HttpRequest.newBuilder(uri)
					.POST(HttpRequest.BodyPublishers.ofString(Requests.body(Protocol.OPENAI, false)))
					.build(), HttpResponse.BodyHandlers.ofString()))
			.toList();
		Await.until("40 hanging requests", () -> fake.inFlight() == 40, () -> "inFlight=" + fake.inFlight());

		fake.close();

		assertThat(fake.inFlight()).isZero();
		assertThat(hanging).allSatisfy((response) -> assertThat(response).failsWithin(Clients.GENEROUS));
	}

	@Test
	void aClientThatGivesUpReleasesItsHangingRequest() {
		FakeProvider fake = start(Protocol.GEMINI).failAlways(Fault.hangBeforeHeaders());
		URI uri = URI.create(fake.baseUrl() + "/models/m:generateContent");
		CompletableFuture<HttpResponse<String>> response = Requests.client()
			.sendAsync(HttpRequest.newBuilder(uri)
				.POST(HttpRequest.BodyPublishers.ofString(Requests.body(Protocol.GEMINI, false)))
				.build(), HttpResponse.BodyHandlers.ofString());
		Await.until("the hanging request", () -> fake.inFlight() == 1);

		response.cancel(true);

		Await.until("the fake to notice the client left", () -> fake.inFlight() == 0);
	}

	@Test
	void startValidatesItsArguments() {
		assertThatNullPointerException().isThrownBy(() -> FakeProvider.start(null, "answer"))
			.withMessage("protocol must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> FakeProvider.start(Protocol.OPENAI, " "))
			.withMessage("answer must not be blank, was ' '");
		FakeProvider fake = start(Protocol.OPENAI);
		assertThatNullPointerException().isThrownBy(() -> fake.enqueue(null)).withMessage("fault must not be null");
		assertThatNullPointerException().isThrownBy(() -> fake.failAlways(null)).withMessage("fault must not be null");
	}

	@Test
	void faultsValidateTheirParametersAndSayWhatTheyAre() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.status(200))
			.withMessage("status must be an HTTP error status (400-599), was 200");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.dropAfter(-1))
			.withMessage("tokens must be 0 or more, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.rateLimited(Duration.ofSeconds(-1)))
			.withMessage("retryAfter must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.slowStream(Duration.ZERO, Duration.ofMillis(-5)))
			.withMessage("betweenTokens must not be negative, was PT-0.005S");
		assertThat(Fault.stallAfter(3)).hasToString("stallAfter(3)");
		assertThat(Fault.status(529)).hasToString("status(529)");
	}

	private record KeyAnswers(JsonNode missing, JsonNode wrong) {

	}

}
