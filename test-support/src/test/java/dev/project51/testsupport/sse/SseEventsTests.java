package dev.project51.testsupport.sse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventsTests {

	@Test
	void readsNamedEventsAndJoinsDataLinesWithALineFeed() throws IOException {
		List<SseEvents.Event> events = read("event: meta\ndata: {\"a\":1}\n\nevent:token\ndata: one\ndata:two\n\n");
		assertThat(events).containsExactly(new SseEvents.Event("meta", "{\"a\":1}"),
				new SseEvents.Event("token", "one\ntwo"));
	}

	@Test
	void dropsOnlyOneSpaceAfterTheColonAndTakesAnyLineEnd() throws IOException {
		assertThat(read("data:  two spaces\r\n\r\ndata:none\r\rdata\n\n")).containsExactly(
				new SseEvents.Event("message", " two spaces"), new SseEvents.Event("message", "none"),
				new SseEvents.Event("message", ""));
	}

	@Test
	void ignoresCommentsUnknownFieldsAndEventsWithoutData() throws IOException {
		assertThat(read(": heartbeat\n\nevent: lonely\n\nid: 7\nretry: 10\nevent: done\ndata: {}\n\n"))
			.containsExactly(new SseEvents.Event("done", "{}"));
	}

	@Test
	void anEventCutOffBeforeItsBlankLineIsNotDispatched() throws IOException {
		assertThat(read("event: token\ndata: whole\n\nevent: token\ndata: cut")).hasSize(1);
	}

	@Test
	void readsAtMostTheEventsAskedFor() throws IOException {
		byte[] body = "data: 1\n\ndata: 2\n\ndata: 3\n\n".getBytes(StandardCharsets.UTF_8);
		assertThat(SseEvents.read(new ByteArrayInputStream(body), 2)).extracting(SseEvents.Event::data)
			.containsExactly("1", "2");
	}

	@Test
	void aParserFedLineByLineGivesEachEventAtItsBlankLine() {
		SseEvents.Parser parser = SseEvents.parser();
		assertThat(parser.line("event: done")).isEmpty();
		assertThat(parser.line("data: {}")).isEmpty();
		assertThat(parser.line("")).contains(new SseEvents.Event("done", "{}"));
		assertThat(parser.line("")).isEmpty();
	}

	private static List<SseEvents.Event> read(String body) throws IOException {
		return SseEvents.readAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
	}

}
