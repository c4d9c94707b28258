package dev.project51.frontend.security.internal;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

import dev.project51.frontend.support.FrontendHttpTestSupport;
import dev.project51.agent.server.testsupport.BadInput;
import dev.project51.agent.server.testsupport.HostileJson;
import dev.project51.agent.server.testsupport.RawHttp;
import dev.project51.agent.server.testsupport.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static dev.project51.agent.server.testsupport.BadInput.abbreviate;
import static dev.project51.agent.server.testsupport.BadInput.chunked;
import static dev.project51.agent.server.testsupport.BadInput.concat;
import static dev.project51.agent.server.testsupport.BadInput.hex;
import static dev.project51.agent.server.testsupport.BadInput.invalidUtf8;
import static dev.project51.agent.server.testsupport.BadInput.percent;
import static dev.project51.agent.server.testsupport.BadInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input against the frontend's HTTP API, over real sockets: random and hostile JSON
 * (seeded: the seed is in every failure message, rerun with
 * {@code -Dproject51.bad-input.seed=<seed>}), huge and empty bodies, invalid UTF-8, wrong
 * content types, {@code Accept} headers and methods, path tricks in conversation ids,
 * cross-origin {@code Origin} and {@code Sec-Fetch-Site} values and malformed HTTP. Every
 * answer must be below 500 and free of stack traces and internal names, every rejection
 * an {@code application/problem+json} whose status matches the answer's, and a rejected
 * message never reaches the agent. Afterwards the frontend still relays an answer.
 */
// A frontend application does not have the agent starter, which the browser tests put on
// the class path.
@TestPropertySource(properties = "project51.agent.enabled=false")
class BadInputTests extends FrontendHttpTestSupport {

	static final long SEED = Long.getLong("project51.bad-input.seed", new SecureRandom().nextLong());

	static final int RANDOM_CASES = 300;

	private static final String STREAM = "/api/chat/stream";

	private static final String JSON_TYPE = "Content-Type: application/json";

	/** A stack frame, a qualified name of an internal package, or an exception class. */
	private static final Pattern INTERNALS = Pattern.compile("(\\bat [\\w$]+(\\.[\\w$<>]+)+\\(|\\tat |Caused by:"
			+ "|\\b(java|javax|jakarta|sun|jdk|org\\.springframework|org\\.apache|freemarker"
			+ "|tools\\.jackson|com\\.fasterxml|dev\\.project51|io\\.github)\\.[a-z]"
			+ "|\\w+(Exception|Throwable)\\b|Whitelabel|Tomcat|<html|<!doctype|agent-token-7f3a9c|127\\.0\\.0\\.1:)",
			Pattern.CASE_INSENSITIVE);

	@RegisterExtension
	final BadInput.Findings findings = new BadInput.Findings(SEED);

	RawHttp raw() {
		return new RawHttp(this.port);
	}

	@Test
	void randomJsonIsRelayedOrRejectedAsAProblemWithoutReachingTheAgent() {
		HostileJson hostile = new HostileJson(SEED);
		for (int i = 0; i < RANDOM_CASES; i++) {
			byte[] body = hostile.body(List.of("conversationId", "message"), "fuzz-" + i);
			int before = agent.requests("POST", "/api/v1/chat").size();
			Response response = post(STREAM, "application/json", body);
			String label = "random case " + i + " " + preview(body);
			check(label, response, 200, 400, 413);
			if (response.status() != 200 && agent.requests("POST", "/api/v1/chat").size() != before) {
				fail(label, "a rejected message reached the agent", response);
			}
		}
	}

	@Test
	void invisibleAndControlCharacterMessagesAreRelayedOrRejected() {
		for (String message : List.of("\\u0000", "\\u0001\\u0002", "\\ufeff", "\\u200b", "\\ud800", "\\udfff\\ud800",
				"a\\u0000b", "\\u202e", " \\t\\u000b ")) {
			check("message " + message,
					post(STREAM, "application/json", ("{\"message\":\"" + message + "\"}").getBytes()), 200, 400);
		}
	}

