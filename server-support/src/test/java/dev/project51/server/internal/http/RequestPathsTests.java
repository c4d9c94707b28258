package dev.project51.server.internal.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestPaths}: the path and URI of a request, the same in its error dispatch.
 */
class RequestPathsTests {

	@Test
	void theUriIsTheRequestsOwnOutsideAnErrorDispatch() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/models");
		assertThat(RequestPaths.uri(request)).isEqualTo("/api/v1/models");
	}

	@Test
	void anErrorDispatchKeepsTheUriAndPathOfTheRequestThatFailed() {
		MockHttpServletRequest failed = new MockHttpServletRequest("POST", "/api/chat");
		failed.setServletPath("/api/chat");
		RequestPaths.remember(failed);
		failed.setDispatcherType(DispatcherType.ERROR);
		failed.setRequestURI("/error");
		failed.setServletPath("/error");
		failed.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/chat");
		assertThat(RequestPaths.uri(failed)).isEqualTo("/api/chat");
		assertThat(RequestPaths.of(failed)).isEqualTo("/api/chat");
	}

	@Test
	void anErrorTheContainerRaisedBeforeAnyFilterKeepsTheForwardedPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("TRACE", "/error");
		request.setServletPath("/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.FORWARD_SERVLET_PATH, "/api");
		request.setAttribute(RequestDispatcher.FORWARD_PATH_INFO, "/v1/models");
		assertThat(RequestPaths.of(request)).isEqualTo("/api/v1/models");
	}

}
