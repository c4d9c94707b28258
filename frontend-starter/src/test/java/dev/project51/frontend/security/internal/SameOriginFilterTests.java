package dev.project51.frontend.security.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SameOriginFilter}.
 */
class SameOriginFilterTests {

	private final SameOriginFilter filter = new SameOriginFilter(List.of("https://chat.example.com"), 1000);

	@Test
	void letsSafeMethodsThroughWhateverTheirOrigin() throws Exception {
		assertThat(filter(request("GET", "Sec-Fetch-Site", "cross-site")).getStatus()).isEqualTo(200);
	}

	@Test
	void acceptsSameOriginFetchMetadata() throws Exception {
		assertThat(filterPasses(post("Sec-Fetch-Site", "same-origin", "Origin", "https://some-other-name.example")))
			.isTrue();
	}

	@Test
	void refusesSameSiteAndCrossSiteFetchMetadata() throws Exception {
		for (String site : List.of("same-site", "cross-site")) {
			MockHttpServletResponse response = filter(json("POST", "Sec-Fetch-Site", site));
			assertThat(response.getStatus()).as(site).isEqualTo(403);
			assertThat(response.getContentType()).startsWith("application/problem+json");
			assertThat(response.getContentAsString()).contains("cross-origin-request").contains(site);
		}
	}

	@Test
	void acceptsAConfiguredOriginEvenAcrossSites() throws Exception {
		assertThat(filterPasses(post("Sec-Fetch-Site", "cross-site", "Origin", "https://CHAT.example.com:443")))
			.isTrue();
	}

	@Test
	void withoutFetchMetadataAcceptsTheRequestsOwnOrigin() throws Exception {
		assertThat(filterPasses(post("Origin", "http://localhost:8080"))).isTrue();
	}

	@Test
	void withoutFetchMetadataAcceptsTheHostBehindATlsProxy() throws Exception {
		assertThat(filterPasses(post("Host", "chat.internal.example:443", "Origin", "https://chat.internal.example")))
			.isTrue();
	}

	@Test
	void withoutFetchMetadataRefusesAForeignOrigin() throws Exception {
		assertThat(filter(json("DELETE", "Origin", "https://evil.example")).getStatus()).isEqualTo(403);
	}

	@Test
	void refusesAnOpaqueOrigin() throws Exception {
		assertThat(filter(json("POST", "Origin", "null")).getStatus()).isEqualTo(403);
	}

	@Test
	void letsClientsThatAreNotBrowsersThrough() throws Exception {
		assertThat(filterPasses(json("POST"))).isTrue();
	}

	@Test
	void refusesAnOversizedBody() throws Exception {
		MockHttpServletRequest request = json("POST");
		request.setContent(new byte[1001]);
		MockHttpServletResponse response = filter(request);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString())
			.contains("The request body is larger than 1000 bytes; send a shorter message.");
	}

	@Test
	void refusesABodyThatIsNotJson() throws Exception {
		MockHttpServletRequest request = request("POST");
		request.setContentType("text/plain");
		request.setContent("{\"message\":\"hi\"}".getBytes());
		assertThat(filter(request).getStatus()).isEqualTo(415);
	}

	@Test
	void acceptsJsonWithACharset() throws Exception {
		MockHttpServletRequest request = json("POST");
		request.setContentType("application/json;charset=UTF-8");
		assertThat(filterPasses(request)).isTrue();
	}

	@Test
	void refusesAConfiguredValueThatIsNotAnOrigin() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SameOriginFilter(List.of("chat.example.com"), 10))
			.withMessageContaining("chat.example.com");
	}

	/** A JSON POST with the given headers: a name, its value, the next name... */
	private static MockHttpServletRequest post(String... headers) {
		return json("POST", headers);
	}

	private boolean filterPasses(MockHttpServletRequest request) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, new MockHttpServletResponse(), chain);
		return chain.getRequest() != null;
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	@Test
	void aSameOriginRequestWithoutBodyNeedsNoContentTypeButAChunkedOneDoes() throws Exception {
		assertThat(filterPasses(request("DELETE", "Sec-Fetch-Site", "same-origin"))).isTrue();
		assertThat(filter(request("POST", "Sec-Fetch-Site", "same-origin", "Transfer-Encoding", "chunked")).getStatus())
			.isEqualTo(415);
	}

	private static MockHttpServletRequest json(String method, String... headers) {
		MockHttpServletRequest request = request(method, headers);
		request.setContentType("application/json");
		request.setContent("{\"message\":\"hi\"}".getBytes());
		return request;
	}

	/**
	 * A request to the chat stream with the given headers: a name, its value, the next
	 * name...
	 */
	private static MockHttpServletRequest request(String method, String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/chat/stream");
		request.setScheme("http");
		request.setServerName("localhost");
		request.setServerPort(8080);
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return request;
	}

}
