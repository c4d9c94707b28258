package dev.project51.agent.server.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.BadInput;
import dev.project51.agent.server.testsupport.HostileJson;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.RawHttp;
import dev.project51.agent.server.testsupport.RawHttp.Response;
import dev.project51.agent.server.testsupport.SharedAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.project51.agent.server.testsupport.BadInput.abbreviate;
import static dev.project51.agent.server.testsupport.BadInput.chunked;
import static dev.project51.agent.server.testsupport.BadInput.concat;
import static dev.project51.agent.server.testsupport.BadInput.hex;
import static dev.project51.agent.server.testsupport.BadInput.invalidUtf8;
import static dev.project51.agent.server.testsupport.BadInput.percent;
import static dev.project51.agent.server.testsupport.BadInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against both HTTP APIs of a running agent, over real sockets: random and
 * hostile JSON (seeded: the seed is in every failure message, rerun with
 * {@code -Dproject51.bad-input.seed=<seed>}), huge and empty bodies, invalid UTF-8, wrong
 * content types, {@code Accept} headers and methods, path tricks in conversation ids,
 * missing and wrong tokens, and malformed HTTP. Every answer must be below 500 and free
 * of stack traces and internal names, and every rejection a problem
 * ({@code application/problem+json} under {@code /api/}, OpenAI's error shape under
 * {@code /v1/}) whose status matches the answer's. Afterwards the agent still answers,
 * and no rejected request created or changed a conversation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTests {

	static final long SEED = Long.getLong("project51.bad-input.seed", new SecureRandom().nextLong());

	static final int RANDOM_CASES = 300;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String TOKEN = SharedAgent.TOKEN;

	private static final String AUTH = "Authorization: Bearer " + TOKEN;

	/** A stack frame, a qualified name of an internal package, or an exception class. */
	private static final Pattern INTERNALS = Pattern.compile("(\\bat [\\w$]+(\\.[\\w$<>]+)+\\(|\\tat |Caused by:"
			+ "|\\b(java|javax|jakarta|sun|jdk|org\\.springframework|org\\.apache|org\\.h2|org\\.postgresql"
			+ "|tools\\.jackson|com\\.fasterxml|dev\\.langchain4j|dev\\.project51|io\\.github)\\.[a-z]"
			+ "|\\w+(Exception|Throwable)\\b|Whitelabel|Tomcat|<html|<!doctype)", Pattern.CASE_INSENSITIVE);

	static AgentApp app;

	static RawHttp raw;

	static Http http;

	static String keptId;

	static String keptConversation;

	static final List<String> rejectedIds = new ArrayList<>();

	@RegisterExtension
	final BadInput.Findings findings = new BadInput.Findings(SEED);

	@BeforeAll
	static void startTheAgentWithAConversation() {
		app = SharedAgent.get();
		raw = new RawHttp(app.port());
		http = new Http(app.baseUrl(), TOKEN);
		HttpResponse<String> reply = http.postJson("/api/v1/chat", "{\"message\":\"How do I roll back a release?\"}");
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
		keptId = JsonMapper.shared().readTree(reply.body()).path("conversationId").asString();
		keptConversation = http.get("/api/v1/conversations/" + keptId).body();
	}

	@Test
	void randomJsonIsAnsweredOrRejectedAsAProblem() {
		HostileJson hostile = new HostileJson(SEED);
		String[] paths = { "/api/v1/chat", "/api/v1/chat/stream", "/v1/chat/completions" };
		for (int i = 0; i < RANDOM_CASES; i++) {
			String path = paths[i % paths.length];
			String id = "fuzz-" + Long.toHexString(SEED) + "-" + i;
			byte[] body = path.startsWith("/v1/") ? hostile.completionBody()
					: hostile.body(List.of("conversationId", "message"), id);
			Response response = post(path, "application/json", body);
			String label = "random case " + i + " " + path + " " + preview(body);
			if (path.startsWith("/v1/")) {
				// a random "model" is a model the agent does not have: 404
				// model_not_found
				check(label, response, 200, 400, 404, 413);
			}
			else {
				// a conversation id the agent did not issue: 404 not-found
				check(label, response, 200, 400, 404, 413);
			}
			if (response.status() != 200 && contains(body, id)) {
				rejectedIds.add(id);
			}
		}
	}

	@Test
	void invisibleAndControlCharacterMessagesAreAnsweredOrRejected() {
		for (String message : List.of("\\u0000", "\\u0001\\u0002", "\\ufeff", "\\u200b", "\\ud800", "\\udfff\\ud800",
				"a\\u0000b", "\\u202e", " \\t\\u000b ")) {
			check("message " + message,
					post("/api/v1/chat", "application/json", ("{\"message\":\"" + message + "\"}").getBytes()), 200,
					400);
			check("stream of message " + message,
					post("/api/v1/chat/stream", "application/json", ("{\"message\":\"" + message + "\"}").getBytes()),
					200, 400);
			check("completion of message " + message,
					post("/v1/chat/completions", "application/json",
							("{\"messages\":[{\"role\":\"user\",\"content\":\"" + message + "\"}]}").getBytes()),
					200, 400);
		}
	}

	@Test
	void hugeAndEmptyBodiesAreRejected() {
		byte[] huge = ("{\"message\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		for (String path : List.of("/api/v1/chat", "/api/v1/chat/stream", "/v1/chat/completions")) {
			check("huge " + path, post(path, "application/json", huge), 413);
			check("huge chunked " + path,
					raw.send(
							"POST " + path + " HTTP/1.1\r\n" + AUTH
									+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
							chunked(huge, 8192)),
					413);
			check("huge chunked in one chunk " + path,
					raw.send(
							"POST " + path + " HTTP/1.1\r\n" + AUTH
									+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
							chunked(huge, huge.length)),
					413);
			check("empty " + path, post(path, "application/json", new byte[0]), 400);
			check("empty without type " + path, post(path, null, new byte[0]), 400, 415);
			check("empty chunked " + path,
					raw.send(
							"POST " + path + " HTTP/1.1\r\n" + AUTH
									+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
							"0\r\n\r\n".getBytes()),
					400);
			check("no length " + path, raw.send(
					"POST " + path + " HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json", new byte[0]), 400);
			check("only white space " + path, post(path, "application/json", "  \r\n\t ".getBytes()), 400);
		}
		// The shared agent's limit is 4KB; the frontend says the same of a body over its
		// own limit.
		assertThat(detail(post("/api/v1/chat", "application/json", huge)))
			.isEqualTo("The request body is larger than 4096 bytes; send a shorter message.");
	}

	@Test
	void invalidUtf8IsRejected() {
		byte[] overlong = concat("{\"message\":\"a".getBytes(), new byte[] { (byte) 0xC0, (byte) 0xAF },
				"\"}".getBytes());
		assertThat(detail(post("/api/v1/chat", "application/json", overlong)))
			.isEqualTo("The request body is not valid UTF-8; send JSON encoded as UTF-8.");
		for (byte[] bad : invalidUtf8()) {
			String hex = hex(bad);
			for (String path : List.of("/api/v1/chat", "/api/v1/chat/stream", "/v1/chat/completions")) {
				byte[] body = concat("{\"message\":\"a".getBytes(), bad, "b\"}".getBytes());
				if (path.startsWith("/v1/")) {
					body = concat("{\"messages\":[{\"role\":\"user\",\"content\":\"a".getBytes(), bad,
							"\"}]}".getBytes());
				}
				check("invalid UTF-8 " + hex + " in the body of " + path, post(path, "application/json", body), 400);
			}
			check("invalid UTF-8 " + hex + " in the path",
					raw.send(concat("GET /api/v1/conversations/a".getBytes(), bad, (" HTTP/1.1\r\n" + AUTH).getBytes()),
							new byte[0]),
					400);
			check("percent-encoded invalid UTF-8 " + hex + " in the path",
					get("/api/v1/conversations/a" + percent(bad), AUTH), 400);
			check("percent-encoded invalid UTF-8 " + hex + " in the query",
					get("/api/v1/models?x=" + percent(bad), AUTH), 200, 400);
			check("invalid UTF-8 " + hex + " in the token",
					raw.send(concat(("GET /api/v1/models HTTP/1.1\r\n" + AUTH).getBytes(), bad), new byte[0]), 401);
		}
		for (String bad : List.of("%", "%g0", "%0", "%zz", "%%", "%u0041")) {
			check("bad percent-encoding " + bad + " in the path", get("/api/v1/conversations/a" + bad, AUTH), 400);
			check("bad percent-encoding " + bad + " in the query", get("/api/v1/models?x=" + bad, AUTH), 200, 400);
		}
	}

	@Test
	void wrongContentTypesAreRejected() {
		byte[] valid = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
		for (String path : List.of("/api/v1/chat", "/api/v1/chat/stream", "/v1/chat/completions")) {
			check("no content type " + path, post(path, null, valid), 415);
			for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
					"multipart/form-data; boundary=x", "application/xml", "*/*", "application/*", "text/json", ";;;",
					"application", "application/json; charset=bogus", "application/json; charset=",
					"application/json; charset=\"", "application/json; charset=UTF-7",
					"application/json; boundary=\u00ff")) {
				check("content type " + type + " " + path, post(path, type, valid), 400, 415);
			}
			// JSON by another name
			check("content type application/merge-patch+json " + path,
					post(path, "application/merge-patch+json", valid), 200, 400);
		}
		for (String type : List.of("*/*", "application/*", ";;;", "text/plain")) {
			check("content type " + type + " on a GET", get("/api/v1/models", AUTH + "\r\nContent-Type: " + type), 200,
					415);
			check("content type " + type + " on a DELETE", raw.send(
					"DELETE /api/v1/conversations/never-seen" + " HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: " + type,
					new byte[0]), 204, 415);
		}
	}

	@Test
	void wrongAcceptHeadersAreRejected() {
		List<String> paths = List.of("/api/v1/chat", "/api/v1/chat/stream", "/api/v1/models",
				"/api/v1/conversations/" + keptId, "/v1/models", "/v1/chat/completions");
		for (String path : paths) {
			for (String accept : List.of("application/xml", "text/html", "image/png", ";;;", "text/event-stream",
					"application/json;q=0", "*/*;q=x")) {
				String head = (path.endsWith("chat") || path.endsWith("stream") || path.endsWith("completions"))
						? "POST " + path + " HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json\r\nAccept: "
								+ accept + "\r\nContent-Length: 5"
						: "GET " + path + " HTTP/1.1\r\n" + AUTH + "\r\nAccept: " + accept;
				byte[] body = head.startsWith("POST") ? "{\"x\"".getBytes() : new byte[0];
				check("Accept " + accept + " " + path, raw.send(head, body), 200, 400, 406);
			}
		}
	}

	@Test
	void wrongMethodsAreRejected() {
		List<String> paths = List.of("/api/v1/chat", "/api/v1/chat/stream", "/api/v1/models",
				"/api/v1/conversations/" + keptId, "/v1/models", "/v1/chat/completions");
		for (String path : paths) {
			for (String method : List.of("PUT", "PATCH", "GET", "POST", "DELETE", "TRACE", "FOO", "CONNECT")) {
				if (method.equals("DELETE") && path.contains(keptId)) {
					continue; // a valid request, which would lose the conversation
				}
				String head = method + " " + path + " HTTP/1.1\r\n" + AUTH
						+ "\r\nContent-Type: application/json\r\nContent-Length: 2";
				Response response = raw.send(head, "{}".getBytes());
				check(method + " " + path, response, 200, 204, 400, 404, 405, 415);
			}
		}
	}

	@Test
	void pathTricksInConversationIdsAreRejected() {
		List<String> ids = List.of("..", "%2e%2e", "%2e%2e%2f", "..%2f..%2fetc%2fpasswd", "a%2Fb", "a%2fb", "%00",
				"a%00b", "a;jsessionid=x", ";jsessionid=x", "x".repeat(65), "x".repeat(10_000), "%C3%A9t%C3%A9",
				"%F0%9F%98%80", "%252e%252e%252f", "%25", "a/", "a//", "", "/", "a%5Cb", "a%5cb", "-dash", "_under",
				"a.b", "a%20b", "a+b", "%2e", ".", "a?x=1", "a#frag", "a%3Bb", "a%09b");
		for (String id : ids) {
			String path = "/api/v1/conversations/" + id;
			check("GET " + id, get(path, AUTH), 400, 404, 405);
			check("DELETE " + id, raw.send("DELETE " + path + " HTTP/1.1\r\n" + AUTH, new byte[0]), 204, 400, 404, 405);
			String json = "{\"conversationId\":\"" + id.replace("\\", "\\\\") + "\",\"message\":\"hi\"}";
			if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
				check("chat with id " + id, post("/api/v1/chat", "application/json", json.getBytes()), 400, 413);
			}
		}
		for (String raw : List.of("a\\b", "..\\..\\x", "a\u00e9", "a b", "a\"b", "a<b", "a{b}", "a|b", "a^b", "a`b")) {
			check("raw " + raw, BadInputTests.raw.send(
					("GET /api/v1/conversations/" + raw + " HTTP/1.1\r\n" + AUTH).getBytes(StandardCharsets.UTF_8),
					new byte[0]), 400, 404);
		}
		for (String path : List.of("/api/v1/models/", "/api/v1/chat/", "//api/v1/models", "/api//v1/models",
				"/api/v1/./models", "/api/v1/x/../models", "/api/v1/models;x=y", "/api/v1/%6Dodels",
				"/api/v1/conversations/..;/models", "/api/v1/conversations/%2e%2e/models", "/api/v1",
				"/api/v1/conversations", "/api/v1/conversations/")) {
			check("path " + path, get(path, AUTH), 200, 400, 404, 405);
		}
	}

	@Test
	void missingAndWrongTokensAreRejected() {
		List<String> headers = List.of("", "Authorization:", "Authorization: ", "Authorization: Bearer",
				"Authorization: Bearer ", "Authorization: Bearer  ", "Authorization: Basic dXNlcjpwYXNz",
				"Authorization: Basic " + TOKEN, "Authorization: Token " + TOKEN,
				"Authorization: Bearer " + TOKEN + "x", "Authorization: Bearer x" + TOKEN,
				"Authorization: Bearer " + TOKEN.substring(1), "Authorization: Bearer " + TOKEN.toUpperCase(),
				"Authorization: Bearer" + TOKEN, "Authorization: Bearer " + "x".repeat(7_000),
				"Authorization: Bearer " + TOKEN + "\u00ff", "Authorization: Bearer \"" + TOKEN + "\"",
				"Authorization: Bearer " + TOKEN + ", Basic x",
				"Authorization: Bearer wrong\r\nAuthorization: Bearer " + TOKEN, "X-Authorization: Bearer " + TOKEN,
				"Authorization: Bearer\t" + TOKEN + "x");
		List<String> paths = List.of("/api/v1/models", "/api/v1/conversations/" + keptId, "/api/v1/chat",
				"/api/v1/chat/stream", "/v1/models", "/v1/chat/completions", "/api/v1/nope", "/v1/nope");
		for (String header : headers) {
			for (String path : paths) {
				String method = (path.contains("chat")) ? "POST" : "GET";
				String head = method + " " + path + " HTTP/1.1" + (header.isEmpty() ? "" : "\r\n" + header)
						+ "\r\nContent-Type: application/json\r\nContent-Length: 17";
				Response response = raw.send(head.getBytes(StandardCharsets.ISO_8859_1),
						"{\"message\":\"hi\"}".getBytes());
				check("token '" + abbreviate(header) + "' " + path, response, 401);
				if (response.status() == 401 && response.header("WWW-Authenticate") == null) {
					fail("token '" + abbreviate(header) + "' " + path, "401 without WWW-Authenticate", response);
				}
			}
		}
		for (String path : List.of("/api;x=y/v1/models", "/%61pi/v1/models", "/api/v1/models;jsessionid=x",
				"//api/v1/models", "/./api/v1/models", "/x/../api/v1/models", "/%2e/api/v1/models", "/v1;x/models",
				"/%76%31/models", "/api;/v1/conversations/" + keptId, "/%61pi/v1/chat")) {
			String method = path.endsWith("chat") ? "POST" : "GET";
			Response response = raw.send(
					method + " " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 17",
					"{\"message\":\"hi\"}".getBytes());
			check("no token, disguised path " + path, response, 400, 401, 404);
		}
	}

	@Test
	void malformedHttpIsRejectedWithoutInternals() {
		byte[] body = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
		String post = "POST /api/v1/chat HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json";
		checkFraming("Content-Length larger than the body", raw.send(post + "\r\nContent-Length: 100", body), 400);
		checkFraming("Content-Length smaller than the body", raw.send(post + "\r\nContent-Length: 5", body), 400);
		checkFraming("negative Content-Length", raw.send(post + "\r\nContent-Length: -1", body), 400);
		checkFraming("Content-Length not a number", raw.send(post + "\r\nContent-Length: abc", body), 400);
		checkFraming("two Content-Lengths", raw.send(post + "\r\nContent-Length: 17\r\nContent-Length: 5", body), 400);
		checkFraming("Content-Length and chunked",
				raw.send(post + "\r\nContent-Length: 17\r\nTransfer-Encoding: chunked", chunked(body, 4)), 200, 400);
		checkFraming("bad chunk size",
				raw.send(post + "\r\nTransfer-Encoding: chunked", "zz\r\nabc\r\n0\r\n\r\n".getBytes()), 400);
		checkFraming("truncated chunk",
				raw.send(post + "\r\nTransfer-Encoding: chunked", "20\r\n{\"message\":\"hi\"}".getBytes()), 400);
		checkFraming("unknown transfer coding", raw.send(post + "\r\nTransfer-Encoding: gzip", body), 400, 501);
		checkFraming("huge Content-Length", raw.send(post + "\r\nContent-Length: 99999999999999999999", body), 400,
				413);
		checkFraming("NUL in the request line", raw.send("GET /api/v1/models\u0000 HTTP/1.1\r\n" + AUTH, new byte[0]),
				400);
		checkFraming("NUL in a header",
				raw.send("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nX-A: a\u0000b", new byte[0]), 400);
		checkFraming("header without colon",
				raw.send("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nnonsense", new byte[0]), 400);
		checkFraming("huge header",
				raw.send("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nX-A: " + "a".repeat(100_000), new byte[0]),
				400, 431);
		checkFraming("many headers",
				raw.send("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nX-A: a".repeat(200), new byte[0]), 200, 400);
		checkFraming("too many headers",
				raw.send("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nX-A: a".repeat(2000), new byte[0]), 400);
		checkFraming("huge URL",
				raw.send("GET /api/v1/conversations/" + "a".repeat(100_000) + " HTTP/1.1\r\n" + AUTH, new byte[0]), 400,
				414);
		// HTTP/0.9 has no status line and no headers: the answer is the body alone.
		Response simple = raw.sendExactly("GET /api/v1/models\r\n".getBytes());
		this.findings.countCase();
		checkNoInternals("HTTP/0.9", simple);
		if (!new String(simple.raw(), StandardCharsets.UTF_8).contains("\"status\":401")) {
			fail("HTTP/0.9", "not a problem", simple);
		}
		checkFraming("HTTP/2.0 on HTTP/1", raw.send("GET /api/v1/models HTTP/2.0\r\n" + AUTH, new byte[0]), 400, 505);
		checkFraming("HTTP/1.1 without Host", raw
			.sendExactly(("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nConnection: close\r\n\r\n").getBytes()), 400);
		checkFraming("absolute URI of another host",
				raw.send("GET http://evil.example/api/v1/models HTTP/1.1\r\n" + AUTH, new byte[0]), 200, 400);
		checkFraming("asterisk target", raw.send("GET * HTTP/1.1\r\n" + AUTH, new byte[0]), 400, 404);
		checkFraming("garbage", raw.sendExactly("\u0016\u0003\u0001\u0002\u0000garbage\r\n\r\n".getBytes()), 400);
		checkFraming("lower-case method", raw.send("get /api/v1/models HTTP/1.1\r\n" + AUTH, new byte[0]), 400, 404,
				405);
		checkFraming("space in the target", raw.send("GET /api/v1/conversations/a b HTTP/1.1\r\n" + AUTH, new byte[0]),
				400);
		checkFraming("obsolete line folding",
				raw.send("GET /api/v1/models HTTP/1.1\r\n" + AUTH + "\r\nX-A: a\r\n b", new byte[0]), 200, 400);
	}

	@Test
	void pathsOutsideTheApisAreLeftToTheApplicationButNeverFail() {
		for (String path : List.of("/API/v1/models", "/", "/nope", "/api", "/v1", "/actuator/nope",
				"/actuator/health/%2e%2e/x", "/%00")) {
			Response response = get(path, AUTH);
			this.findings.countCase();
			checkNoInternals("outside the APIs " + path, response);
			if (response.status() >= 500 || response.status() < 0) {
				fail("outside the APIs " + path, "status " + response.status(), response);
			}
		}
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void afterwardsTheAgentStillAnswersAndLostNothing() {
		HttpResponse<String> reply = http.postJson("/api/v1/chat", "{\"message\":\"How do I roll back a release?\"}");
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
		assertThat(http.get("/api/v1/models").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(http.get("/api/v1/conversations/" + keptId).body()).isEqualTo(keptConversation);
		for (String id : rejectedIds) {
			assertThat(http.get("/api/v1/conversations/" + id).statusCode()).as("conversation %s (seed %d)", id, SEED)
				.isEqualTo(404);
		}
	}

	private Response post(String path, String contentType, byte[] body) {
		String head = "POST " + path + " HTTP/1.1\r\n" + AUTH
				+ ((contentType != null) ? "\r\nContent-Type: " + contentType : "") + "\r\nContent-Length: "
				+ body.length;
		return raw.send(head.getBytes(StandardCharsets.UTF_8), body);
	}

	private static String detail(Response response) {
		return JSON.readTree(response.text()).path("detail").asString();
	}

	private static Response get(String path, String header) {
		return raw.send("GET " + path + " HTTP/1.1\r\n" + header, new byte[0]);
	}

	/**
	 * Checks an answer: below 500, no internals, the expected status, and for a rejection
	 * a problem of that status in the API's error format.
	 */
	private void check(String label, Response response, int... expected) {
		if (!this.findings.checkStatus(label, response, expected)) {
			return;
		}
		checkNoInternals(label, response);
		if (response.status() >= 400) {
			checkProblem(label, response);
		}
		else if (errorEvents(response.text()).matches("(?s).*(\"status\":5\\d\\d|\"server_error\").*")
				&& !errorEvents(response.text()).contains("models-unavailable")) {
			fail(label, "internal error in the stream", response);
		}
	}

	private void checkFraming(String label, Response response, int... expected) {
		check(label, response, expected);
	}

	private void checkNoInternals(String label, Response response) {
		// A model's answer may quote anything; only errors are checked.
		this.findings.checkNoInternals(label, response, INTERNALS,
				(response.status() >= 400) ? response.toString() : errorEvents(response.text()));
	}

	private static String errorEvents(String body) {
		StringBuilder errors = new StringBuilder();
		for (String frame : body.split("\n\n")) {
			if (frame.startsWith("event: error") || frame.contains("\"error\"")) {
				errors.append(frame).append('\n');
			}
		}
		return errors.toString();
	}

	private void checkProblem(String label, Response response) {
		String contentType = String.valueOf(response.header("Content-Type"));
		boolean openAi = response.text().startsWith("{\"error\"");
		JsonNode body;
		try {
			body = JSON.readTree(response.text());
		}
		catch (RuntimeException ex) {
			fail(label, "body is not JSON", response);
			return;
		}
		if (openAi) {
			JsonNode error = body.path("error");
			if (!contentType.startsWith("application/json") || error.path("message").asString("").isBlank()
					|| error.path("type").asString("").isBlank() || error.path("code").asString("").isBlank()) {
				fail(label, "not an OpenAI error", response);
			}
			return;
		}
		if (!contentType.startsWith("application/problem+json")) {
			fail(label, "content type " + contentType, response);
		}
		if (!BadInput.isProblem(body, response)) {
			fail(label, "not a problem of status " + response.status(), response);
		}
	}

	private void fail(String label, String reason, Response response) {
		this.findings.fail(label, reason, response);
	}

	private static boolean contains(byte[] body, String text) {
		return new String(body, StandardCharsets.ISO_8859_1).contains(text);
	}

}
