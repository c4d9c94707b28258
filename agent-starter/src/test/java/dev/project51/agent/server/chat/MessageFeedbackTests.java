package dev.project51.agent.server.chat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.SharedAgentTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feedback thumbs of an answer, over HTTP: the end user rates an answer of their own
 * conversation, the rating comes back with the message in the history, and each change of
 * rating is counted in {@code project51.agent.chat.feedback}; anything but {@code up},
 * {@code down} or {@code none} is a 400 naming the field, and someone else's conversation
 * (or a message that is not one of its answers) a 404.
 */
class MessageFeedbackTests extends SharedAgentTests {

	@Test
	void aRatingIsStoredWithTheAnswerReadBackWithTheHistoryAndCountedOncePerChange() {
		String alice = "s-alice-" + System.nanoTime();
		Answered answered = chat(alice, "{\"message\":\"How do I roll back a release?\"}");
		String conversationId = answered.conversationId();
		String messageId = answered.messageId();
		assertThat(messageId).as("the answer's message id").isNotEmpty();
		JsonNode answer = history(alice, conversationId).path("messages").get(1);
		assertThat(answer.path("id").asString()).isEqualTo(messageId);
		assertThat(answer.has("feedback")).as("not rated yet").isFalse();

		String model = answer.path("model").asString();
		String up = "project51_agent_chat_feedback_total{model=\"" + model + "\",rating=\"up\"}";
		String down = "project51_agent_chat_feedback_total{model=\"" + model + "\",rating=\"down\"}";
		String none = "project51_agent_chat_feedback_total{model=\"" + model + "\",rating=\"none\"}";
		String before = scrape();

		assertThat(rate(alice, conversationId, messageId, "{\"rating\":\"up\"}").statusCode()).isEqualTo(204);
		assertThat(history(alice, conversationId).path("messages").get(1).path("feedback").asString()).isEqualTo("up");
		// The same rating again changes nothing, and counts nothing.
		assertThat(rate(alice, conversationId, messageId, "{\"rating\":\"up\"}").statusCode()).isEqualTo(204);
		assertThat(rate(alice, conversationId, messageId, "{\"rating\":\"down\"}").statusCode()).isEqualTo(204);
		assertThat(history(alice, conversationId).path("messages").get(1).path("feedback").asString())
			.isEqualTo("down");
		String afterDown = scrape();
		assertThat(value(afterDown, up) - value(before, up)).as(up).isEqualTo(1.0);
		assertThat(value(afterDown, down) - value(before, down)).as(down).isEqualTo(1.0);

		assertThat(rate(alice, conversationId, messageId, "{\"rating\":\"none\"}").statusCode()).isEqualTo(204);
		assertThat(history(alice, conversationId).path("messages").get(1).has("feedback")).as("taken back").isFalse();
		assertThat(value(scrape(), none) - value(before, none)).as(none).isEqualTo(1.0);
	}

	@Test
	void aStreamedAnswerNamesItsMessageIdInTheDoneEvent() {
		String bob = "s-bob-" + System.nanoTime();
		HttpResponse<String> stream = send(bob, "POST", AgentApi.CHAT_STREAM_PATH, "{\"message\":\"What is kind?\"}");
		assertThat(stream.statusCode()).isEqualTo(200);
		List<Http.SseFrame> frames = Http.frames(stream.body());
		Http.SseFrame done = frames.get(frames.size() - 1);
		assertThat(done.event()).isEqualTo("done");
		JsonNode doneEvent = ContractSchemas.assertValid("DoneEvent", done.data());
		String conversationId = ContractSchemas.assertValid("MetaEvent", frames.get(0).data())
			.path("conversationId")
			.asString();
		String messageId = doneEvent.path("messageId").asString();
		assertThat(history(bob, conversationId).path("messages").get(1).path("id").asString()).isEqualTo(messageId);
		assertThat(rate(bob, conversationId, messageId, "{\"rating\":\"up\"}").statusCode()).isEqualTo(204);
		assertThat(history(bob, conversationId).path("messages").get(1).path("feedback").asString()).isEqualTo("up");
	}

