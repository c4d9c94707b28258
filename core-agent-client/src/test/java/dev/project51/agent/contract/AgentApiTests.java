package dev.project51.agent.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the request rules of {@link AgentApi} that the client, the agent and the
 * frontend share.
 */
class AgentApiTests {

	@Test
	void aMessageOfWhiteSpaceAndControlCharactersOnlyIsBlank() {
		assertThat(AgentApi.isBlankMessage(null)).isTrue();
		assertThat(AgentApi.isBlankMessage("")).isTrue();
		assertThat(AgentApi.isBlankMessage(" \t\r\n\u2003")).isTrue();
		assertThat(AgentApi.isBlankMessage("\u0000\u0007\u001b")).isTrue();
		assertThat(AgentApi.isBlankMessage(" ? ")).isFalse();
		assertThat(AgentApi.isBlankMessage("\u00a0x")).isFalse();
	}

	@Test
	void aTitleIsOneToAHundredCharactersOnOneLineOnceStripped() {
		assertThat(AgentApi.isValidTitle("Roll back")).isTrue();
		assertThat(AgentApi.isValidTitle("  " + "x".repeat(AgentApi.MAX_TITLE_LENGTH) + " \t")).isTrue();
		assertThat(AgentApi.isValidTitle("x".repeat(AgentApi.MAX_TITLE_LENGTH + 1))).isFalse();
		assertThat(AgentApi.isValidTitle(null)).isFalse();
		assertThat(AgentApi.isValidTitle(" \u2003 ")).isFalse();
		assertThat(AgentApi.isValidTitle("Two\nlines")).isFalse();
		assertThat(AgentApi.isValidTitle("Bell\u0007")).isFalse();
		assertThat(AgentApi.isValidTitle("Delete\u007f")).isFalse();
	}

}
