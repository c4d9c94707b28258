package dev.project51.testsupport.providers;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LangChain4j's {@code GoogleAiGeminiChatModel} and
 * {@code GoogleAiGeminiStreamingChatModel} against the Gemini fake.
 */
class GeminiLangChain4jTests extends LangChain4jClientTests {

	@Override
	Protocol protocol() {
		return Protocol.GEMINI;
	}

	@Override
	String userTextPointer() {
		return "/contents/0/parts/0/text";
	}

	/**
	 * The real API answers a wrong key with 400 {@code API_KEY_INVALID}, which
	 * LangChain4j maps to a non-retriable invalid request, not to an authentication
	 * error.
	 */
	@Override
	Class<? extends Exception> wrongKeyException() {
		return InvalidRequestException.class;
	}

	@Test
	void requestsNameTheModelInThePathAndSendTheKeyInAHeader() {
		blocking().chat("hi");
		stream().awaitComplete();

		ReceivedRequest blocking = this.fake.received().get(0);
		ReceivedRequest streaming = this.fake.received().get(1);
		assertThat(blocking.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
		assertThat(streaming.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
		assertThat(blocking.header("x-goog-api-key")).isEqualTo(Clients.KEY);
		assertThat(blocking.body().path("model").isMissingNode()).isTrue();
	}

	@Test
	void aDroppedStreamReportsTheErrorThenThePartialAnswerAsComplete() {
		ChatResponse response = partialAnswerAfter(Fault.dropAfter(2), "token", "token", "error", "complete");

		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
	}

	@Test
	void anInStreamErrorIsIgnoredAndThePartialAnswerReportedAsComplete() {
		partialAnswerAfter(Fault.errorMidStream(2), "token", "token", "complete");
	}

	@Test
	void aMalformedStreamEventIsSkippedSilentlyAndAnEmptyAnswerReportedComplete() {
		ChatResponse response = emptyAnswerAfter(Fault.malformedBody());

		assertThat(response.finishReason()).isNull();
	}

	@Test
	void anEmptyStreamCompletesWithoutTextOrError() {
		emptyAnswerAfter(Fault.emptyBody());
	}

}
