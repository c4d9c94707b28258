package dev.project51.agent.server.security;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

	@TempDir
	static Path data;

	static AgentApp app;

	static Http http;

	@BeforeAll
	static void start() {
		app = AgentApp.start(data, List.of(), "project51.agent.knowledge.locations=classpath*:test-knowledge/*.md",
				"project51.agent.limits.rate-limit.requests-per-minute=1", "project51.agent.limits.rate-limit.burst=3");
		http = new Http(app.baseUrl(), null);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void rateLimitsEachClientWithRetryAfter() {
		for (int i = 0; i < 3; i++) {
			assertThat(http.get("/api/v1/models").statusCode()).isEqualTo(200);
		}
		HttpResponse<String> limited = http.postJson("/api/v1/chat", "{\"message\":\"hi\"}");
		assertThat(limited.statusCode()).isEqualTo(429);
		long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		JsonNode problem = ContractSchemas.assertValid("ProblemDetail", limited.body());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemType.RATE_LIMITED.uri());
		assertThat(problem.path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);

		HttpResponse<String> openAi = http.get("/v1/models");
		assertThat(openAi.statusCode()).isEqualTo(429);
		assertThat(openAi.headers().firstValue("Retry-After")).isPresent();
		assertThat(JsonMapper.shared().readTree(openAi.body()).path("error").path("code").asString())
			.isEqualTo("rate_limit_exceeded");

		for (int i = 0; i < 5; i++) {
			assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

}
