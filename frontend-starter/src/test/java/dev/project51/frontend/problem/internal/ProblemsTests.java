package dev.project51.frontend.problem.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import dev.project51.server.internal.http.ProblemJson;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Problems}: the frontend's refusals, as {@link ProblemJson} sends them.
 */
class ProblemsTests {

	@Test
	void writesAFilterRefusalAsBefore() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ProblemJson.write(response, Problems.of(ProblemType.INVALID_REQUEST, 400,
				"The request body is not valid UTF-8.", "/api/chat", "0af7651916cd43dd8448eb211c80319c"));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json;charset=UTF-8");
		assertThat(response.getHeader("Retry-After")).isNull();
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"https://project51.dev/problems/invalid-request\",\"title\":\"Invalid request\","
					+ "\"status\":400,\"detail\":\"The request body is not valid UTF-8.\",\"instance\":\"/api/chat\","
					+ "\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"}");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
	}

	@Test
	void writesARateLimitWithItsRetryAfterAsBefore() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ProblemJson.write(response,
				ProblemDetail.of(ProblemType.RATE_LIMITED, "Too many requests from this browser session.", "/api/chat")
					.withRetryAfterSeconds(7));
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("7");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":\"https://project51.dev/problems/rate-limited\",\"title\":\"Too many requests\","
					+ "\"status\":429,\"detail\":\"Too many requests from this browser session.\","
					+ "\"instance\":\"/api/chat\",\"retryAfterSeconds\":7}");
	}

	@Test
	void frontendTypesShareTheContractsPrefix() {
		assertThat(List.of(FrontendProblemTypes.CROSS_ORIGIN_REQUEST, FrontendProblemTypes.AGENT_UNREACHABLE,
				FrontendProblemTypes.AGENT_REFUSED_CREDENTIALS, FrontendProblemTypes.AGENT_PROTOCOL))
			.containsExactly("https://project51.dev/problems/cross-origin-request",
					"https://project51.dev/problems/agent-unreachable",
					"https://project51.dev/problems/agent-refused-credentials",
					"https://project51.dev/problems/agent-protocol")
			.allSatisfy((uri) -> assertThat(ProblemType.fromUri(uri)).as("not a contract type").isNull());
	}

}
