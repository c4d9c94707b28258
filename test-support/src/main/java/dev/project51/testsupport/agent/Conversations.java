package dev.project51.testsupport.agent;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.project51.testsupport.agent.AgentJson.JSON;

/**
 * The {@link FakeAgent}'s memory of conversations: its default chat and streamed answers,
 * which it remembers, and the conversations API (list, read, rename, delete, feedback).
 */
final class Conversations {

	/** The numbers of the answers' message ids, shared by all agents. */
	static final AtomicInteger MESSAGE_IDS = new AtomicInteger();

	private static final int MAX_MESSAGE_LENGTH = 4000;

	private final FakeAgent.Builder settings;

	private final Map<String, ObjectNode> conversations = new ConcurrentHashMap<>();

	private final AtomicInteger conversationIds = new AtomicInteger();

	Conversations(FakeAgent.Builder settings) {
		this.settings = settings;
	}

	void put(ObjectNode conversation) {
		this.conversations.put(conversation.path("conversationId").asString(), conversation);
	}

	void clear() {
		this.conversations.clear();
	}

	/**
	 * The conversations, latest first; their times are those of their first and last
	 * messages.
	 */
	void list(Exchange exchange) throws IOException {
		List<ObjectNode> summaries = new ArrayList<>();
		this.conversations.forEach((id, conversation) -> {
			JsonNode messages = conversation.path("messages");
			ObjectNode summary = JSON.createObjectNode();
			summary.put("conversationId", id);
			summary.put("title", conversation.path("title").asString("Conversation"));
			summary.put("createdAt",
					messages.isEmpty() ? Instant.EPOCH.toString() : messages.get(0).path("at").asString());
			summary.put("updatedAt", messages.isEmpty() ? Instant.EPOCH.toString()
					: messages.get(messages.size() - 1).path("at").asString());
			summaries.add(summary);
		});
		summaries.sort(Comparator.comparing((ObjectNode summary) -> Instant.parse(summary.path("updatedAt").asString()))
			.reversed());
		ObjectNode list = JSON.createObjectNode();
		list.set("conversations", JSON.valueToTree(summaries));
		exchange.json(200, list, "ConversationList");
	}

	/**
	 * A request below {@code /api/v1/conversations/}.
	 * @param rest the path after that prefix
	 */
	void handle(Exchange exchange, String rest) throws IOException {
		RecordedRequest request = exchange.request();
		String method = request.method();
		int messages = rest.indexOf("/messages/");
		if (messages >= 0 && rest.endsWith("/feedback")) {
			feedback(exchange, rest.substring(0, messages),
					rest.substring(messages + "/messages/".length(), rest.length() - "/feedback".length()));
			return;
		}
		ObjectNode conversation = this.conversations.get(rest);
		if (method.equals("DELETE")) {
			this.conversations.remove(rest);
			exchange.respond(204, null, "");
		}
		else if (conversation == null) {
			exchange.problem("not-found", 404, "No conversation " + rest + ".");
		}
		else if (method.equals("PATCH")) {
			String title = exchange.requestJson().path("title").asString();
			ObjectNode renamed = conversation.deepCopy();
			renamed.put("title", title);
			this.conversations.put(rest, renamed);
			ObjectNode summary = JSON.createObjectNode();
			summary.put("conversationId", rest);
			summary.put("title", title);
			summary.put("createdAt", Instant.EPOCH.toString());
			summary.put("updatedAt", Instant.EPOCH.toString());
			exchange.json(200, summary, "ConversationSummary");
		}
		else if (method.equals("GET")) {
			exchange.json(200, conversation, "Conversation");
		}
		else {
			exchange.problem("not-found", 404, "No such endpoint: " + method + ".");
		}
	}

