package dev.project51.reliability.deployment;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationMessage;
import dev.project51.testsupport.sse.SseEvents;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the browser's chat page does: {@code POST /api/chat/stream} on the frontend and
 * read the server-sent events to the end.
 */
public final class FrontendChat {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** Reads the contract's records as the agent client does: absent flags are false. */
	private static final JsonMapper CONTRACT = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	// One browser: the frontend's session cookie makes its conversations this chat's.
	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI streamUri;

	/**
	 * A chat against the given stream endpoint.
	 * @param streamUri the frontend's {@code /api/chat/stream}
	 */
	public FrontendChat(URI streamUri) {
		this.streamUri = streamUri;
	}

	/**
	 * The browser session's cookies, as a {@code Cookie} header's value, for requests
	 * made without this chat (a raw socket); empty before the first answer.
	 * @return the header value
	 */
	public String cookieHeader() {
		return this.cookies.getCookieStore()
			.get(this.streamUri)
			.stream()
			.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	/**
	 * The whole stored history of one of this browser's conversations, read through the
	 * frontend as the page reads it: the latest page, then each earlier one.
	 * @param conversationId the conversation
	 * @return its messages, oldest first
	 * @throws IOException when a page cannot be read
	 * @throws InterruptedException when interrupted
	 */
	public List<ConversationMessage> transcript(String conversationId) throws IOException, InterruptedException {
		List<ConversationMessage> messages = new ArrayList<>();
		String before = null;
		do {
			URI page = this.streamUri.resolve("/api/conversations/" + conversationId
					+ ((before != null) ? "?before=" + URLEncoder.encode(before, StandardCharsets.UTF_8) : ""));
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException("GET " + page + ": HTTP " + response.statusCode() + " " + response.body());
			}
			Conversation conversation = CONTRACT.readValue(response.body(), Conversation.class);
			messages.addAll(0, conversation.messages());
			before = conversation.earlier();
		}
		while (before != null);
		return messages;
	}

	/**
	 * Sends one message and reads the whole answer.
	 * @param conversationId the conversation, or {@code null} for a new one
	 * @param message the message
	 * @param timeout the longest the whole answer may take
	 * @return the answer
	 * @throws IOException when the connection fails
	 * @throws InterruptedException when interrupted
	 */
	public Answer send(String conversationId, String message, Duration timeout)
			throws IOException, InterruptedException {
		ObjectNode body = JSON.createObjectNode();
		if (conversationId != null) {
			body.put("conversationId", conversationId);
		}
		body.put("message", message);
		HttpRequest request = HttpRequest.newBuilder(this.streamUri)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		long start = System.nanoTime();
		HttpResponse<Stream<String>> response = this.http.send(request, HttpResponse.BodyHandlers.ofLines());
		List<Event> events = new ArrayList<>();
		SseEvents.Parser parser = SseEvents.parser();
		try (Stream<String> lines = response.body()) {
			for (Iterator<String> it = lines.iterator(); it.hasNext();) {
				parser.line(it.next())
					.ifPresent((event) -> events.add(new Event(event.name(), JSON.readTree(event.data()),
							Duration.ofNanos(System.nanoTime() - start))));
			}
		}
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				List.copyOf(events));
	}

	/**
	 * One server-sent event.
	 *
	 * @param name the event name ({@code meta}, {@code token}, {@code done},
	 * {@code error})
	 * @param data its JSON data
	 * @param at when it arrived, from the moment the request was sent
	 */
	public record Event(String name, JsonNode data, Duration at) {

	}

	/**
	 * A whole answer.
	 *
	 * @param status the HTTP status
	 * @param contentType the response's content type
	 * @param events the events in order
	 */
	public record Answer(int status, String contentType, List<Event> events) {

		/**
		 * The {@code done} event's data, if the answer completed.
		 * @return the data, or {@code null}
		 */
		public JsonNode done() {
			return last("done");
		}

		/**
		 * The {@code error} event's data, if the answer failed.
		 * @return the data, or {@code null}
		 */
		public JsonNode error() {
			return last("error");
		}

		/**
		 * The conversation id from the {@code meta} event.
		 * @return the id, or {@code null}
		 */
		public String conversationId() {
			JsonNode meta = last("meta");
			return (meta != null) ? meta.path("conversationId").asString(null) : null;
		}

		/**
		 * The event names in order, e.g. {@code [meta, token, token, done]}.
		 * @return the names
		 */
		public List<String> names() {
			return this.events.stream().map(Event::name).toList();
		}

		private JsonNode last(String name) {
			for (int i = this.events.size() - 1; i >= 0; i--) {
				if (this.events.get(i).name().equals(name)) {
					return this.events.get(i).data();
				}
			}
			return null;
		}

		@Override
		public String toString() {
			return "HTTP " + this.status + " " + this.events;
		}

	}

}
