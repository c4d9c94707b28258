package dev.project51.frontend.chat.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A {@code token} event rendered as the one piece of text it is on the wire, the same
 * bytes as {@code SseEmitter.event().name("token").data(token, APPLICATION_JSON)} writes:
 * the emitter writes it with one message converter call, where the general builder takes
 * three (the name, the JSON through Jackson, the end) for each token of every answer.
 */
final class SseText {

	private static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	private SseText() {
	}

	/**
	 * The {@code token} event of a piece of the answer.
	 * @param text the text
	 * @return the event, for {@link SseEmitter#send(Set)}
	 */
	static Set<DataWithMediaType> token(String text) {
		StringBuilder event = new StringBuilder(text.length() + 32).append("event:token\ndata:{\"text\":\"");
		// Escaped by Jackson's own string encoder, as its generator escapes it.
		JsonStringEncoder.getInstance().quoteAsString(text, event);
		return Set.of(new DataWithMediaType(event.append("\"}\n\n").toString(), TEXT_UTF8));
	}

}
