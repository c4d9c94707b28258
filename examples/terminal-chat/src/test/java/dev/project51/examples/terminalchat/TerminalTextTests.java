package dev.project51.examples.terminalchat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTests {

	@Test
	void keepsTextLineFeedsTabsAndUnicode() {
		String text = "Run `kubectl rollout undo`\n\t- then wait ✓ für 5 s 🚀";
		assertThat(TerminalText.printable(text)).isSameAs(text);
	}

	@Test
	void neutralisesEscapeSequences() {
		assertThat(TerminalText.printable("\u001b]0;owned\u0007title\u001b[2Jclear"))
			.isEqualTo("\uFFFD]0;owned\uFFFDtitle\uFFFD[2Jclear")
			.doesNotContain("\u001b", "\u0007");
	}

	@Test
	void neutralisesEightBitControlsAndDelete() {
		assertThat(TerminalText.printable("a\u009b31mb\u007fc\u0085d")).isEqualTo("a\uFFFD31mb\uFFFDc\uFFFDd");
	}

	@Test
	void neutralisesBidirectionalOverrides() {
		assertThat(TerminalText.printable("safe\u202Egnp.exe\u2066x\u2069"))
			.isEqualTo("safe\uFFFDgnp.exe\uFFFDx\uFFFD");
	}

	@Test
	void dropsCarriageReturnsSoNothingOverwritesTheLine() {
		assertThat(TerminalText.printable("line one\r\nline two\rfake")).isEqualTo("line one\nline twofake");
	}

	@Test
	void nullIsEmpty() {
		assertThat(TerminalText.printable(null)).isEmpty();
	}

}
