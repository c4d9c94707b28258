package dev.project51.frontend.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.frontend.support.FakeAgents;
import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.agent.FakeAgent;
import dev.project51.testsupport.agent.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every browser gets a session cookie (HttpOnly, SameSite=Strict), the agent sees an
 * opaque end user derived from it, and the frontend limits requests and messages per
 * session and per address with Retry-After, before the agent is called.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.frontend.rate-limit.period=1m", "project51.frontend.rate-limit.session-requests=6",
				"project51.frontend.rate-limit.session-messages=2", "project51.frontend.rate-limit.address-requests=9",
				"project51.frontend.rate-limit.address-messages=100",
				// Each test comes from its own address, as a browser behind a proxy.
				"server.forward-headers-strategy=native" })
class SessionAndRateLimitTests {

	static final FakeAgent agent = FakeAgents.start();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	int port;

	String address;

	@DynamicPropertySource
	static void agentProperties(DynamicPropertyRegistry registry) {
		registry.add("project51.frontend.agent.base-url", () -> agent.baseUrl().toString());
	}

	@AfterAll
	static void stopAgent() {
		agent.close();
	}

	@Test
	void eachBrowserGetsAnHttpOnlyStrictSessionAndTheAgentAnOpaqueUserDerivedFromIt() throws Exception {
		this.address = "203.0.113.1";
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/")).GET(), null);
		String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(setCookie).startsWith("project51_session=")
			.contains("HttpOnly")
			.contains("SameSite=Strict")
			.contains("Path=/")
			.contains("Max-Age=")
			.doesNotContain("Secure");
		String cookie = setCookie.substring(0, setCookie.indexOf(';'));
		String id = cookie.substring(cookie.indexOf('=') + 1);
		assertThat(id).matches("[A-Za-z0-9_-]{43}");
		HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/api/conversations")).GET(), cookie);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Set-Cookie")).as("kept session").isEmpty();
		String endUser = lastEndUser();
		assertThat(endUser).matches("s-[A-Za-z0-9_-]{43}").doesNotContain(id);
		send(HttpRequest.newBuilder(uri("/api/conversations")).GET(), cookie);
		assertThat(lastEndUser()).isEqualTo(endUser);
		send(HttpRequest.newBuilder(uri("/api/conversations")).GET(), "project51_session=forged");
		assertThat(lastEndUser()).as("a malformed cookie gets a new session").isNotEqualTo(endUser);
	}

	@Test
	void messagesAndRequestsOverTheSessionsOrTheAddressBudgetAre429WithRetryAfterAndNeverReachTheAgent()
			throws Exception {
		this.address = "203.0.113.2";
		String cookie = "project51_session=" + "a".repeat(43);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(send(HttpRequest.newBuilder(uri("/api/chat/stream"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")), cookie).statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 429);
		int streamsAtTheAgent = agent.requests("POST", AgentApi.CHAT_STREAM_PATH).size();
		HttpResponse<String> limited = send(HttpRequest.newBuilder(uri("/api/chat/stream"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")), cookie);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		JsonNode problem = JsonMapper.shared().readTree(limited.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://project51.dev/problems/rate-limited");
		assertThat(problem.path("detail").asString()).contains("this browser");
		assertThat(agent.requests("POST", AgentApi.CHAT_STREAM_PATH)).hasSize(streamsAtTheAgent);
		// Another browser at the same address still has its own budget, until the
		// address's is spent.
		String other = "project51_session=" + "b".repeat(43);
		int ok = 0;
		int refused = 0;
		for (int i = 0; i < 8; i++) {
			int status = send(HttpRequest.newBuilder(uri("/api/conversations")).GET(), other).statusCode();
			ok += (status == 200) ? 1 : 0;
			refused += (status == 429) ? 1 : 0;
		}
		assertThat(ok).isBetween(1, 6);
		assertThat(ok + refused).isEqualTo(8);
	}

	private static String lastEndUser() {
		List<RecordedRequest> lists = agent.requests("GET", AgentApi.CONVERSATION_LIST_PATH);
		return lists.get(lists.size() - 1).header(AgentApi.END_USER_HEADER);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String cookie) throws Exception {
		request.header("X-Forwarded-For", this.address);
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
