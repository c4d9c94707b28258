package dev.project51.frontend.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.project51.frontend.support.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend without the deployment's token shows only health and its groups on its
 * actuator: every other endpoint is closed, also the ones it exposes ({@code prometheus})
 * and a health component's own path, as on the agent.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "project51.agent.enabled=false", "project51.frontend.agent.base-url=http://127.0.0.1:9",
				"management.endpoints.web.exposure.include=health,prometheus,info,env" })
class ActuatorWithoutTokenTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void onlyHealthAnswersWithoutAToken() throws IOException, InterruptedException {
		for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/env",
				"/actuator/nope", "/actuator/health/diskSpace")) {
			HttpResponse<String> closed = get(path);
			assertThat(closed.statusCode()).as(path).isEqualTo(401);
			assertThat(closed.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(closed.body()).as(path).doesNotContain("jvm_", "_links", "propertySources");
		}
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(200);
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
