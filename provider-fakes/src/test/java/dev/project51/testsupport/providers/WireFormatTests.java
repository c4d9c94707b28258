package dev.project51.testsupport.providers;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes each fake sends, read with clients that hide nothing: the JDK's HTTP client
 * and a plain socket. These pin the shapes the real APIs use.
 */
class WireFormatTests {

	private static final Duration QUIET = Duration.ofMillis(400);

	private static final String IMF_FIXDATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

	private final List<FakeProvider> fakes = new ArrayList<>();

	@AfterEach
	void closeFakes() {
		this.fakes.forEach(FakeProvider::close);
	}

	/**
	 * The events of a streamed answer of a fresh fake, after checking that the answer is
	 * an UTF-8 event stream.
	 */
	private List<Sse> streamedEvents(Protocol protocol) {
		HttpResponse<String> response = Requests.chat(start(protocol), true);
		assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
		return Sse.parse(response.body());
	}

	private FakeProvider start(Protocol protocol) {
		FakeProvider fake = FakeProvider.start(protocol, "The quick brown fox jumps");
		this.fakes.add(fake);
		return fake;
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void rateLimitedSendsRetryAfterInSecondsRoundedUp(Protocol protocol) {
		FakeProvider fake = start(protocol).failAlways(Fault.rateLimited(Duration.ofMillis(2500)));

		HttpResponse<String> response = Requests.chat(fake, false);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().allValues("retry-after")).containsExactly("3");
		JsonNode body = Requests.json(response.body());
		switch (protocol) {
			case OPENAI -> {
				assertThat(body.at("/error/code").asString()).isEqualTo("rate_limit_exceeded");
				assertThat(body.at("/error/message").asString()).contains("Please try again in 3s");
				assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
				assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("3s");
			}
			case ANTHROPIC -> {
				assertThat(body.at("/type").asString()).isEqualTo("error");
				assertThat(body.at("/error/type").asString()).isEqualTo("rate_limit_error");
				assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
				assertThat(Instant.parse(response.headers().firstValue("anthropic-ratelimit-requests-reset").get()))
					.isAfter(Instant.now());
			}
			case GEMINI -> {
				assertThat(body.at("/error/code").asInt()).isEqualTo(429);
				assertThat(body.at("/error/status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
				assertThat(body.at("/error/details/1/@type").asString())
					.isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
				assertThat(body.at("/error/details/1/retryDelay").asString()).isEqualTo("3s");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void rateLimitedUntilSendsRetryAfterAsAnHttpDate(Protocol protocol) {
		Instant until = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
		FakeProvider fake = start(protocol).failAlways(Fault.rateLimitedUntil(until));

		HttpResponse<String> response = Requests.chat(fake, true);

		assertThat(response.statusCode()).isEqualTo(429);
		String retryAfter = response.headers().firstValue("retry-after").orElseThrow();
		assertThat(retryAfter).matches(IMF_FIXDATE);
		assertThat(ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(until);
	}

	static Stream<Arguments> errorShapes() {
		return Stream.of(Arguments.of(Protocol.OPENAI, Fault.status(500), 500, "/error/type", "server_error"),
				Arguments.of(Protocol.OPENAI, Fault.overloaded(), 503, "/error/type", "server_error"),
				Arguments.of(Protocol.OPENAI, Fault.unauthorized(), 401, "/error/code", "invalid_api_key"),
				Arguments.of(Protocol.OPENAI, Fault.status(404), 404, "/error/code", "model_not_found"),
				Arguments.of(Protocol.OPENAI, Fault.status(400), 400, "/error/type", "invalid_request_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.status(500), 500, "/error/type", "api_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.status(529), 529, "/error/type", "overloaded_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.overloaded(), 529, "/error/type", "overloaded_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.status(429), 429, "/error/type", "rate_limit_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.unauthorized(), 401, "/error/type", "authentication_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.status(400), 400, "/error/type", "invalid_request_error"),
				Arguments.of(Protocol.ANTHROPIC, Fault.status(404), 404, "/error/type", "not_found_error"),
				Arguments.of(Protocol.GEMINI, Fault.status(429), 429, "/error/status", "RESOURCE_EXHAUSTED"),
				Arguments.of(Protocol.GEMINI, Fault.overloaded(), 503, "/error/status", "UNAVAILABLE"),
				Arguments.of(Protocol.GEMINI, Fault.status(500), 500, "/error/status", "INTERNAL"),
				Arguments.of(Protocol.GEMINI, Fault.unauthorized(), 401, "/error/status", "UNAUTHENTICATED"),
				Arguments.of(Protocol.GEMINI, Fault.status(400), 400, "/error/status", "INVALID_ARGUMENT"),
				Arguments.of(Protocol.GEMINI, Fault.status(404), 404, "/error/status", "NOT_FOUND"));
	}

	@ParameterizedTest(name = "{0} {1} -> {2} {4}")
	@MethodSource("errorShapes")
	void errorsHaveTheProtocolsOwnShape(Protocol protocol, Fault fault, int status, String pointer, String value) {
		FakeProvider fake = start(protocol).failAlways(fault);

		for (boolean stream : new boolean[] { false, true }) {
			HttpResponse<String> response = Requests.chat(fake, stream);

			assertThat(response.statusCode()).isEqualTo(status);
			assertThat(response.headers().firstValue("content-type"))
				.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/json"));
			JsonNode body = Requests.json(response.body());
			assertThat(body.at(pointer).asString()).isEqualTo(value);
			switch (protocol) {
				case OPENAI ->
					assertThat(body.get("error").propertyNames()).contains("message", "type", "param", "code");
				case ANTHROPIC -> {
					assertThat(body.get("type").asString()).isEqualTo("error");
					assertThat(body.at("/error/message").asString()).isNotBlank();
				}
				case GEMINI -> {
					assertThat(body.at("/error/code").asInt()).isEqualTo(status);
					assertThat(body.at("/error/message").asString()).isNotBlank();
				}
			}
		}
	}

	@Test
	void openAiStreamsChunksThenUsageThenDone() {
		List<Sse> events = streamedEvents(Protocol.OPENAI);
		assertThat(events).allSatisfy((event) -> assertThat(event.name()).isNull());
		assertThat(events).hasSize(1 + 5 + 1 + 1 + 1);
		JsonNode role = Requests.json(events.get(0).data());
		assertThat(role.at("/object").asString()).isEqualTo("chat.completion.chunk");
		assertThat(role.at("/choices/0/delta/role").asString()).isEqualTo("assistant");
		assertThat(role.at("/choices/0/delta/content").asString()).isEmpty();
		assertThat(events.subList(1, 6))
			.extracting((event) -> Requests.json(event.data()).at("/choices/0/delta/content").asString())
			.containsExactly("The ", "quick ", "brown ", "fox ", "jumps");
		assertThat(Requests.json(events.get(6).data()).at("/choices/0/finish_reason").asString()).isEqualTo("stop");
		JsonNode usage = Requests.json(events.get(7).data());
		assertThat(usage.get("choices").isEmpty()).isTrue();
		assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(5);
		assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
		assertThat(events.get(8).data()).isEqualTo("[DONE]");
	}

	@Test
	void openAiStreamsNoUsageChunkUnlessAskedFor() {
		FakeProvider fake = start(Protocol.OPENAI);

		HttpResponse<String> response = Requests.send(fake, "/v1/chat/completions",
				"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}");

		List<Sse> events = Sse.parse(response.body());
		assertThat(events).hasSize(1 + 5 + 1 + 1);
		assertThat(events).noneSatisfy((event) -> assertThat(event.data()).contains("\"usage\""));
	}

	@Test
	void anthropicStreamsItsNamedEventSequence() {
		List<Sse> events = streamedEvents(Protocol.ANTHROPIC);
		assertThat(events).extracting(Sse::name)
			.containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
					"content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
					"content_block_stop", "message_delta", "message_stop");
		assertThat(events).allSatisfy(
				(event) -> assertThat(Requests.json(event.data()).get("type").asString()).isEqualTo(event.name()));
		JsonNode start = Requests.json(events.get(0).data());
		assertThat(start.at("/message/model").asString()).isEqualTo("claude-sonnet-4-5");
		assertThat(start.at("/message/usage/input_tokens").asInt()).isEqualTo(2);
		assertThat(Requests.json(events.get(3).data()).at("/delta/type").asString()).isEqualTo("text_delta");
		JsonNode messageDelta = Requests.json(events.get(9).data());
		assertThat(messageDelta.at("/delta/stop_reason").asString()).isEqualTo("end_turn");
		assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(5);
	}

	@Test
	void geminiStreamsCrlfSeparatedChunksThatEndWithTheResponse() {
		FakeProvider fake = start(Protocol.GEMINI);

		HttpResponse<String> response = Requests.chat(fake, true);

		assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
		assertThat(response.body()).endsWith("}\r\n\r\n").doesNotContain("[DONE]");
		List<Sse> events = Sse.parse(response.body());
		assertThat(events).hasSize(5);
		assertThat(events)
			.extracting((event) -> Requests.json(event.data()).at("/candidates/0/content/parts/0/text").asString())
			.containsExactly("The ", "quick ", "brown ", "fox ", "jumps");
		assertThat(events)
			.extracting((event) -> Requests.json(event.data()).at("/usageMetadata/candidatesTokenCount").asInt())
			.as("cumulative usage")
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(events)
			.extracting((event) -> Requests.json(event.data()).at("/candidates/0/finishReason").asString(null))
			.containsExactly(null, null, null, null, "STOP");
	}

	@Test
	void geminiStreamsAJsonArrayWithoutAltSse() {
		FakeProvider fake = start(Protocol.GEMINI);

		HttpResponse<String> response = Requests.send(fake, "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
				Requests.body(Protocol.GEMINI, true));

		assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
		JsonNode array = Requests.json(response.body());
		assertThat(array.isArray()).isTrue();
		assertThat(array.size()).isEqualTo(5);
		assertThat(array.get(4).at("/candidates/0/finishReason").asString()).isEqualTo("STOP");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void blockingAnswersAreOneJsonDocumentWithContentLength(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol);

		RawHttp.Received received = RawHttp.exchange(fake, QUIET, Requests.raw(protocol, false));

		assertThat(received.end()).as("kept alive").isEqualTo(RawHttp.End.QUIET);
		assertThat(received.head()).startsWith("HTTP/1.1 200 OK\r\n")
			.contains("Content-Length: " + received.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
			.doesNotContain("Transfer-Encoding");
		JsonNode body = Requests.json(received.body());
		String text = switch (protocol) {
			case OPENAI -> body.at("/choices/0/message/content").asString();
			case ANTHROPIC -> body.at("/content/0/text").asString();
			case GEMINI -> body.at("/candidates/0/content/parts/0/text").asString();
		};
		assertThat(text).isEqualTo("The quick brown fox jumps");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void streamsAreChunkedAndEndWithTheLastChunk(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol);

		RawHttp.Received received = RawHttp.exchange(fake, QUIET, Requests.raw(protocol, true));

		assertThat(received.head()).contains("Transfer-Encoding: chunked").doesNotContain("Content-Length");
		assertThat(received.body()).endsWith("\r\n0\r\n\r\n");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void stallBeforeFirstTokenSendsOnlyWhatTheProtocolSendsBeforeText(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol).failAlways(Fault.stallBeforeFirstToken());

		RawHttp.Received received = RawHttp.exchange(fake, QUIET, Requests.raw(protocol, true));

		assertThat(received.end()).isEqualTo(RawHttp.End.QUIET);
		assertThat(received.head()).startsWith("HTTP/1.1 200 OK").contains("text/event-stream");
		String body = received.body();
		assertThat(body).doesNotContain("The ").doesNotContain("0\r\n\r\n");
		switch (protocol) {
			case OPENAI -> assertThat(body).contains("\"role\":\"assistant\"").contains("\"content\":\"\"");
			case ANTHROPIC -> assertThat(body).contains("event: message_start")
				.contains("event: content_block_start")
				.contains("event: ping")
				.doesNotContain("content_block_delta");
			case GEMINI -> assertThat(body).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void hangAfterHeadersSendsTheHeadersOnly(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol).failAlways(Fault.hangAfterHeaders());

		RawHttp.Received blocking = RawHttp.exchange(fake, QUIET, Requests.raw(protocol, false));
		RawHttp.Received stream = RawHttp.exchange(fake, QUIET, Requests.raw(protocol, true));

		assertThat(blocking.end()).isEqualTo(RawHttp.End.QUIET);
		assertThat(blocking.head()).startsWith("HTTP/1.1 200 OK").containsPattern("Content-Length: [1-9]");
		assertThat(blocking.body()).isEmpty();
		assertThat(stream.end()).isEqualTo(RawHttp.End.QUIET);
		assertThat(stream.head()).contains("text/event-stream").contains("Transfer-Encoding: chunked");
		assertThat(stream.body()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void hangBeforeHeadersSendsNothing(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol).failAlways(Fault.hangBeforeHeaders());

		RawHttp.Received received = RawHttp.exchange(fake, QUIET, Requests.raw(protocol, true));

		assertThat(received.end()).isEqualTo(RawHttp.End.QUIET);
		assertThat(received.text()).isEmpty();
		assertThat(fake.requests()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void resetReadsTheRequestThenResetsTheConnection(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol).failAlways(Fault.reset());

		RawHttp.Received received = RawHttp.exchange(fake, Clients.GENEROUS, Requests.raw(protocol, false));

		assertThat(received.end()).isEqualTo(RawHttp.End.RESET);
		assertThat(received.text()).isEmpty();
		assertThat(fake.bodies()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void dropAfterTokensClosesInTheMiddleOfTheChunkedBody(Protocol protocol) throws Exception {
		FakeProvider fake = start(protocol).failAlways(Fault.dropAfter(2));

		RawHttp.Received received = RawHttp.exchange(fake, Clients.GENEROUS, Requests.raw(protocol, true));

		assertThat(received.end()).isEqualTo(RawHttp.End.CLOSED);
		assertThat(received.body()).contains("quick ").doesNotContain("brown ").doesNotEndWith("0\r\n\r\n");
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void errorMidStreamEndsTheStreamWithTheProtocolsErrorEvent(Protocol protocol) {
		FakeProvider fake = start(protocol).failAlways(Fault.errorMidStream(1));

		HttpResponse<String> response = Requests.chat(fake, true);

		assertThat(response.statusCode()).isEqualTo(200);
		List<Sse> events = Sse.parse(response.body());
		Sse last = events.get(events.size() - 1);
		JsonNode error = Requests.json(last.data());
		switch (protocol) {
			case OPENAI -> {
				assertThat(last.name()).isNull();
				assertThat(error.at("/error/type").asString()).isEqualTo("server_error");
				assertThat(events).hasSize(3);
			}
			case ANTHROPIC -> {
				assertThat(last.name()).isEqualTo("error");
				assertThat(error.at("/error/type").asString()).isEqualTo("overloaded_error");
				assertThat(events).extracting(Sse::name).doesNotContain("message_stop");
			}
			case GEMINI -> {
				assertThat(last.name()).isNull();
				assertThat(error.at("/error/status").asString()).isEqualTo("UNAVAILABLE");
				assertThat(events).hasSize(2);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Protocol.class)
	void malformedAndEmptyBodiesAreOkResponses(Protocol protocol) {
		FakeProvider fake = start(protocol);

		fake.enqueue(Fault.malformedBody());
		HttpResponse<String> malformed = Requests.chat(fake, false);
		fake.enqueue(Fault.emptyBody());
		HttpResponse<String> empty = Requests.chat(fake, false);
		fake.enqueue(Fault.emptyBody());
		HttpResponse<String> emptyStream = Requests.chat(fake, true);

		assertThat(malformed.statusCode()).isEqualTo(200);
		assertThat(malformed.body()).startsWith("{").doesNotEndWith("}");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).isEmpty();
		assertThat(emptyStream.statusCode()).isEqualTo(200);
		assertThat(emptyStream.headers().firstValue("content-type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/event-stream"));
		assertThat(emptyStream.body()).isEmpty();
	}

	@Test
	void aConnectionServesRequestsOneAfterTheOther() throws Exception {
		FakeProvider fake = start(Protocol.OPENAI);
		String request = Requests.raw(Protocol.OPENAI, false);

		RawHttp.Received received = RawHttp.exchange(fake, QUIET, request, request, request);

		assertThat(received.text().split("HTTP/1.1 200 OK", -1)).hasSize(4);
		assertThat(fake.requests()).isEqualTo(3);
	}

	@Test
	void aChunkedRequestBodyIsRead() throws Exception {
		FakeProvider fake = start(Protocol.OPENAI);
		String body = Requests.body(Protocol.OPENAI, false);
		String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
				+ "Connection: close\r\n\r\n" + Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
				+ Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n";

		RawHttp.Received received = RawHttp.exchange(fake, Clients.GENEROUS, request);

		assertThat(received.end()).as("Connection: close honoured").isEqualTo(RawHttp.End.CLOSED);
		assertThat(received.head()).startsWith("HTTP/1.1 200 OK");
		assertThat(fake.received().get(0).model()).isEqualTo("gpt-4o-mini");
	}

	/**
	 * One server-sent event of a complete stream.
	 */
	record Sse(String name, String data) {

		static List<Sse> parse(String body) {
			List<Sse> events = new ArrayList<>();
			for (String block : body.replace("\r\n", "\n").split("\n\n")) {
				String name = null;
				StringBuilder data = new StringBuilder();
				for (String line : block.split("\n")) {
					if (line.startsWith("event: ")) {
						name = line.substring(7);
					}
					else if (line.startsWith("data: ")) {
						data.append(line.substring(6));
					}
				}
				if (!data.isEmpty()) {
					events.add(new Sse(name, data.toString()));
				}
			}
			return events;
		}

	}

}
