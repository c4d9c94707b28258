package dev.project51.frontend.session.internal;

import java.time.Duration;
import java.util.Set;

import dev.project51.server.internal.observability.TraceIds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request over a budget: the 429 problem, like every problem of the frontend, carries
 * the request's trace id.
 */
class RateLimitFilterTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final RateLimitFilter filter = new RateLimitFilter(
			new RateLimitFilter.Limits(Duration.ofMinutes(1), 1, 1, 100, 100), "/api/chat/stream", Set.of());

	@Test
	void aRequestOverItsSessionsBudgetIsA429WithRetryAfterAndTheTraceId() throws Exception {
		assertThat(send().getStatus()).isEqualTo(200);
		MockHttpServletResponse limited = send();
		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 60L);
		JsonNode problem = JsonMapper.shared().readTree(limited.getContentAsString());
		assertThat(problem.path("type").asString()).isEqualTo("https://project51.dev/problems/rate-limited");
		assertThat(problem.path("detail").asString()).contains("this browser");
		assertThat(problem.path("traceId").asString()).isEqualTo(TRACE_ID);
	}

	private MockHttpServletResponse send() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/conversations");
		request.setAttribute(BrowserSession.ATTRIBUTE, BrowserSession.of("Q".repeat(43)));
		request.setAttribute(TraceIds.ATTRIBUTE, TRACE_ID);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
