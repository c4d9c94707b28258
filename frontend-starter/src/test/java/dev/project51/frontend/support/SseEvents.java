package dev.project51.frontend.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server-sent events from a response body, for tests.
 */
public final class SseEvents {

	private SseEvents() {
	}

	/**
	 * Read events until the body ends or {@code max} events were read.
	 * @param body the response body; not closed
	 * @param max the most events to read
	 * @return the events, comments left out
	 * @throws IOException if reading fails
	 */
	public static List<Event> read(InputStream body, int max) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		List<Event> events = new ArrayList<>();
		String name = "message";
		StringBuilder data = null;
		String line;
		while (events.size() < max && (line = reader.readLine()) != null) {
			if (line.isEmpty()) {
				if (data != null) {
					events.add(new Event(name, data.toString()));
				}
				name = "message";
				data = null;
			}
			else if (line.startsWith(":")) {
				continue;
			}
			else {
				int colon = line.indexOf(':');
				String field = (colon < 0) ? line : line.substring(0, colon);
				String value = (colon < 0) ? "" : line.substring(colon + 1);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				if (field.equals("event")) {
					name = value;
				}
				else if (field.equals("data")) {
					data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				}
			}
		}
		return events;
	}

	/**
	 * Read all events of a complete body.
	 * @param body the body
	 * @return the events
	 * @throws IOException if reading fails
	 */
	public static List<Event> readAll(InputStream body) throws IOException {
		return read(body, Integer.MAX_VALUE);
	}

	/**
	 * One event.
	 *
	 * @param name the event name
	 * @param data the data lines joined with a line feed
	 */
	public record Event(String name, String data) {
	}

}
