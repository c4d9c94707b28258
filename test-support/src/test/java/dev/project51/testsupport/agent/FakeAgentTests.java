package dev.project51.testsupport.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fake agent, driven over HTTP as the modules' tests drive it.
 */
class FakeAgentTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private FakeAgent agent = FakeAgent.start();

	@AfterEach
	void close() {
		this.agent.close();
	}

	@Test
	void chatEchoesAndRemembersTheConversation() throws Exception {
		HttpResponse<String> first = post("/api/v1/chat", "{\"message\":\"Hello\"}");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"conversationId\":\"c-1\"", "\"reply\":\"Echo: Hello\"",
				"\"model\":\"local\"");
		post("/api/v1/chat", "{\"conversationId\":\"c-1\",\"message\":\"Again\"}");
		HttpResponse<String> conversation = get("/api/v1/conversations/c-1");
		assertThat(conversation.body()).containsSubsequence("\"Hello\"", "\"Echo: Hello\"", "\"Again\"",
				"\"Echo: Again\"");
		assertThat(get("/api/v1/conversations").body()).contains("\"conversationId\":\"c-1\"");
		assertThat(send("DELETE", "/api/v1/conversations/c-1", null).statusCode()).isEqualTo(204);
		HttpResponse<String> gone = get("/api/v1/conversations/c-1");
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(gone.body()).contains("https://project51.dev/problems/not-found", "No conversation c-1");
		assertThat(this.agent.count("POST", "/api/v1/chat")).isEqualTo(2);
		assertThat(this.agent.requests().get(0).body()).isEqualTo("{\"message\":\"Hello\"}");
	}

	@Test
	void aMissingMessageIsAnInvalidRequest() throws Exception {
		HttpResponse<String> response = post("/api/v1/chat", "{\"message\":\"\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid-request", "\"field\":\"message\"");
	}

	@Test
	void streamsAKeepAliveMetaTokensAndDone() throws Exception {
		this.agent.close();
		this.agent = FakeAgent.builder().answer(Answer.counted(3)).model("gpt-test").start();
		HttpResponse<String> response = post("/api/v1/chat/stream", "{\"message\":\"hi\"}");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(response.body()).startsWith(": keep-alive\n\nevent: meta\n")
			.containsSubsequence("\"model\":\"gpt-test\"", "event: token\ndata: {\"text\":\"t0 \"}",
					"event: token\ndata: {\"text\":\"t2 \"}", "event: done\ndata: {\"reply\":\"t0 t1 t2 \"");
	}

	@Test
	void aTokenIsRequiredWhereTheBuilderSetsOne() throws Exception {
		this.agent.requireToken("s3cret");
		assertThat(post("/api/v1/chat", "{\"message\":\"hi\"}").statusCode()).isEqualTo(401);
		HttpResponse<String> authorized = this.http
			.send(request("/api/v1/chat").header("Authorization", "Bearer s3cret")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(authorized.statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").statusCode()).as("health needs no token").isEqualTo(200);
		assertThat(this.agent.requests("POST", "/api/v1/chat").get(1).header("authorization"))
			.isEqualTo("Bearer s3cret");
	}

	@Test
	void queuedFaultsAnswerTheNextRequestsThenTheContract() throws Exception {
		this.agent.enqueue("POST", "/api/v1/chat",
				Script.problem("{\"type\":\"https://project51.dev/problems/models-unavailable\",\"title\":\"t\","
						+ "\"status\":503}", "Retry-After", "1"),
				Script.status(502, "text/html", "<h1>Bad Gateway</h1>"));
		HttpResponse<String> first = post("/api/v1/chat", "{\"message\":\"hi\"}");
		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(post("/api/v1/chat", "{\"message\":\"hi\"}").body()).isEqualTo("<h1>Bad Gateway</h1>");
		assertThat(post("/api/v1/chat", "{\"message\":\"hi\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void aCycleAlternates() throws Exception {
		this.agent.chat(Script.cycle(Script.reply(), Script.status(500, null, "")));
		assertThat(List.of(post("/api/v1/chat", "{\"message\":\"a\"}").statusCode(),
				post("/api/v1/chat", "{\"message\":\"b\"}").statusCode(),
				post("/api/v1/chat", "{\"message\":\"c\"}").statusCode()))
			.containsExactly(200, 500, 200);
	}

	@Test
	void aHangUpIsAConnectionClosedWithoutAnswer() {
		this.agent.enqueue("POST", "/api/v1/chat", Script.hangUp());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> post("/api/v1/chat", "{\"message\":\"hi\"}"));
	}

	@Test
	void aHangEndsWhenTheAgentCloses() throws Exception {
		this.agent.enqueue("POST", "/api/v1/chat", Script.hang());
		var response = this.http.sendAsync(
				request("/api/v1/chat").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
				HttpResponse.BodyHandlers.ofString());
		org.awaitility.Awaitility.await().until(() -> this.agent.count("POST", "/api/v1/chat") == 1);
		assertThat(response).isNotDone();
		this.agent.close();
		org.awaitility.Awaitility.await().until(response::isDone);
	}

	@Test
	void aDroppedStreamBreaksAfterWhatWasSent() throws Exception {
		this.agent.stream(Script.dropAfter("Hel"));
		InputStream body = this.http
			.send(request("/api/v1/chat/stream").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
				.build(), HttpResponse.BodyHandlers.ofInputStream())
			.body();
		StringBuilder read = new StringBuilder();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			int b;
			while ((b = body.read()) != -1) {
				read.append((char) b);
			}
		});
		assertThat(read).contains("event: token\ndata: {\"text\":\"Hel\"}").doesNotContain("event: done");
	}

	@Test
	void garbledAndFailedStreams() throws Exception {
		this.agent.enqueue("POST", "/api/v1/chat/stream", Script.garbleAfter("a"), Script
			.failAfter("{\"type\":\"https://project51.dev/problems/internal\",\"title\":\"t\",\"status\":500}", "b"));
		assertThat(post("/api/v1/chat/stream", "{\"message\":\"hi\"}").body())
			.endsWith("event: token\ndata: {\"text\": \n\n");
		assertThat(post("/api/v1/chat/stream", "{\"message\":\"hi\"}").body())
			.contains("event: error\ndata: {\"problem\":{\"type\":\"https://project51.dev/problems/internal\"");
	}

	@Test
	void noticesAClientThatLeavesAStream() throws Exception {
		this.agent.stream(Script.stallAfter("c-1", "t0 "));
		InputStream body = this.http
			.send(request("/api/v1/chat/stream").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))
				.build(), HttpResponse.BodyHandlers.ofInputStream())
			.body();
		byte[] start = body.readNBytes(20);
		assertThat(new String(start, StandardCharsets.UTF_8)).startsWith(": keep-alive");
		body.close();
		assertThat(this.agent.awaitStreamCancelled(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void goesAwayAndComesBackOnTheSamePort() throws Exception {
		URI before = this.agent.baseUrl();
		this.agent.stopListening();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get("/actuator/health/liveness"));
		this.agent.startListening();
		assertThat(this.agent.baseUrl()).isEqualTo(before);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void readinessModelsAndResetToTheBuilderSettings() throws Exception {
		this.agent.readiness("DOWN");
		this.agent.models("[{\"name\":\"gpt-test\",\"provider\":\"openai\",\"state\":\"OPEN\"}]");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(get("/api/v1/models").body()).contains("\"state\":\"OPEN\"");
		this.agent.reset();
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/models").body()).contains("\"name\":\"local\"").doesNotContain("OPEN");
		assertThat(this.agent.requests()).hasSize(2);
	}

	@Test
	void conversationsPutByTheTestCanBeRatedAndRenamed() throws Exception {
		this.agent.conversation("{\"conversationId\":\"c-9\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\","
				+ "\"at\":\"2026-01-01T10:00:00Z\"},{\"role\":\"assistant\",\"text\":\"hello\",\"id\":\"m7\","
				+ "\"at\":\"2026-01-01T10:00:01Z\"}]}");
		assertThat(send("PUT", "/api/v1/conversations/c-9/messages/m7/feedback", "{\"rating\":\"up\"}").statusCode())
			.isEqualTo(204);
		assertThat(send("PUT", "/api/v1/conversations/c-9/messages/m1/feedback", "{\"rating\":\"up\"}").statusCode())
			.isEqualTo(404);
		assertThat(send("PATCH", "/api/v1/conversations/c-9", "{\"title\":\"Greetings\"}").statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/conversations/c-9").body()).contains("\"feedback\":\"up\"", "\"title\":\"Greetings\"");
		assertThat(get("/api/v1/conversations").body()).contains("\"updatedAt\":\"2026-01-01T10:00:01Z\"");
	}

	@Test
	void checksTheContractAndTheEndUserWhereAsked() throws Exception {
		this.agent.close();
		this.agent = FakeAgent.builder()
			.requireEndUser()
			.contractCheck((component, json) -> component.equals("ChatRequest") && !json.contains("message")
					? List.of("ChatRequest: no message") : List.of())
			.start();
		post("/api/v1/chat/stream", "{}");
		assertThat(this.agent.violations()).containsExactlyInAnyOrder("ChatRequest: no message",
				"/api/v1/chat/stream: no valid Project51-End-User header but 'null'");
	}

	@Test
	void aRelayPathStreamsLikeTheAgent() throws Exception {
		this.agent.close();
		this.agent = FakeAgent.builder().relayPath("/api/chat/stream").start();
		assertThat(post("/api/chat/stream", "{\"message\":\"hi\"}").body()).contains("event: done");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.agent.baseUrl() + path)).timeout(Duration.ofSeconds(30));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send("GET", path, null);
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send("POST", path, body);
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.BodyPublisher publisher = (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody();
		return this.http.send(
				request(path).method(method, publisher).header("Content-Type", "application/json").build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
