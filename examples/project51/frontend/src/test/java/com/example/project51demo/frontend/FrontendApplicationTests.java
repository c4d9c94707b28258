package com.example.project51demo.frontend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page loads and the frontend stays ready while the agent is away (here: nothing listens on its port), so users
 * see an explanation instead of an error; the agent token never reaches the browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.frontend.agent.base-url=http://127.0.0.1:9", "AGENT_API_TOKEN=secret-test-token" })
class FrontendApplicationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void chatPageLoadsWithAStrictContentSecurityPolicy() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("project51-demo").doesNotContain("secret-test-token");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
					.doesNotContain("unsafe-inline", "unsafe-eval"));
	}

	@Test
	void staysReadyWhileTheAgentIsDown() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
