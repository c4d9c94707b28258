package dev.project51.frontend.chat.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.util.Assert;

/**
 * What the chat page and its endpoints need to know, independent of how it is configured.
 *
 * @param title the page title
 * @param assistantName the label of the agent's answers
 * @param welcome the text shown on an empty conversation (plain text, empty lines
 * separate paragraphs)
 * @param suggestions example questions offered on an empty conversation
 * @param maxMessageLength the longest message, in characters
 * @param streamTimeout the longest time an answer may stream
 * @param streamHeartbeat the interval of keep-alive comments on a silent stream
 * @param statusPollInterval the interval of status checks while the agent is reachable
 * @param statusRetryInitial the first delay before a new check once the agent is
 * unavailable
 * @param statusRetryMax the longest delay between checks while the agent is unavailable
 * @since 0.1.0
 */
public record ChatSettings(String title, String assistantName, String welcome, List<String> suggestions,
		int maxMessageLength, Duration streamTimeout, Duration streamHeartbeat, Duration statusPollInterval,
		Duration statusRetryInitial, Duration statusRetryMax) {

	public ChatSettings {
		Assert.hasText(title, "'title' must not be empty");
		Assert.hasText(assistantName, "'assistantName' must not be empty");
		welcome = (welcome != null) ? welcome : "";
		suggestions = (suggestions != null) ? List.copyOf(suggestions) : List.of();
		Assert.isTrue(maxMessageLength > 0, () -> "'maxMessageLength' must be positive, but was " + maxMessageLength);
		Assert.notNull(streamTimeout, "'streamTimeout' must not be null");
		Assert.notNull(streamHeartbeat, "'streamHeartbeat' must not be null");
		Assert.notNull(statusPollInterval, "'statusPollInterval' must not be null");
		Assert.notNull(statusRetryInitial, "'statusRetryInitial' must not be null");
		Assert.notNull(statusRetryMax, "'statusRetryMax' must not be null");
	}

	/**
	 * The welcome text split into paragraphs at empty lines.
	 * @return the paragraphs, without empty ones
	 */
	public List<String> welcomeParagraphs() {
		return java.util.Arrays.stream(this.welcome.split("\\R\\s*\\R"))
			.map(String::strip)
			.filter((paragraph) -> !paragraph.isEmpty())
			.toList();
	}

}