	@Test
	void hugeAndEmptyBodiesAreRejected() {
		byte[] huge = ("{\"message\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		String head = "POST " + STREAM + " HTTP/1.1\r\n" + JSON_TYPE;
		check("huge", post(STREAM, "application/json", huge), 413);
		check("huge chunked", raw().send(head + "\r\nTransfer-Encoding: chunked", chunked(huge, 8192)), 413);
		check("huge in one chunk", raw().send(head + "\r\nTransfer-Encoding: chunked", chunked(huge, huge.length)),
				413);
		byte[] padded = ("{\"message\":\"hi\",\"padding\":\"" + "x".repeat(10_000) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		check("padded chunked", raw().send(head + "\r\nTransfer-Encoding: chunked", chunked(padded, 1000)), 413);
		check("empty", post(STREAM, "application/json", new byte[0]), 400);
		check("empty without type", post(STREAM, null, new byte[0]), 400, 415);
		check("empty chunked", raw().send(head + "\r\nTransfer-Encoding: chunked", "0\r\n\r\n".getBytes()), 400);
		check("no length", raw().send(head, new byte[0]), 400);
		check("only white space", post(STREAM, "application/json", "  \r\n\t ".getBytes()), 400);
		// The agent says the same of a body over its own limit. The frontend's is six
		// bytes
		// a character of the longest message (50 here), plus 4 KiB.
		assertThat(json(post(STREAM, "application/json", huge).text()).path("detail").asString())
			.isEqualTo("The request body is larger than 4396 bytes; send a shorter message.");
		assertThat(agent.requests("POST", "/api/v1/chat")).isEmpty();
	}

	@Test
	void invalidUtf8IsRejected() {
		byte[] overlong = concat("{\"message\":\"a".getBytes(), new byte[] { (byte) 0xC0, (byte) 0xAF },
				"\"}".getBytes());
		assertThat(json(post(STREAM, "application/json", overlong).text()).path("detail").asString())
			.isEqualTo("The request body is not valid UTF-8; send JSON encoded as UTF-8.");
		for (byte[] bad : invalidUtf8()) {
			String hex = hex(bad);
			byte[] body = concat("{\"message\":\"a".getBytes(), bad, "b\"}".getBytes());
			check("invalid UTF-8 " + hex + " in the body", post(STREAM, "application/json", body), 400);
			check("invalid UTF-8 " + hex + " in the path",
					raw().send(concat("GET /api/conversations/a".getBytes(), bad, " HTTP/1.1".getBytes()), new byte[0]),
					400);
			check("percent-encoded invalid UTF-8 " + hex + " in the path",
					rawGet("/api/conversations/a" + percent(bad)), 400);
			check("percent-encoded invalid UTF-8 " + hex + " in the query", rawGet("/api/status?x=" + percent(bad)),
					200, 400);
			check("invalid UTF-8 " + hex + " in the Origin",
					raw().send(
							concat(("POST " + STREAM + " HTTP/1.1\r\n" + JSON_TYPE
									+ "\r\nContent-Length: 16\r\nOrigin: http://a")
								.getBytes(), bad),
							"{\"message\":\"hi\"}".getBytes()),
					403);
		}
		for (String bad : List.of("%", "%g0", "%0", "%zz", "%%", "%u0041")) {
			check("bad percent-encoding " + bad + " in the path", rawGet("/api/conversations/a" + bad), 400);
			check("bad percent-encoding " + bad + " in the query", rawGet("/api/status?x=" + bad), 200, 400);
		}
		assertThat(agent.requests("POST", "/api/v1/chat")).isEmpty();
	}

	@Test
	void wrongContentTypesAreRejected() {
		byte[] valid = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
		check("no content type", post(STREAM, null, valid), 415);
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
				"application/xml", "*/*", "application/*", "text/json", ";;;", "application",
				"application/json; charset=bogus", "application/json; charset=", "application/json; charset=\"",
				"application/json; charset=UTF-7", "application/json; boundary=\u00ff")) {
			check("content type " + type, post(STREAM, type, valid), 400, 415);
		}
		for (String type : List.of("*/*", "application/*", ";;;", "text/plain")) {
			check("content type " + type + " on a GET", rawGet("/api/status", "Content-Type: " + type), 200, 415);
			check("content type " + type + " on a GET of a conversation",
					rawGet("/api/conversations/c-1", "Content-Type: " + type), 200, 404, 415);
		}
		assertThat(agent.requests("POST", "/api/v1/chat")).isEmpty();
	}

	@Test
	void wrongAcceptHeadersAreRejected() {
		for (String accept : List.of("application/xml", "text/html", "image/png", ";;;", "text/event-stream",
				"application/json;q=0", "*/*;q=x")) {
			check("Accept " + accept + " " + STREAM, raw().send(
					"POST " + STREAM + " HTTP/1.1\r\n" + JSON_TYPE + "\r\nAccept: " + accept + "\r\nContent-Length: 4",
					"{\"x\"".getBytes()), 400, 406);
			check("Accept " + accept + " on a blank message", raw().send(
					"POST " + STREAM + " HTTP/1.1\r\n" + JSON_TYPE + "\r\nAccept: " + accept + "\r\nContent-Length: 14",
					"{\"message\":\"\"}".getBytes()), 400, 406);
			check("Accept " + accept + " /api/status", rawGet("/api/status", "Accept: " + accept), 200, 406);
			check("Accept " + accept + " /api/conversations/x!", rawGet("/api/conversations/x!", "Accept: " + accept),
					400, 406);
		}
	}

