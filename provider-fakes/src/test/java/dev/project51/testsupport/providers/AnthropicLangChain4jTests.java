package dev.project51.testsupport.providers;

import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j's {@code AnthropicChatModel} and {@code AnthropicStreamingChatModel}
 * against the Anthropic fake.
 */
class AnthropicLangChain4jTests extends LangChain4jClientTests {

	@Override
	Protocol protocol() {
		return Protocol.ANTHROPIC;
	}

	@Override
	String userTextPointer() {
		return "/messages/0/content/0/text";
	}

	@Test
	void requestsUseTheMessagesPathTheApiKeyHeaderAndTheApiVersion() {
		blocking().chat("hi");
		stream().awaitComplete();

		for (ReceivedRequest request : this.fake.received()) {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.target()).isEqualTo("/v1/messages");
			assertThat(request.header("x-api-key")).isEqualTo(Clients.KEY);
			assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
			assertThat(request.body().path("max_tokens").isNumber()).isTrue();
		}
		assertThat(this.fake.received()).extracting((request) -> request.body().path("stream").asBoolean(false))
			.containsExactly(false, true);
	}

	@Test
	void aDroppedStreamReportsTheErrorOnly() {
		this.fake.failAlways(Fault.dropAfter(2));
		StreamRecorder stream = stream();

		stream.awaitError();
		awaitFakeIdle();

		assertThat(stream.nothingMoreFor(QUIET.dividedBy(4))).isTrue();
		assertThat(stream.callbacks()).containsExactly("token", "token", "error");
	}

	@Test
	void anInStreamOverloadedErrorIsAnAnthropicStreamingException() {
		this.fake.failAlways(Fault.errorMidStream(2));
		StreamRecorder stream = stream();

		assertThat(stream.awaitError()).isInstanceOfSatisfying(AnthropicStreamingException.class,
				(error) -> assertThat(error.type()).isEqualTo("overloaded_error"));
		assertThat(stream.tokens()).containsExactly("The ", "quick ");
	}

	@Test
	void aMalformedStreamEventIsSkippedSilentlyAndTheAnswerReportedComplete() {
		ChatResponse response = emptyAnswerAfter(Fault.malformedBody());

		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
	}

	@Test
	void anEmptyStreamNeverCompletesNorFails() {
		this.fake.failAlways(Fault.emptyBody());
		StreamRecorder stream = stream();

		Await.until("the fake to answer", () -> this.fake.requests() == 1);
		awaitFakeIdle();

		assertThat(stream.nothingMoreFor(QUIET)).as("no callback although the response has ended").isTrue();
		assertThat(stream.callbacks()).isEmpty();
	}

}
