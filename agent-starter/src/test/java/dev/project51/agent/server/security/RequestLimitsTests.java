package dev.project51.agent.server.security;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.project51.agent.contract.AgentApi;
import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-client rate limit over real HTTP: 429 with {@code Retry-After} on both APIs,
 * never on the health probes.
 */
class RequestLimitsTests {

	static final String TOKEN = "limits-token-4e1d";

	@TempDir
	static Path untrustedData;

	/** An agent without a token: anyone may name an end user there. */
	static AgentApp untrusted;

	@TempDir
	Path data;

	/**
	 * An agent with a token, one per test: a test that spends this address's budget
	 * leaves nothing for the next (it refills at one request a minute).
	 */
	AgentApp app;

	Http http;

	@BeforeAll
	static void startUntrusted() {
		untrusted = AgentApp.start(untrustedData, List.of(),
				"project51.agent.knowledge.locations=classpath*:test-knowledge/*.md",
				"project51.agent.limits.rate-limit.requests-per-minute=1", "project51.agent.limits.rate-limit.burst=3",
				"project51.agent.limits.rate-limit.user-requests-per-minute=1",
				"project51.agent.limits.rate-limit.user-burst=2");
	}

	@AfterAll
	static void stopUntrusted() {
		untrusted.close();
	}

	@BeforeEach
	void start() {
		this.app = AgentApp.start(this.data, List.of(),
				"project51.agent.knowledge.locations=classpath*:test-knowledge/*.md",
				"project51.agent.limits.rate-limit.requests-per-minute=1", "project51.agent.limits.rate-limit.burst=3",
				"project51.agent.limits.rate-limit.user-requests-per-minute=1",
				"project51.agent.limits.rate-limit.user-burst=2", "project51.agent.api-token=" + TOKEN);
		this.http = new Http(this.app.baseUrl(), TOKEN);
	}

	@AfterEach
	void stop() {
		this.app.close();
	}

	@Test
	void rateLimitsEachClientWithRetryAfter() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.get("/api/v1/models").statusCode()).isEqualTo(200);
		}
		HttpResponse<String> limited = this.http.postJson("/api/v1/chat", "{\"message\":\"hi\"}");
		assertThat(limited.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		JsonNode problem = ContractSchemas.assertValid("ProblemDetail", limited.body());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.RATE_LIMITED.uri());
		assertThat(problem.path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);

		HttpResponse<String> openAi = this.http.get("/v1/models");
		assertThat(openAi.statusCode()).isEqualTo(429);
		assertThat(openAi.headers().firstValue("Retry-After")).isPresent();
		assertThat(JsonMapper.shared().readTree(openAi.body()).path("error").path("code").asString())
			.isEqualTo("rate_limit_exceeded");

		for (int i = 0; i < 5; i++) {
			assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aCallerThatNamesItsEndUsersIsLimitedPerEndUserNotPerAddress() {
		// The address spends its budget here: end users of a caller holding the token do
		// not share it.
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.get("/api/v1/models").statusCode()).isEqualTo(200);
		}
		assertThat(this.http.get("/api/v1/models").statusCode()).isEqualTo(429);
		for (String user : List.of("s-alice", "s-bob")) {
			for (int i = 0; i < 2; i++) {
				assertThat(asUser(user, "/api/v1/conversations").statusCode()).as(user + " request " + i)
					.isEqualTo(200);
			}
		}
		HttpResponse<String> limited = asUser("s-alice", "/api/v1/conversations");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(JsonMapper.shared().readTree(limited.body()).path("detail").asString()).contains("end user");
		HttpResponse<String> malformed = asUser("s alice", "/api/v1/conversations");
		assertThat(malformed.statusCode()).isEqualTo(400);
	}

	@Test
	void withoutATokenANewEndUserPerRequestStillTakesTheAddressBudget() {
		Http anyone = new Http(untrusted.baseUrl(), null);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			statuses.add(
					anyone
						.send(anyone.request("/api/v1/conversations")
							.header(AgentApi.END_USER_HEADER, "s-new-" + i)
							.GET()
							.build())
						.statusCode());
		}
		assertThat(statuses).containsExactly(200, 200, 200, 429);
	}

	private HttpResponse<String> asUser(String user, String path) {
		return this.http.send(this.http.request(path).header(AgentApi.END_USER_HEADER, user).GET().build());
	}

}
