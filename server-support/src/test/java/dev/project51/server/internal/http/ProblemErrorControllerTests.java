package dev.project51.server.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProblemErrorController}: the server's problem for the error's real status.
 */
class ProblemErrorControllerTests {

	private final List<Integer> statuses = new ArrayList<>();

	private final ProblemErrorController controller = new ProblemErrorController(new ProblemAnswers() {

		@Override
		public ProblemDetail forStatus(HttpServletRequest request, int status) {
			ProblemErrorControllerTests.this.statuses.add(status);
			return ProblemDetail.of(ProblemType.forStatus(status), "status " + status, RequestPaths.uri(request));
		}

		@Override
		public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
				throws IOException {
			ProblemJson.write(response, problem);
		}

	});

	@Test
	void answersAnErrorDispatchWithTheProblemOfItsStatus() throws Exception {
		MockHttpServletResponse response = error(413, "/api/chat");
		assertThat(this.statuses).containsExactly(413);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString())
			.contains("\"type\":\"https://project51.dev/problems/payload-too-large\"")
			.contains("\"instance\":\"/api/chat\"");
	}

	@Test
	void anErrorWithoutAnErrorStatusIsA500() throws Exception {
		error(200, "/api/chat");
		assertThat(this.statuses).containsExactly(500);
	}

	@Test
	void aRequestForTheErrorPageItselfIsA404() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.controller.error(new MockHttpServletRequest("GET", "/error"), response);
		assertThat(this.statuses).containsExactly(404);
		assertThat(response.getContentAsString()).contains("\"instance\":\"/error\"");
	}

	private MockHttpServletResponse error(int status, String uri) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.controller.error(request, response);
		return response;
	}

}