	@Test
	void wrongMethodsAreRejected() {
		for (String path : List.of(STREAM, "/api/status", "/api/conversations/c-1", "/api/nope")) {
			for (String method : List.of("PUT", "PATCH", "GET", "POST", "DELETE", "TRACE", "FOO", "CONNECT")) {
				Response response = raw()
					.send(method + " " + path + " HTTP/1.1\r\n" + JSON_TYPE + "\r\nContent-Length: 2", "{}".getBytes());
				// 204: DELETE of a conversation is idempotent.
				check(method + " " + path, response, 200, 204, 400, 404, 405, 415);
			}
		}
	}

	@Test
	void pathTricksInConversationIdsAreRejected() {
		List<String> ids = List.of("..", "%2e%2e", "%2e%2e%2f", "..%2f..%2fetc%2fpasswd", "a%2Fb", "%00", "a%00b",
				"a;jsessionid=x", ";jsessionid=x", "x".repeat(65), "x".repeat(10_000), "%C3%A9t%C3%A9", "%F0%9F%98%80",
				"%252e%252e%252f", "%25", "a/", "a//", "", "/", "a%5Cb", "-dash", "_under", "a.b", "a%20b", "a+b",
				"%2e", ".", "a?x=1", "a#frag", "a%3Bb", "a%09b");
		for (String id : ids) {
			check("GET " + id, rawGet("/api/conversations/" + id), 400, 404, 405);
			String json = "{\"conversationId\":\"" + id + "\",\"message\":\"hi\"}";
			if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
				check("chat with id " + id, post(STREAM, "application/json", json.getBytes()), 400, 413);
			}
		}
		for (String rawId : List.of("a\\b", "..\\..\\x", "a\u00e9", "a b", "a\"b", "a<b", "a{b}", "a|b", "a^b")) {
			check("raw " + rawId, raw()
				.send(("GET /api/conversations/" + rawId + " HTTP/1.1").getBytes(StandardCharsets.UTF_8), new byte[0]),
					400, 404);
		}
		for (String path : List.of("/api/status/", "//api/status", "/api/./status", "/api/x/../status",
				"/api/status;x=y", "/api/%73tatus", "/api/conversations", "/api/conversations/",
				"/api;x=y/chat/stream")) {
			check("path " + path, rawGet(path), 200, 400, 404, 405);
		}
		// The agent was never asked about a malformed id.
		for (FakeRequest request : agentRequests()) {
			String id = request.path().substring(request.path().lastIndexOf('/') + 1);
			if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}") && request.path().contains("/conversations/")) {
				this.findings.fail("the agent was asked for conversation '" + id + "'");
			}
		}
	}

	@Test
	void crossOriginRequestsAreRefused() {
		List<String> headers = List.of("Origin: http://evil.example", "Origin: null", "Origin: http://localhost.evil",
				"Origin: http://localhost:" + this.port + ".evil.example", "Origin: http://LOCALHOST:1",
				"Origin: javascript:alert(1)", "Origin: *", "Origin: ", "Origin: http://a b",
				"Origin: " + "x".repeat(7000), "Origin: http://evil.example\r\nOrigin: http://localhost:" + this.port,
				"Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site", "Sec-Fetch-Site: SAME-SITE",
				"Sec-Fetch-Site: garbage", "Sec-Fetch-Site: ",
				"Sec-Fetch-Site: cross-site\r\nOrigin: http://localhost:" + this.port,
				"Sec-Fetch-Site: same-origin, cross-site", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Site: same-origin");
		for (String header : headers) {
			Response response = raw()
				.send(("POST " + STREAM + " HTTP/1.1\r\n" + JSON_TYPE + "\r\nContent-Length: 16\r\n" + header)
					.getBytes(StandardCharsets.ISO_8859_1), "{\"message\":\"hi\"}".getBytes());
			check("cross-origin '" + abbreviate(header) + "'", response, 403);
			Response form = raw().send(
					("POST " + STREAM + " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
							+ "\r\nContent-Length: 10\r\n" + header)
						.getBytes(StandardCharsets.ISO_8859_1),
					"message=hi".getBytes());
			check("cross-origin form '" + abbreviate(header) + "'", form, 403);
		}
		assertThat(agent.requests("POST", "/api/v1/chat")).isEmpty();
	}

	@Test
	void malformedHttpIsRejectedWithoutInternals() {
		byte[] body = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
		String post = "POST " + STREAM + " HTTP/1.1\r\n" + JSON_TYPE;
		check("Content-Length larger than the body", raw().send(post + "\r\nContent-Length: 100", body), 400);
		check("Content-Length smaller than the body", raw().send(post + "\r\nContent-Length: 5", body), 400);
		check("negative Content-Length", raw().send(post + "\r\nContent-Length: -1", body), 400);
		check("Content-Length not a number", raw().send(post + "\r\nContent-Length: abc", body), 400);
		check("two Content-Lengths", raw().send(post + "\r\nContent-Length: 16\r\nContent-Length: 5", body), 400);
		check("bad chunk size",
				raw().send(post + "\r\nTransfer-Encoding: chunked", "zz\r\nabc\r\n0\r\n\r\n".getBytes()), 400);
		check("truncated chunk",
				raw().send(post + "\r\nTransfer-Encoding: chunked", "20\r\n{\"message\":\"hi\"}".getBytes()), 400);
		check("unknown transfer coding", raw().send(post + "\r\nTransfer-Encoding: gzip", body), 400);
		check("NUL in the request line", raw().send("GET /api/status\u0000 HTTP/1.1", new byte[0]), 400);
		check("NUL in a header", raw().send("GET /api/status HTTP/1.1\r\nX-A: a\u0000b", new byte[0]), 400);
		check("huge header", raw().send("GET /api/status HTTP/1.1\r\nX-A: " + "a".repeat(100_000), new byte[0]), 400);
		check("huge URL", raw().send("GET /api/conversations/" + "a".repeat(100_000) + " HTTP/1.1", new byte[0]), 400);
		check("HTTP/2.0 on HTTP/1", raw().send("GET /api/status HTTP/2.0", new byte[0]), 400);
		check("HTTP/1.1 without Host",
				raw().sendExactly("GET /api/status HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes()), 400);
		check("garbage", raw().sendExactly("\u0016\u0003\u0001\u0002\u0000garbage\r\n\r\n".getBytes()), 400);
		check("CONNECT", raw().send("CONNECT localhost:1 HTTP/1.1", new byte[0]), 400, 405);
		assertThat(agent.requests("POST", "/api/v1/chat")).isEmpty();
	}

	@Test
	void afterBadInputTheFrontendStillRelaysAnAnswer() throws Exception {
		post(STREAM, "application/json", "{\"message\":\"\\ud800\"}".getBytes());
		post(STREAM, "application/json", ("{\"message\":\"" + "x".repeat(100_000) + "\"}").getBytes());
		HttpResponse<String> response = send(request(STREAM).header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"How do I roll back?\"}")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("event:done").contains("world");
		assertThat(rawGet("/api/status").status()).isEqualTo(200);
	}

	private Response post(String path, String contentType, byte[] body) {
		String head = "POST " + path + " HTTP/1.1" + ((contentType != null) ? "\r\nContent-Type: " + contentType : "")
				+ "\r\nContent-Length: " + body.length;
		return raw().send(head.getBytes(StandardCharsets.UTF_8), body);
	}

	private Response rawGet(String path) {
		return raw().send("GET " + path + " HTTP/1.1", new byte[0]);
	}

	private Response rawGet(String path, String header) {
		return raw().send("GET " + path + " HTTP/1.1\r\n" + header, new byte[0]);
	}

	private List<FakeRequest> agentRequests() {
		return agent.requests().stream().map((request) -> new FakeRequest(request.method(), request.path())).toList();
	}

	/**
	 * Checks an answer: below 500, no internals, the expected status, and for a rejection
	 * a problem of that status.
	 */
	private void check(String label, Response response, int... expected) {
		if (!this.findings.checkStatus(label, response, expected)) {
			return;
		}
		this.findings.checkNoInternals(label, response, INTERNALS,
				(response.status() >= 400) ? response.toString() : errorEvents(response.text()));
		if (response.status() >= 400) {
			checkProblem(label, response);
		}
	}

	private static String errorEvents(String body) {
		StringBuilder errors = new StringBuilder();
		for (String frame : body.split("\n\n")) {
			if (frame.contains("event:error")) {
				errors.append(frame).append('\n');
			}
		}
		return errors.toString();
	}

	private void checkProblem(String label, Response response) {
		String contentType = String.valueOf(response.header("Content-Type"));
		if (!contentType.startsWith("application/problem+json")) {
			fail(label, "content type " + contentType, response);
		}
		JsonNode body;
		try {
			body = json(response.text());
		}
		catch (RuntimeException ex) {
			fail(label, "body is not JSON", response);
			return;
		}
		if (!BadInput.isProblem(body, response)) {
			fail(label, "not a problem of status " + response.status(), response);
		}
	}

	private void fail(String label, String reason, Response response) {
		this.findings.fail(label, reason, response);
	}

	private record FakeRequest(String method, String path) {

	}

}
