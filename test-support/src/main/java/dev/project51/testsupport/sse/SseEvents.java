package dev.project51.testsupport.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads server-sent events as the HTML standard parses them: an event ends at a blank
 * line, {@code data} lines are joined with a line feed, one space after a field's colon
 * is dropped, comments and unknown fields are ignored, and an event without data is not
 * dispatched. Lenient on purpose, as a browser is; a test of the wire format itself
 * checks the bytes.
 */
public final class SseEvents {

	private SseEvents() {
	}

	/**
	 * Reads events until the body ends or {@code max} events were read.
	 * @param body the response body, read as UTF-8; not closed
	 * @param max the most events to read
	 * @return the events
	 * @throws IOException if reading fails
	 */
	public static List<Event> read(InputStream body, int max) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		Parser parser = new Parser();
		List<Event> events = new ArrayList<>();
		String line;
		while (events.size() < max && (line = reader.readLine()) != null) {
			parser.line(line).ifPresent(events::add);
		}
		return events;
	}

	/**
	 * Reads all events of a body.
	 * @param body the body, read as UTF-8; not closed
	 * @return the events
	 * @throws IOException if reading fails
	 */
	public static List<Event> readAll(InputStream body) throws IOException {
		return read(body, Integer.MAX_VALUE);
	}

	/**
	 * A parser fed one line at a time, for a test that reads the lines itself (e.g. to
	 * time each event as it arrives).
	 * @return a new parser
	 */
	public static Parser parser() {
		return new Parser();
	}

	/**
	 * Parses an event stream line by line. Not thread-safe: one per stream.
	 */
	public static final class Parser {

		private String name;

		private StringBuilder data;

		private Parser() {
		}

		/**
		 * Takes the next line, without its line end.
		 * @param line the line
		 * @return the event this line completed, if it was the blank line after one
		 */
		public Optional<Event> line(String line) {
			if (line.isEmpty()) {
				Optional<Event> event = (this.data != null)
						? Optional.of(new Event((this.name != null) ? this.name : "message", this.data.toString()))
						: Optional.empty();
				this.name = null;
				this.data = null;
				return event;
			}
			if (line.startsWith(":")) {
				return Optional.empty();
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if (field.equals("event")) {
				this.name = value;
			}
			else if (field.equals("data")) {
				this.data = (this.data == null) ? new StringBuilder(value) : this.data.append('\n').append(value);
			}
			return Optional.empty();
		}

	}

	/**
	 * One event.
	 *
	 * @param name the event's name ({@code message} when it has none)
	 * @param data its data lines joined with a line feed
	 */
	public record Event(String name, String data) {
	}

}
