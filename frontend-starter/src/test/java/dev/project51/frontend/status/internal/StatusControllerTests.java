package dev.project51.frontend.status.internal;

import java.net.http.HttpResponse;
import java.util.List;

import dev.project51.agent.contract.CircuitState;
import dev.project51.agent.contract.ModelStatus;
import dev.project51.frontend.support.FrontendHttpTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code GET /api/status} and of the {@code agent} health component, against a
 * fake agent.
 */
class StatusControllerTests extends FrontendHttpTestSupport {

	@Test
	void reportsAHealthyAgentWithItsPreferredModel() throws Exception {
		HttpResponse<String> response = get("/api/status");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode status = json(response.body());
		assertThat(status.get("state").asString()).isEqualTo("healthy");
		assertThat(status.get("model").asString()).isEqualTo("gpt-test");
		assertThat(status.get("checkedAt").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain(TOKEN).doesNotContain(agent.baseUrl().toString());
	}

	@Test
	void reportsADegradedAgentWithTheFallbackInUse() throws Exception {
		agent.models(List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, "HTTP 500", 10, 6),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 4, 0)));
		JsonNode status = json(get("/api/status").body());
		assertThat(status.get("state").asString()).isEqualTo("degraded");
		assertThat(status.get("model").asString()).isEqualTo("local");
		assertThat(status.get("detail").asString()).contains("gpt-test is failing").contains("local answers");
	}

	@Test
	void reportsADegradedAgentWhileThePreferredModelFailsWithItsCircuitClosed() throws Exception {
		agent.models(List.of(
				new ModelStatus("gpt-test", "openai", CircuitState.CLOSED, "no first token within 8 s", 4, 1, true),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 1, 0)));
		JsonNode status = json(get("/api/status").body());
		assertThat(status.get("state").asString()).isEqualTo("degraded");
		assertThat(status.get("model").asString()).isEqualTo("local");
		assertThat(status.get("detail").asString()).isEqualTo(
				"gpt-test is failing (no first token within 8 s), so local answers in its place until it recovers.");
	}

	@Test
	void reportsAnAgentWithoutAnyReadyModelAsUnavailable() throws Exception {
		agent.readiness("DOWN");
		JsonNode status = json(get("/api/status").body());
		assertThat(status.get("state").asString()).isEqualTo("unavailable");
		assertThat(status.has("model")).isFalse();
		assertThat(status.get("detail").asString()).contains("none of its models can answer");
	}

	@Test
	void reportsRefusedCredentialsAsUnavailableWithoutDetails() throws Exception {
		agent.requireToken("the-agent-wants-another-token");
		JsonNode status = json(get("/api/status").body());
		assertThat(status.get("state").asString()).isEqualTo("unavailable");
		assertThat(status.get("detail").asString()).contains("refused this site's credentials");
		assertThat(status.toString()).doesNotContain("the-agent-wants-another-token").doesNotContain(TOKEN);
	}

	@Test
	void readinessStaysUpWhileTheAgentIsDown() throws Exception {
		agent.readiness("DOWN");
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(json(readiness.body()).get("status").asString()).isEqualTo("UP");
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(json(liveness.body()).get("status").asString()).isEqualTo("UP");
	}

	@Test
	void healthShowsTheAgentAsASeparateComponentThatDoesNotTurnTheFrontendDown() throws Exception {
		agent.readiness("DOWN");
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		JsonNode body = json(health.body());
		assertThat(body.get("status").asString()).isEqualTo("UP");
		JsonNode component = body.get("components").get("agent");
		assertThat(component.get("status").asString()).isEqualTo("UNAVAILABLE");
		assertThat(component.get("details").get("state").asString()).isEqualTo("unavailable");
		assertThat(health.body()).doesNotContain(TOKEN);
	}

	@Test
	void healthShowsTheModelInUse() throws Exception {
		agent.models(List.of(new ModelStatus("gpt-test", "openai", CircuitState.OPEN, "HTTP 500", 10, 6),
				new ModelStatus("local", "local", CircuitState.CLOSED, null, 4, 0)));
		JsonNode component = json(get("/actuator/health").body()).get("components").get("agent");
		assertThat(component.get("status").asString()).isEqualTo("UP");
		assertThat(component.get("details").get("state").asString()).isEqualTo("degraded");
		assertThat(component.get("details").get("model").asString()).isEqualTo("local");
	}

}
