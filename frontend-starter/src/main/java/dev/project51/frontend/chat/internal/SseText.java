package dev.project51.frontend.chat.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;

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

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private SseText() {
	}

	/**
	 * The {@code token} event of a piece of the answer.
	 * @param text the text
	 * @return the event, for {@link SseEmitter#send(Set)}
	 */
	static Set<DataWithMediaType> token(String text) {
		StringBuilder event = new StringBuilder(text.length() + 32).append("event:token\ndata:{\"text\":\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				event.append('\\').append(c);
			}
			else if (c >= 0x20) {
				event.append(c);
			}
			else {
				// JSON's control characters, escaped as Jackson does.
				switch (c) {
					case '\n' -> event.append("\\n");
					case '\r' -> event.append("\\r");
					case '\t' -> event.append("\\t");
					case '\b' -> event.append("\\b");
					case '\f' -> event.append("\\f");
					default -> event.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
				}
			}
		}
		return Set.of(new DataWithMediaType(event.append("\"}\n\n").toString(), TEXT_UTF8));
	}

}
