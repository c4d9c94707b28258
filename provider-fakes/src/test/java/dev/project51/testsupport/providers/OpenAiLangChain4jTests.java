package dev.project51.testsupport.providers;

import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j's {@code OpenAiChatModel} and {@code OpenAiStreamingChatModel} against the
 * OpenAI fake.
 */
class OpenAiLangChain4jTests extends LangChain4jClientTests {

	@Override
	Protocol protocol() {
		return Protocol.OPENAI;
	}

	@Override
	String userTextPointer() {
		return "/messages/0/content";
	}

	@Test
	void requestsUseTheChatCompletionsPathBearerAuthAndAskForUsageWhenStreaming() {
		blocking().chat("hi");
		stream().awaitComplete();

		ReceivedRequest blocking = this.fake.received().get(0);
		ReceivedRequest streaming = this.fake.received().get(1);
		assertThat(blocking.method()).isEqualTo("POST");
		assertThat(blocking.target()).isEqualTo("/v1/chat/completions");
		assertThat(blocking.header("Authorization")).isEqualTo("Bearer " + Clients.KEY);
		assertThat(blocking.body().path("stream").asBoolean(false)).isFalse();
		assertThat(streaming.target()).isEqualTo("/v1/chat/completions");
		assertThat(streaming.body().path("stream").asBoolean()).isTrue();
		assertThat(streaming.body().at("/stream_options/include_usage").asBoolean()).isTrue();
	}

	@Test
	void aDroppedStreamReportsTheErrorThenThePartialAnswerAsComplete() {
		partialAnswerAfter(Fault.dropAfter(2), "token", "token", "error", "complete");
	}

	@Test
	void anInStreamErrorIsIgnoredAndThePartialAnswerReportedAsComplete() {
		ChatResponse response = partialAnswerAfter(Fault.errorMidStream(2), "token", "token", "complete");

		assertThat(response.tokenUsage()).isNull();
	}

	@Test
	void aMalformedStreamEventIsAnErrorFollowedByACompleteResponse() {
		this.fake.failAlways(Fault.malformedBody());
		StreamRecorder stream = stream();

		assertThat(stream.awaitError()).hasRootCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
		ChatResponse response = stream.awaitComplete();

		assertThat(stream.callbacks()).containsExactly("error", "complete");
		assertThat(response.aiMessage().text()).isNull();
		assertThat(response.finishReason()).isEqualTo(dev.langchain4j.model.output.FinishReason.STOP);
	}

	@Test
	void anEmptyStreamCompletesWithoutTextOrError() {
		ChatResponse response = emptyAnswerAfter(Fault.emptyBody());

		assertThat(response.finishReason()).isNull();
	}

}
