package dev.project51.agent.server.local.internal;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalTokens}: a token is a word with the white space before it.
 */
class LocalTokensTests {

	@Test
	void thePiecesConcatenateToTheExactText() {
		String text = "  Hello,\n\nworld:  `a  b` \n";
		assertThat(String.join("", LocalTokens.split(text))).isEqualTo(text);
		assertThat(LocalTokens.split("one two three")).containsExactly("one", " two", " three");
		assertThat(LocalTokens.split("one two ")).containsExactly("one", " two", " ");
	}

	@Test
	void aTextCountsItsWordsAndNotTheWhiteSpaceAfterTheLast() {
		assertThat(LocalTokens.count("one two ")).isEqualTo(2);
		assertThat(LocalTokens.count("  one\n\ntwo three")).isEqualTo(3);
		assertThat(LocalTokens.count(" ")).isZero();
		assertThat(LocalTokens.count((String) null)).isZero();
	}

	@Test
	void aMessageCountsTheWordsOfItsTextAndEachToolCallOneBesidesItsArguments() {
		ToolExecutionRequest call = ToolExecutionRequest.builder()
			.id("call-1")
			.name("weather")
			.arguments("{\"city\": \"Paris\"}")
			.build();
		assertThat(LocalTokens.count(SystemMessage.from("Be brief."))).isEqualTo(2);
		assertThat(LocalTokens.count(UserMessage.from(TextContent.from("one two"), TextContent.from("three "))))
			.as("every text part")
			.isEqualTo(3);
		assertThat(LocalTokens.count(AiMessage.from("Let me check.", List.of(call)))).isEqualTo(3 + 1 + 2);
		assertThat(LocalTokens.count(AiMessage.from(List.of(call, call)))).isEqualTo(2 * (1 + 2));
		assertThat(LocalTokens.count(ToolExecutionResultMessage.from(call, "Sunny, 21 C"))).isEqualTo(3);
	}

}
