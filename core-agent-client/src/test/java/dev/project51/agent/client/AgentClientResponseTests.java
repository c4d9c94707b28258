package dev.project51.agent.client;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.project51.agent.client.transport.TransportRequest;
import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ChatReply;
import dev.project51.agent.contract.ChatRequest;
import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.Conversation;
import dev.project51.agent.contract.ConversationList;
import dev.project51.agent.contract.ConversationSummary;
import dev.project51.agent.contract.Health;
import dev.project51.agent.contract.MessageFeedback;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.contract.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the client sends, and how it reads every kind of answer: contract documents,
 * problem details, bodies that are not problem details, broken answers.
 */
class AgentClientResponseTests {

	private final FakeTransport transport = new FakeTransport();

	private final AgentClient client = AgentClient.builder()
		.baseUrl("http://agent.test/base")
		.apiToken("t0ken")
		.userAgent("tests/1.0")
		.transport(this.transport)
		.retryPolicy(RetryPolicy.disabled())
		.circuitBreaker(CircuitBreakerPolicy.disabled())
		.maxResponseBytes(4096)
		.build();

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void chatPostsTheRequestAsJsonWithTokenAndUserAgent() {
		this.transport.respondJson(Json.REPLY);
		ChatReply reply = this.client.chat(ChatRequest.of("c-1", "How do I roll back?"));
		TransportRequest request = this.transport.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri()).hasToString("http://agent.test/base/api/v1/chat");
		assertThat(request.header("authorization")).isEqualTo("Bearer t0ken");
		assertThat(request.header("User-Agent")).isEqualTo("tests/1.0");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("Accept")).isEqualTo("application/json");
		assertThat(new String(request.body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"conversationId\":\"c-1\",\"message\":\"How do I roll back?\"}");
		assertThat(request.toString()).doesNotContain("t0ken");
		assertThat(reply.degraded()).isTrue();
		assertThat(reply.citations()).singleElement().satisfies((c) -> assertThat(c.title()).isEqualTo("Rolling back"));
	}

	@Test
	void newConversationOmitsTheId() {
		this.transport.respondJson(Json.REPLY);
		this.client.chat(ChatRequest.of("hi"));
		assertThat(new String(this.transport.lastRequest().body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"message\":\"hi\"}");
	}

	@Test
	void sendsNoAuthorizationWithoutToken() {
		try (AgentClient anonymous = AgentClient.builder()
			.baseUrl("http://agent.test")
			.transport(this.transport)
			.build()) {
			this.transport.respondJson(Json.MODELS);
			anonymous.models();
			assertThat(this.transport.lastRequest().header("Authorization")).isNull();
			assertThat(this.transport.lastRequest().header("User-Agent")).startsWith("project51-agent-client/");
		}
	}

	@Test
	void readsConversationAndModels() {
		this.transport.respondJson(Json.CONVERSATION).respondJson(Json.MODELS);
		Conversation conversation = this.client.conversation("c-1");
		assertThat(conversation.messages()).extracting((m) -> m.role()).containsExactly(Role.USER, Role.ASSISTANT);
		assertThat(conversation.messages().get(0).degraded()).isFalse();
		assertThat(this.transport.lastRequest().uri()).hasToString("http://agent.test/base/api/v1/conversations/c-1");
		assertThat(this.client.models()).extracting(ModelStatus::name).containsExactly("gpt-4o-mini", "local");
	}

	@Test
	void readsPagesOfAConversationAndOfTheList() {
		this.transport
			.respondJson("{\"conversationId\":\"c-1\",\"title\":\"Roll back\",\"messages\":[],\"earlier\":\"41\"}")
			.respondJson("{\"conversations\":[{\"conversationId\":\"c-1\",\"title\":\"Roll back\","
					+ "\"createdAt\":\"2026-01-01T10:00:00Z\",\"updatedAt\":\"2026-01-01T10:05:00Z\"}],\"next\":\"n.1\"}")
			.respondJson("{\"conversationId\":\"c-1\",\"title\":\"Renamed\",\"createdAt\":\"2026-01-01T10:00:00Z\","
					+ "\"updatedAt\":\"2026-01-01T10:06:00Z\"}");
		Conversation page = this.client.conversation("c-1", "42", 20);
		assertThat(this.transport.lastRequest().uri())
			.hasToString("http://agent.test/base/api/v1/conversations/c-1?limit=20&before=42");
		assertThat(page.earlier()).isEqualTo("41");
		assertThat(page.title()).isEqualTo("Roll back");
		ConversationList list = this.client.conversations("n.0", 10);
		assertThat(this.transport.lastRequest().uri())
			.hasToString("http://agent.test/base/api/v1/conversations?limit=10&cursor=n.0");
		assertThat(list.conversations()).extracting(ConversationSummary::title).containsExactly("Roll back");
		assertThat(list.next()).isEqualTo("n.1");
		String padded = "  " + "R".repeat(AgentApi.MAX_TITLE_LENGTH) + "  ";
		assertThat(this.client.renameConversation("c-1", padded).title()).as("the agent strips it")
			.isEqualTo("Renamed");
		assertThat(this.transport.lastRequest().method()).isEqualTo("PATCH");
		assertThat(new String(this.transport.lastRequest().body(), StandardCharsets.UTF_8))
			.isEqualTo("{\"title\":\"" + padded + "\"}");
	}

	@Test
	void ratesAnAnswerWithAPutForTheEndUserAndReadsTheRatingBackWithTheMessage() {
		this.transport.respond(204, null, "")
			.problem(404, "not-found", "Not Found", "There is no conversation 'c-1'.")
			.respondJson("{\"conversationId\":\"c-1\",\"messages\":[{\"role\":\"assistant\",\"text\":\"Yes.\","
					+ "\"degraded\":false,\"citations\":[],\"at\":\"2026-01-01T10:00:00Z\",\"id\":\"17\","
					+ "\"feedback\":\"up\"}]}");
		AgentClient alice = this.client.forEndUser("s-alice");
		alice.rateMessage("c-1", "17", MessageFeedback.UP);
		TransportRequest request = this.transport.lastRequest();
		assertThat(request.method()).isEqualTo("PUT");
		assertThat(request.uri()).hasToString("http://agent.test/base/api/v1/conversations/c-1/messages/17/feedback");
		assertThat(request.header(AgentApi.END_USER_HEADER)).isEqualTo("s-alice");
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"rating\":\"up\"}");
		assertThatExceptionOfType(AgentNotFoundException.class)
			.isThrownBy(() -> alice.rateMessage("c-1", "18", MessageFeedback.DOWN));
		assertThat(alice.conversation("c-1").messages()).singleElement().satisfies((message) -> {
			assertThat(message.id()).isEqualTo("17");
			assertThat(message.feedback()).isEqualTo("up");
		});
	}

	@Test
	void aClientForAnEndUserNamesTheUserInEveryRequestAndTheSharedClientDoesNot() {
		this.transport.respondJson(Json.REPLY).respondJson(Json.MODELS).respondJson(Json.REPLY);
		AgentClient alice = this.client.forEndUser("s-alice");
		alice.chat(ChatRequest.of("hi"));
		assertThat(this.transport.lastRequest().header(AgentApi.END_USER_HEADER)).isEqualTo("s-alice");
		assertThat(this.transport.lastRequest().header("Authorization")).isEqualTo("Bearer t0ken");
		alice.models();
		assertThat(this.transport.lastRequest().header(AgentApi.END_USER_HEADER)).as("models are nobody's").isNull();
		this.client.chat(ChatRequest.of("hi"));
		assertThat(this.transport.lastRequest().header(AgentApi.END_USER_HEADER)).isNull();
		alice.close();
		assertThat(this.client.circuitState()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void rejectsMalformedEndUsersCursorsLimitsAndTitlesBeforeSending() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.forEndUser("a b"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.forEndUser("x".repeat(129)));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.conversation("c-1", "../x", 10));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.conversations(null, 0));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.conversations(null, AgentApi.MAX_PAGE_SIZE + 1));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.renameConversation("c-1", " "));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.renameConversation("c-1", "Two\nlines"))
			.withMessageContaining("but was 9 characters long with control characters");
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.renameConversation("c-1", "x".repeat(AgentApi.MAX_TITLE_LENGTH + 1)));
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.rateMessage("c-1", "17", "sideways"))
			.withMessageContaining("rating");
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.rateMessage("c-1", "../17", MessageFeedback.UP))
			.withMessageContaining("messageId");
		assertThat(this.transport.requests).isEmpty();
	}

	@Test
	void ignoresUnknownPropertiesForForwardCompatibility() {
		this.transport
			.respondJson(Json.REPLY.replace("{\"conversationId\"", "{\"newField\":{\"a\":1},\"conversationId\""));
		assertThat(this.client.chat(ChatRequest.of("hi")).conversationId()).isEqualTo("c-1");
	}

	@Test
	void rejectsInvalidRequestsBeforeSending() {
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.chat(ChatRequest.of(" ")))
			.withMessageContaining("message must not be blank");
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.as("blank as the agent sees it: control characters only")
			.isThrownBy(() -> this.client.chat(ChatRequest.of("\u0000\u0007\r\n")))
			.withMessage("ChatRequest.message must not be blank, but was only white space and control characters (4);"
					+ " send the user's text");
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.chat(ChatRequest.of("../etc", "hi")))
			.withMessageContaining("ChatRequest.conversationId must be 1 to 64 letters")
			.withMessageContaining("'../etc'");
		assertThatExceptionOfType(AgentInvalidRequestException.class).isThrownBy(() -> this.client.conversation("a/b"))
			.withMessageContaining("conversationId must be");
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.deleteConversation(null))
			.withMessageContaining("but was null");
		assertThat(this.transport.count()).isZero();
	}

	static Stream<Arguments> statuses() {
		return Stream.of(Arguments.of(400, AgentInvalidRequestException.class, false),
				Arguments.of(401, AgentUnauthorizedException.class, false),
				Arguments.of(403, AgentUnauthorizedException.class, false),
				Arguments.of(404, AgentNotFoundException.class, false),
				Arguments.of(408, AgentTimeoutException.class, true),
				Arguments.of(409, AgentInvalidRequestException.class, false),
				Arguments.of(413, AgentInvalidRequestException.class, false),
				Arguments.of(415, AgentInvalidRequestException.class, false),
				Arguments.of(422, AgentInvalidRequestException.class, false),
				Arguments.of(429, AgentRateLimitedException.class, true),
				Arguments.of(500, AgentServerException.class, true),
				Arguments.of(502, AgentServerException.class, true),
				Arguments.of(503, AgentUnavailableException.class, true),
				Arguments.of(504, AgentTimeoutException.class, true),
				Arguments.of(302, AgentProtocolException.class, false));
	}

	@ParameterizedTest(name = "HTTP {0} -> {1}")
	@MethodSource("statuses")
	void mapsEachStatusToATypedException(int status, Class<? extends AgentClientException> type, boolean retriable) {
		this.transport.problem(status, "whatever", "Title", "detail of " + status);
		assertThatExceptionOfType(type).isThrownBy(this.client::models)
			.withMessageContaining("GET /api/v1/models failed: HTTP " + status)
			.withMessageContaining("detail of " + status)
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(status);
				assertThat(ex.isRetriable()).isEqualTo(retriable);
				assertThat(ex.problem()).map(ProblemDetail::detail).contains("detail of " + status);
			});
	}

	@Test
	void invalidRequestCarriesTheProblemWithFieldErrors() {
		this.transport.respond(400, "application/problem+json",
				"{\"type\":\"https://project51.dev/problems/invalid-request\",\"title\":\"Invalid request\","
						+ "\"status\":400,\"detail\":\"The request has 1 invalid field\",\"instance\":\"/api/v1/chat\","
						+ "\"errors\":[{\"field\":\"message\",\"reason\":\"must be at most 4000 characters\"}]}");
		assertThatExceptionOfType(AgentInvalidRequestException.class)
			.isThrownBy(() -> this.client.chat(ChatRequest.of("x")))
			.withMessage("POST /api/v1/chat failed: HTTP 400 Invalid request: The request has 1 invalid field "
					+ "[message: must be at most 4000 characters] (https://project51.dev/problems/invalid-request)")
			.satisfies((ex) -> assertThat(ex.problemType()).contains(ProblemType.INVALID_REQUEST))
			.satisfies((ex) -> assertThat(ex.problem()).hasValueSatisfying((problem) -> {
				assertThat(problem.instance()).isEqualTo("/api/v1/chat");
				assertThat(problem.errors())
					.containsExactly(new ProblemDetail.FieldError("message", "must be at most 4000 characters"));
			}));
	}

	@Test
	void unauthorizedSaysWhichTokenToCheck() {
		this.transport.problem(401, "unauthorized", "Unauthorized", "missing or wrong bearer token");
		assertThatExceptionOfType(AgentUnauthorizedException.class).isThrownBy(this.client::models)
			.withMessageContaining("check the API token (AGENT_API_TOKEN)")
			.withMessageNotContaining("t0ken");
	}

	@Test
	void errorBodyThatIsNotAProblemStillYieldsAClearException() {
		this.transport.respond(502, "text/html", "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>");
		assertThatExceptionOfType(AgentServerException.class).isThrownBy(this.client::models)
			.withMessage("GET /api/v1/models failed: HTTP 502 with a body that is not application/problem+json "
					+ "(text/html): '<html><body><h1>502 Bad Gateway</h1> <p>nginx</p></body></html>'")
			.satisfies((ex) -> assertThat(ex.problem()).isEmpty())
			.satisfies((ex) -> assertThat(ex.problemType()).isEmpty());
	}

	@Test
	void aProblemOfATypeTheContractDoesNotDefineHasNoProblemType() {
		this.transport.problem(502, "agent-protocol", "Unreadable answer", "from a relay");
		assertThatExceptionOfType(AgentServerException.class).isThrownBy(this.client::models)
			.satisfies((ex) -> assertThat(ex.problem()).isPresent())
			.satisfies((ex) -> assertThat(ex.problemType()).isEmpty());
	}

	@Test
	void emptyErrorBodySaysSo() {
		this.transport.respond(500, null, "");
		assertThatExceptionOfType(AgentServerException.class).isThrownBy(this.client::models)
			.withMessage("GET /api/v1/models failed: HTTP 500 (empty body)");
	}

	@Test
	void successWithWrongContentTypeIsAProtocolError() {
		this.transport.respond(200, "text/html; charset=utf-8", "<html>login page</html>");
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> this.client.chat(ChatRequest.of("hi")))
			.withMessageContaining("expected application/json but the agent answered HTTP 200 with Content-Type "
					+ "'text/html; charset=utf-8': '<html>login page</html>'")
			.withMessageContaining("is baseUrl pointing at the agent");
	}

	@Test
	void malformedJsonIsAProtocolError() {
		this.transport.respondJson("{\"conversationId\":\"c-1\",\"reply\":");
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> this.client.chat(ChatRequest.of("hi")))
			.withMessageStartingWith("POST /api/v1/chat: the agent's answer is not valid JSON of the expected shape")
			.satisfies((ex) -> assertThat(ex.isRetriable()).isFalse());
	}

	@Test
	void jsonNullAndWrongShapesAreProtocolErrors() {
		this.transport.respondJson("null").respondJson("{\"name\":\"x\"}").respondJson("[1,2]");
		assertThatExceptionOfType(AgentProtocolException.class)
			.isThrownBy(() -> this.client.chat(ChatRequest.of("hi")));
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(this.client::models);
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(this.client::models);
	}

	@Test
	void oversizedBodyIsAProtocolErrorWithoutReadingItAll() {
		String big = "{\"reply\":\"" + "x".repeat(10_000) + "\"}";
		this.transport.respondJson(big);
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> this.client.chat(ChatRequest.of("hi")))
			.withMessageContaining("larger than the limit of 4096 bytes (maxResponseBytes)");
		this.transport.respond(200, "application/json", "{}", "Content-Length", "999999");
		assertThatExceptionOfType(AgentProtocolException.class).isThrownBy(() -> this.client.chat(ChatRequest.of("hi")))
			.withMessageContaining("Content-Length is 999999");
		assertThat(this.transport.responses).allSatisfy((response) -> assertThat(response.closed).isTrue());
	}

	@Test
	void oversizedErrorBodyStillYieldsTheStatusException() {
		this.transport.respond(503, "text/html", "x".repeat(10_000));
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(this.client::models)
			.withMessageContaining("body larger than maxResponseBytes, not read");
	}

	@Test
	void healthReadsUpAndTheBodyOfA503() {
		this.transport.respond(200, "application/vnd.spring-boot.actuator.v3+json", "{\"status\":\"UP\",\"groups\":[]}")
			.respond(503, "application/json", "{\"status\":\"DOWN\"}")
			.problem(503, "models-unavailable", "No model available", "starting");
		assertThat(this.client.health()).isEqualTo(new Health("UP"));
		assertThat(this.transport.lastRequest().uri()).hasToString("http://agent.test/base/actuator/health/readiness");
		assertThat(this.client.health().status()).isEqualTo("DOWN");
		assertThatExceptionOfType(AgentUnavailableException.class).isThrownBy(this.client::health)
			.withMessageContaining("starting");
	}

	@Test
	void deleteAcceptsNoContent() {
		this.transport.respond(204, null, "");
		this.client.deleteConversation("c-1");
		assertThat(this.transport.lastRequest().method()).isEqualTo("DELETE");
		assertThat(this.transport.lastRequest().body()).isNull();
	}

}