	private void feedback(Exchange exchange, String id, String messageId) throws IOException {
		exchange.agent().check("MessageFeedback", exchange.request().body());
		ObjectNode conversation = this.conversations.get(id);
		JsonNode answer = null;
		if (conversation != null) {
			for (JsonNode message : conversation.path("messages")) {
				if (messageId.equals(message.path("id").asString(null))
						&& "assistant".equalsIgnoreCase(message.path("role").asString())) {
					answer = message;
				}
			}
		}
		if (!exchange.request().method().equals("PUT") || answer == null) {
			exchange.problem("not-found", 404, "No answer " + messageId + ".");
			return;
		}
		String rating = exchange.requestJson().path("rating").asString();
		if ("none".equals(rating)) {
			((ObjectNode) answer).remove("feedback");
		}
		else {
			((ObjectNode) answer).put("feedback", rating);
		}
		exchange.respond(204, null, "");
	}

	/** The default chat reply: see {@link Script#reply()}. */
	void reply(Exchange exchange) throws IOException {
		Question question = question(exchange);
		if (question == null) {
			return;
		}
		String reply = String.join("", this.settings.answer.tokens(question.message()));
		String messageId = remember(question, reply);
		ObjectNode body = JSON.createObjectNode();
		body.put("conversationId", question.conversationId());
		body.put("reply", reply);
		body.put("model", this.settings.model);
		body.put("degraded", false);
		body.putArray("citations");
		body.put("latencyMs", 1);
		body.put("messageId", messageId);
		exchange.json(200, body, "ChatReply");
	}

	/** The default streamed answer: see {@link Script#answer()}. */
	void streamAnswer(Exchange exchange) throws IOException {
		Question question = question(exchange);
		if (question == null) {
			return;
		}
		List<String> tokens = this.settings.answer.tokens(question.message());
		exchange.startStream();
		exchange.meta(question.conversationId(), this.settings.model, false);
		for (String token : tokens) {
			exchange.token(token);
		}
		String reply = String.join("", tokens);
		String messageId = remember(question, reply);
		exchange.done(reply, this.settings.model, false, List.of(), messageId);
	}

	/**
	 * The question a chat request asks, in a conversation it names or a new one.
	 * @return the question; {@code null} when it was answered with a 400 for a missing or
	 * too long message
	 */
	private Question question(Exchange exchange) throws IOException {
		JsonNode request = exchange.requestJson();
		String message = request.path("message").asString("");
		if (message.isBlank() || message.length() > MAX_MESSAGE_LENGTH) {
			ObjectNode problem = AgentJson.problemNode("invalid-request", 400, "The request has 1 invalid field",
					exchange.request().path());
			ObjectNode error = problem.putArray("errors").addObject();
			error.put("field", "message");
			error.put("reason", "must be 1 to " + MAX_MESSAGE_LENGTH + " characters");
			exchange.problem(problem);
			return null;
		}
		String id = request.path("conversationId").asString(null);
		return new Question((id != null) ? id : "c-" + this.conversationIds.incrementAndGet(), message);
	}

	private String remember(Question question, String reply) {
		String id = question.conversationId();
		String messageId = "m" + MESSAGE_IDS.incrementAndGet();
		this.conversations.compute(id, (key, existing) -> {
			ObjectNode conversation = (existing != null) ? existing.deepCopy() : JSON.createObjectNode();
			conversation.put("conversationId", id);
			ArrayNode messages = conversation.has("messages") ? (ArrayNode) conversation.get("messages")
					: conversation.putArray("messages");
			ObjectNode asked = messages.addObject();
			asked.put("role", "user");
			asked.put("text", question.message());
			asked.put("degraded", false);
			asked.put("at", Instant.now().toString());
			ObjectNode answer = messages.addObject();
			answer.put("role", "assistant");
			answer.put("text", reply);
			answer.put("model", this.settings.model);
			answer.put("degraded", false);
			answer.putArray("citations");
			answer.put("at", Instant.now().toString());
			answer.put("id", messageId);
			return conversation;
		});
		return messageId;
	}

	private record Question(String conversationId, String message) {

	}

}