	@Test
	void aRatingOtherThanUpDownOrNoneIsA400NamingTheField() {
		String carol = "s-carol-" + System.nanoTime();
		Answered answered = chat(carol, "{\"message\":\"What is kind?\"}");
		String conversationId = answered.conversationId();
		String messageId = answered.messageId();
		for (String body : List.of("{\"rating\":\"sideways\"}", "{\"rating\":\"UP\"}", "{\"rating\":null}", "{}",
				"{\"rating\":\"\"}")) {
			HttpResponse<String> response = rate(carol, conversationId, messageId, body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			JsonNode problem = ContractSchemas.assertValid("ProblemDetail", response.body());
			assertThat(problem.path("type").asString()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
			assertThat(problem.path("errors").get(0).path("field").asString()).as(body).isEqualTo("rating");
		}
		HttpResponse<String> malformed = rate(carol, conversationId, "17!", "{\"rating\":\"up\"}");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(ContractSchemas.assertValid("ProblemDetail", malformed.body())
			.path("errors")
			.get(0)
			.path("field")
			.asString()).isEqualTo("messageId");
		assertThat(history(carol, conversationId).path("messages").get(1).has("feedback")).isFalse();
	}

	@Test
	void someoneElsesConversationOrAMessageThatIsNoAnswerOfItIsNotFound() {
		String dave = "s-dave-" + System.nanoTime();
		Answered answered = chat(dave, "{\"message\":\"What is kind?\"}");
		String conversationId = answered.conversationId();
		String messageId = answered.messageId();
		String question = history(dave, conversationId).path("messages").get(0).path("id").asString();

		HttpResponse<String> foreign = rate("s-mallory-" + System.nanoTime(), conversationId, messageId,
				"{\"rating\":\"down\"}");
		HttpResponse<String> unknownConversation = rate(dave, "cUnknownUnknownUnknown000", messageId,
				"{\"rating\":\"down\"}");
		HttpResponse<String> theQuestion = rate(dave, conversationId, question, "{\"rating\":\"down\"}");
		HttpResponse<String> unknownMessage = rate(dave, conversationId, "999999999", "{\"rating\":\"down\"}");
		HttpResponse<String> apiClientItself = send(null, "PUT", AgentApi.feedbackPath(conversationId, messageId),
				"{\"rating\":\"down\"}");
		for (HttpResponse<String> response : List.of(foreign, unknownConversation, theQuestion, unknownMessage,
				apiClientItself)) {
			assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(404);
			assertThat(ContractSchemas.assertValid("ProblemDetail", response.body()).path("type").asString())
				.isEqualTo(ProblemType.NOT_FOUND.uri());
		}
		assertThat(history(dave, conversationId).path("messages").get(1).has("feedback")).as("still not rated")
			.isFalse();
	}

	/** Sends a chat message as an end user; the reply is checked against the contract. */
	private static Answered chat(String endUser, String body) {
		JsonNode reply = ContractSchemas.assertValid("ChatReply",
				send(endUser, "POST", AgentApi.CHAT_PATH, body).body());
		return new Answered(reply.path("conversationId").asString(), reply.path("messageId").asString());
	}

	private static HttpResponse<String> rate(String endUser, String conversationId, String messageId, String body) {
		return send(endUser, "PUT", AgentApi.CONVERSATIONS_PATH + conversationId + AgentApi.MESSAGES_SEGMENT + messageId
				+ AgentApi.FEEDBACK_SEGMENT, body);
	}

	private static JsonNode history(String endUser, String conversationId) {
		HttpResponse<String> response = send(endUser, "GET", AgentApi.CONVERSATIONS_PATH + conversationId, null);
		assertThat(response.statusCode()).isEqualTo(200);
		return ContractSchemas.assertValid("Conversation", response.body());
	}

	private static HttpResponse<String> send(String endUser, String method, String path, String body) {
		HttpRequest.Builder request = http.request(path)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (endUser != null) {
			request.header(AgentApi.END_USER_HEADER, endUser);
		}
		return http.send(request.build());
	}

	private static String scrape() {
		HttpResponse<String> response = http.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** The value of one series of a scrape, 0 when absent. */
	private static double value(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElse(0.0);
	}

	private record Answered(String conversationId, String messageId) {

	}

}
