package dev.project51.server.internal.observability;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceIds}: a request's trace id, and the problems that carry it.
 */
class TraceIdsTests {

	private final ProblemDetail problem = ProblemDetail.of(ProblemType.INTERNAL, "It failed.", "/api/chat");

	@Test
	void aProblemGetsTheRequestsTraceIdUnlessItHasOneAlready() {
		assertThat(TraceIds.onto(this.problem, "4bf92f3577b34da6a3ce929d0e0e4736").traceId())
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		ProblemDetail traced = this.problem.withTraceId("00f067aa0ba902b7");
		assertThat(TraceIds.onto(traced, "4bf92f3577b34da6a3ce929d0e0e4736")).isSameAs(traced);
		assertThat(TraceIds.onto(this.problem, null)).isSameAs(this.problem);
	}

	@Test
	void aRequestsTraceIdIsTheOneTheFilterFound() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(TraceIds.of(request)).isNull();
		request.setAttribute(TraceIds.ATTRIBUTE, "4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(TraceIds.of(request)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(TraceIds.of(null)).isNull();
	}

}
