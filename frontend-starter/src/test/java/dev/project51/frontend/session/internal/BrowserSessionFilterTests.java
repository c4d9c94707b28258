package dev.project51.frontend.session.internal;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie's attributes over HTTP and HTTPS, and what a request keeps.
 */
class BrowserSessionFilterTests {

	private final BrowserSessionFilter filter = new BrowserSessionFilter("project51_session", Duration.ofDays(30));

	@Test
	void overHttpsTheCookieIsSecureWithTheHostPrefix() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setSecure(true);
		MockHttpServletResponse response = filter(request);
		String setCookie = response.getHeader("Set-Cookie");
		assertThat(setCookie).startsWith("__Host-project51_session=")
			.contains("; Path=/")
			.contains("; Secure")
			.contains("; HttpOnly")
			.contains("; SameSite=Strict")
			.contains("; Max-Age=2592000");
		assertThat(BrowserSession.of(request).endUser()).matches("s-[A-Za-z0-9_-]{43}");
	}

	@Test
	void aWellFormedCookieKeepsItsSessionAndOnlyThePageRenewsIt() throws Exception {
		String id = "Q".repeat(43);
		MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/conversations");
		api.setCookies(new Cookie("project51_session", id));
		MockHttpServletResponse apiResponse = filter(api);
		assertThat(apiResponse.getHeader("Set-Cookie")).isNull();
		assertThat(BrowserSession.of(api).id()).isEqualTo(id);

		MockHttpServletRequest page = new MockHttpServletRequest("GET", "/");
		page.setCookies(new Cookie("project51_session", id));
		assertThat(filter(page).getHeader("Set-Cookie")).startsWith("project51_session=" + id + ";");
		assertThat(BrowserSession.of(page).endUser()).isEqualTo(BrowserSession.of(api).endUser());
	}

	@Test
	void aMalformedOrForeignPrefixedCookieStartsANewSession() throws Exception {
		for (Cookie cookie : new Cookie[] { new Cookie("project51_session", "short"),
				new Cookie("project51_session", "Q".repeat(42) + "!"),
				new Cookie("__Host-project51_session", "Q".repeat(43)) }) {
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/chat/stream");
			request.setCookies(cookie);
			MockHttpServletResponse response = filter(request);
			assertThat(response.getHeader("Set-Cookie")).as(cookie.getName() + "=" + cookie.getValue())
				.startsWith("project51_session=");
			assertThat(BrowserSession.of(request).id()).isNotEqualTo(cookie.getValue());
		}
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
