package dev.project51.server.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProblemJson}: the body the controllers' Jackson writes, safe to reflect.
 */
class ProblemJsonTests {

	@Test
	void writesWhatTheControllersJacksonWritesForPlainText() {
		ProblemDetail problem = ProblemDetail.of(ProblemType.INVALID_REQUEST, "The message is empty.", "/api/chat")
			.withErrors(List.of(new ProblemDetail.FieldError("message", "must not be blank")))
			.withRetryAfterSeconds(3)
			.withTraceId("0af7651916cd43dd8448eb211c80319c");
		assertThat(ProblemJson.body(problem)).isEqualTo(JsonMapper.shared().writeValueAsString(problem));
	}

	@Test
	void leavesOutEmptyFields() {
		ProblemDetail problem = new ProblemDetail(ProblemType.PAYLOAD_TOO_LARGE.uri(), "Payload too large", 413,
				"Too large.", null, null, null);
		assertThat(ProblemJson.body(problem))
			.isEqualTo("{\"type\":\"https://project51.dev/problems/payload-too-large\",\"title\":\"Payload too large\","
					+ "\"status\":413,\"detail\":\"Too large.\"}");
	}

	@Test
	void escapesWhatABrowserCouldTakeForMarkupAndReadsBackTheSame() {
		String detail = "a\"b\\c\n<script>alert('&')</script>\u2028\u2029é";
		ProblemDetail problem = ProblemDetail.of(ProblemType.INVALID_REQUEST, detail, "/api/<x>");
		String body = ProblemJson.body(problem);
		assertThat(body).doesNotContain("<", ">", "&", "\u2028", "\u2029")
			.contains("\"detail\":\"a\\\"b\\\\c\\n\\u003Cscript\\u003Ealert('\\u0026')\\u003C/script\\u003E"
					+ "\\u2028\\u2029é\"");
		assertThat(JsonMapper.shared().readValue(body, ProblemDetail.class)).isEqualTo(problem);
	}

	@Test
	void writesTheWholeAnswerInPlaceOfWhatWasBuffered() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getOutputStream().write("half an answer".getBytes(StandardCharsets.UTF_8));
		ProblemDetail problem = ProblemDetail.of(ProblemType.RATE_LIMITED, "Too many requests.", "/api/chat")
			.withRetryAfterSeconds(7);
		ProblemJson.write(response, problem);
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("7");
		assertThat(response.getContentType()).isEqualTo("application/problem+json;charset=UTF-8");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(ProblemJson.body(problem));
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
		assertThat(response.isCommitted()).isTrue();
	}

	@Test
	void sendsNothingOnceTheAnswerIsCommitted() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(200);
		response.getOutputStream().write("data: token\n\n".getBytes(StandardCharsets.UTF_8));
		response.flushBuffer();
		ProblemJson.write(response,
				ProblemDetail.of(ProblemType.INTERNAL, "The server failed unexpectedly.", "/api/chat"));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("data: token\n\n");
	}

	@Test
	void sendsAnAnswerOfTheServersOwnShapeWithItsHeadersEvenWhenTheWriterIsInUse() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getWriter().write("half an answer");
		byte[] body = "{\"error\":{\"message\":\"Slow down.\"}}".getBytes(StandardCharsets.UTF_8);
		ProblemJson.send(response, 429, Map.of("Retry-After", "3"), "application/json", body);
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("3");
		assertThat(response.getContentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(response.getContentAsByteArray()).isEqualTo(body);
		assertThat(response.isCommitted()).isTrue();
	}

}
