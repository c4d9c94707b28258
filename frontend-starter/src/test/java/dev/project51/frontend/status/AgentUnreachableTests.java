package dev.project51.frontend.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.sse.SseEvents.Event;
import dev.project51.testsupport.sse.SseEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no agent at all, the frontend still serves its page, stays ready and explains the
 * outage everywhere.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.frontend.status.cache-ttl=0s", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-components=always" })
class AgentUnreachableTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void agentProperties(DynamicPropertyRegistry registry) {
		registry.add("project51.frontend.agent.base-url", () -> "http://127.0.0.1:" + FreePorts.one());
	}

	@Test
	void pageStillLoads() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"status\"");
	}

	@Test
	void statusSaysUnavailable() throws Exception {
		HttpResponse<String> response = get("/api/status");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode status = json.readTree(response.body());
		assertThat(status.get("state").asString()).isEqualTo("unavailable");
		assertThat(status.get("detail").asString()).isEqualTo("The assistant can't be reached right now.");
	}

	@Test
	void readinessAndLivenessStayUp() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(json.readTree(health.body()).get("components").get("agent").get("status").asString())
			.isEqualTo("UNAVAILABLE");
	}

	@Test
	void aMessageEndsWithAnErrorEventThatExplainsTheOutage() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/chat/stream"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Hello?\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<Event> events = SseEvents.readAll(new java.io.ByteArrayInputStream(response.body().getBytes()));
		assertThat(events).extracting(Event::name).containsExactly("error");
		JsonNode problem = json.readTree(events.get(0).data()).get("problem");
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("detail").asString()).contains("can't be reached").contains("reconnects by itself");
		assertThat(problem.toString()).doesNotContain("127.0.0.1");
	}

	@Test
	void historyAnswersServiceUnavailable() throws Exception {
		HttpResponse<String> response = get("/api/conversations/c-1");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
