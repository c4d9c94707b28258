package dev.project51.staticchecks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.project51.staticchecks.agent.FuzzedAgentApplication;
import dev.project51.testsupport.tools.Command;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * schemathesis against an agent built from the starter with its defaults (offline, the
 * local model), fuzzing both HTTP APIs, the agent API ({@code /api/v1}) and the
 * OpenAI-compatible one ({@code /v1}), with the OpenAPI document the agent serves: the
 * schema's examples, the coverage phase (boundary and invalid values), random fuzzing and
 * stateful sequences along the document's links (a chat, then its conversation read and
 * deleted; the model list, then a model). No response may be a server error or violate
 * the document (status, content type, headers, body). The actuator's health endpoints are
 * Spring Boot's and not fuzzed.
 */
class SchemathesisIT {

	private static final String TOKEN = "schemathesis-token";

	private static final String CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,"
			+ "response_headers_conformance,response_schema_conformance";

	private static final String MAX_EXAMPLES = System.getProperty("project51.schemathesis.maxExamples", "100");

	private static final String SEED = System.getProperty("project51.schemathesis.seed", "51");

	@Test
	void theAgentsApisAnswerAsTheirOpenApiDocumentSays() throws IOException, InterruptedException {
		Path schemathesis = Tools.schemathesis();
		Path work = Repository.workDirectory("schemathesis");
		try (ConfigurableApplicationContext agent = new SpringApplicationBuilder(FuzzedAgentApplication.class)
			.properties("server.port=0", "project51.agent.api-token=" + TOKEN,
					"project51.agent.memory.path=" + work.resolve("agent-db"), "project51.agent.local.token-delay=0ms",
					// thousands of requests from one address and one user in a minute
					"project51.agent.limits.rate-limit.burst=1000000",
					"project51.agent.limits.rate-limit.user-burst=1000000", "spring.main.banner-mode=off",
					"logging.level.root=WARN")
			.run()) {
			String baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) agent).getWebServer().getPort();
			HttpResponse<String> document = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/openapi.json"))
					.header("Authorization", "Bearer " + TOKEN)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
			assertThat(document.body()).contains("\"/api/v1/chat\"", "\"/v1/chat/completions\"",
					"\"/v1/models/{model}\"");
			Path openapi = work.resolve("openapi.json");
			Files.writeString(openapi, document.body());
			// One worker: Python 3.11's compiler can fail when schemathesis builds
			// strategies in
			// two threads at once ("AST constructor recursion depth mismatch").
			Command.Result result = Command
				.of(schemathesis.toString(), "run", openapi.toString(), "--url", baseUrl, "--header",
						"Authorization: Bearer " + TOKEN, "--checks", CHECKS, "--phases",
						"examples,coverage,fuzzing,stateful", "--max-examples", MAX_EXAMPLES, "--workers", "1",
						"--seed", SEED, "--exclude-path-regex", "^/actuator/", "--no-color", "--report", "junit",
						"--report-dir", work.resolve("report").toString())
				.in(work)
				.timeout(Duration.ofMinutes(10))
				.run();
			assertThat(result.exitCode()).as(result.describe()).isZero();
			assertThat(result.output()).as(result.describe())
				.contains("Stateful")
				.doesNotContain("failed")
				.doesNotContain("Runtime Error")
				.containsPattern("\\d+ generated, \\d+ passed");
		}
	}

}
