package dev.project51.agent.server.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Writes server-sent events to a {@link ResponseBodyEmitter} byte for byte
 * ({@code event: name}, {@code data: json}, blank line), and remembers when the client
 * went away.
 *
 * @since 0.1.0
 */
public final class SseEvents {

	/** Media type of an event stream, in UTF-8. */
	public static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);

	private final ResponseBodyEmitter emitter;

	private volatile boolean broken;

	/**
	 * Creates a writer.
	 * @param emitter the emitter of the response
	 */
	public SseEvents(ResponseBodyEmitter emitter) {
		this.emitter = emitter;
	}

	/**
	 * Sends one event.
	 * @param name the event name, or {@code null} for an unnamed event
	 * @param data the data, a single line (JSON)
	 * @return {@code false} if the client is gone
	 */
	public boolean send(String name, String data) {
		if (this.broken) {
			return false;
		}
		StringBuilder frame = new StringBuilder();
		if (name != null) {
			frame.append("event: ").append(name).append('\n');
		}
		frame.append("data: ").append(data).append("\n\n");
		try {
			this.emitter.send(frame.toString(), EVENT_STREAM);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			this.broken = true;
			return false;
		}
	}

	/**
	 * Ends the response.
	 */
	public void complete() {
		try {
			this.emitter.complete();
		}
		catch (IllegalStateException ex) {
			// already completed
		}
	}

	/**
	 * Whether a send failed because the client went away.
	 * @return {@code true} if the client is gone
	 */
	public boolean isBroken() {
		return this.broken;
	}

}
