package dev.project51.agent.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SseParserTests {

	private final List<SseEvent> events = new ArrayList<>();

	private final SseParser parser = new SseParser(1024);

	private void feed(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		this.parser.feed(bytes, 0, bytes.length, this.events::add);
	}

	@Test
	void dispatchesAnEventAtTheBlankLine() {
		feed("event: token\ndata: {\"text\":\"hi\"}\n");
		assertThat(this.events).isEmpty();
		feed("\n");
		assertThat(this.events).containsExactly(new SseEvent("token", "{\"text\":\"hi\"}", null));
	}

	@Test
	void joinsMultipleDataLinesWithNewlines() {
		feed("data: first\ndata:second\ndata:  third\n\n");
		assertThat(this.events).containsExactly(new SseEvent("message", "first\nsecond\n third", null));
	}

	@Test
	void acceptsCrlfAndLoneCrLineEndings() {
		feed("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r");
		assertThat(this.events).extracting(SseEvent::name, SseEvent::data)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"),
					org.assertj.core.groups.Tuple.tuple("b", "2"));
	}

	@Test
	void handlesEveryPossibleSplitOfTheInput() {
		String stream = "\uFEFF: hello\r\nevent: meta\r\ndata: {\"m\":\"é\"}\r\n\r\nid: 7\nevent: token\ndata: x\n\n";
		byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split <= bytes.length; split++) {
			List<SseEvent> seen = new ArrayList<>();
			SseParser fresh = new SseParser(1024);
			fresh.feed(bytes, 0, split, seen::add);
			fresh.feed(bytes, split, bytes.length - split, seen::add);
			assertThat(seen).as("split at %d", split)
				.containsExactly(new SseEvent("meta", "{\"m\":\"é\"}", null), new SseEvent("token", "x", "7"));
			assertThat(fresh.comments()).isOne();
		}
	}

	@Test
	void ignoresCommentsAndBlankLinesWithoutData() {
		feed(": heartbeat\n\n:\n\nevent: lonely\n\nretry: 1000\n\n");
		assertThat(this.events).isEmpty();
		assertThat(this.parser.comments()).isEqualTo(2);
	}

	@Test
	void keepsUnknownEventNamesForTheCallerToIgnore() {
		feed("event: usage\ndata: {}\n\n");
		assertThat(this.events).containsExactly(new SseEvent("usage", "{}", null));
	}

	@Test
	void fieldWithoutColonHasEmptyValue() {
		feed("data\ndata\n\n");
		assertThat(this.events).containsExactly(new SseEvent("message", "\n", null));
	}

	@Test
	void reportsAPartialEventAtTheEnd() {
		feed("event: token\ndata: {\"te");
		assertThat(this.parser.hasPartialEvent()).isTrue();
		assertThat(this.events).isEmpty();
	}

	@Test
	void rejectsALineLongerThanTheLimit() {
		assertThatExceptionOfType(SseFormatException.class).isThrownBy(() -> feed("data: " + "x".repeat(2000)))
			.withMessageContaining("line is longer than the limit of 1024 bytes");
	}

	@Test
	void rejectsAnEventLargerThanTheLimit() {
		String line = "data: " + "x".repeat(300) + "\n";
		assertThatExceptionOfType(SseFormatException.class).isThrownBy(() -> feed(line + line + line + line))
			.withMessageContaining("event is larger than the limit of 1024 bytes");
	}

	@Test
	void heartbeatsDoNotCountTowardsTheEventLimit() {
		for (int i = 0; i < 100; i++) {
			feed(": keep-alive " + i + "\n");
		}
		feed("data: ok\n\n");
		assertThat(this.events).containsExactly(new SseEvent("message", "ok", null));
	}

	@Test
	void rejectsANonPositiveLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SseParser(0))
			.withMessage("maxEventBytes must be >= 1, but was 0");
	}

}
