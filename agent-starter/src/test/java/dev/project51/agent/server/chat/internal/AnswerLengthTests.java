package dev.project51.agent.server.chat.internal;

import java.time.Duration;

import dev.project51.agent.contract.AgentApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An answer longer than the maximum is cut with a visible marker; titles are the first
 * message on one line.
 */
class AnswerLengthTests {

	@Test
	void anAnswerOverTheMaximumIsCutThereWithTheMarker() {
		assertThat(ChatRules.cut("x".repeat(1000), 1000)).isEqualTo("x".repeat(1000));
		assertThat(ChatRules.cut("x".repeat(5000), 1000)).isEqualTo("x".repeat(1000) + AgentApi.ANSWER_CUT_MARKER);
		String emoji = "x".repeat(999) + "😀" + "y";
		assertThat(ChatRules.cut(emoji, 1000)).isEqualTo("x".repeat(999) + AgentApi.ANSWER_CUT_MARKER);
	}

	@Test
	void theMaximumCannotExceedWhatAHistoryPageIsSizedFor() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChatSettings(4000, Duration.ZERO, Duration.ofSeconds(50), Duration.ofMinutes(5),
					Duration.ofSeconds(1), AgentApi.DEFAULT_MAX_ANSWER_LENGTH + 1));
	}

	@Test
	void aTitleIsTheFirstMessageOnOneLineCut() {
		assertThat(ChatRules.title("  How do I\n\troll back?  ")).isEqualTo("How do I roll back?");
		String title = ChatRules.title("word ".repeat(100));
		assertThat(title).hasSize(AgentApi.MAX_TITLE_LENGTH).endsWith("…");
	}

}
