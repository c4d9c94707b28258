package dev.project51.frontend.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.project51.agent.server.testsupport.SpanCapture;
import dev.project51.frontend.support.AgentAndFrontend;
import dev.project51.frontend.support.TestApplication;
import dev.project51.testsupport.net.FreePorts;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Protocol;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static dev.project51.agent.server.testsupport.SpanCapture.traceparents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message's trace across all three hops: the browser's request to the frontend, the
 * frontend's call to the agent (its {@code traceparent} sent by the agent client's
 * listener), the agent's turn and model attempt, and the request to a fake provider
 * (which receives the same trace). Both applications export to one in-memory exporter,
 * the test receiver. Also the frontend's own metrics behind the deployment's token.
 */
class MessageTraceTests {

	private static final String TOKEN = "trace-token-51";

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	static final InMemorySpanExporter spans = SpanCapture.SPANS;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static Path data;

	private static FakeProvider provider;

	private static ConfigurableApplicationContext agent;

	private static ConfigurableApplicationContext frontend;

	@BeforeAll
	static void start() throws IOException {
		data = Files.createTempDirectory("project51-trace");
		provider = FakeProvider.start(Protocol.OPENAI, "The primary model answers through every hop.");
		int agentPort = FreePorts.one();
		agent = AgentAndFrontend.startAgent(List.of(TestApplication.class, SpanCapture.class), agentPort, TOKEN, data,
				"--project51.agent.local.token-delay=0ms", "--project51.agent.models[0].provider=openai-compatible",
				"--project51.agent.models[0].name=primary", "--project51.agent.models[0].model=fake-gpt",
				"--project51.agent.models[0].base-url=" + provider.baseUrl(),
				"--management.opentelemetry.tracing.export.schedule-delay=50ms");
		frontend = AgentAndFrontend.startFrontend(List.of(TestApplication.class, SpanCapture.class), agentPort, TOKEN,
				"--management.opentelemetry.tracing.export.schedule-delay=50ms");
	}

	@AfterAll
	static void stop() {
		if (frontend != null) {
			frontend.close();
		}
		if (agent != null) {
			agent.close();
		}
		provider.close();
		FileSystemUtils.deleteRecursively(data.toFile());
	}

	@Test
	void aMessagesTraceSpansTheFrontendTheAgentAndTheProvider() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(frontend("/api/chat/stream"))
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"What is Project51?\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("event:done", "primary");
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue(TRACE_ID);

		assertThat(traceparents(provider)).singleElement()
			.satisfies((traceparent) -> assertThat(traceparent).startsWith("00-" + TRACE_ID + "-"));

		Map<String, SpanData> trace = await().atMost(Duration.ofSeconds(10))
			.until(() -> spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getTraceId().equals(TRACE_ID))
				.collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a)),
					(found) -> found.keySet()
						.containsAll(List.of("http post /api/chat/stream", "http post /api/v1/chat/stream", "chat turn",
								"model primary", "POST 127.0.0.1")));
		SpanData frontendServer = trace.get("http post /api/chat/stream");
		SpanData agentServer = trace.get("http post /api/v1/chat/stream");
		SpanData turn = trace.get("chat turn");
		SpanData attempt = trace.get("model primary");
		SpanData providerRequest = trace.get("POST 127.0.0.1");
		assertThat(frontendServer.getParentSpanId()).isEqualTo("b7ad6b7169203331");
		assertThat(frontendServer.getResource().getAttribute(AttributeKey.stringKey("service.name")))
			.isEqualTo("frontend");
		assertThat(agentServer.getParentSpanId()).as("the agent continues the frontend's request")
			.isEqualTo(frontendServer.getSpanId());
		assertThat(agentServer.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("agent");
		assertThat(turn.getParentSpanId()).isEqualTo(agentServer.getSpanId());
		assertThat(turn.getAttributes().get(AttributeKey.stringKey("mode"))).isEqualTo("stream");
		assertThat(turn.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("answered");
		assertThat(attempt.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(attempt.getAttributes().get(AttributeKey.stringKey("model"))).isEqualTo("primary");
		assertThat(attempt.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
		assertThat(providerRequest.getParentSpanId()).isEqualTo(attempt.getSpanId());
		assertThat(providerRequest.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(traceparents(provider).get(0)).contains(providerRequest.getSpanId());
	}

	@Test
	void theFrontendsMetricsAreExportedBehindTheDeploymentsToken() throws Exception {
		HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(frontend("/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("unauthorized").doesNotContain("project51_frontend");
		assertThat(HTTP
			.send(HttpRequest.newBuilder(frontend("/actuator/health/readiness")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);

		HTTP.send(HttpRequest.newBuilder(frontend("/api/chat/stream"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"How do I roll back?\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(frontend("/actuator/prometheus"))
			.header("Authorization", "Bearer " + TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("project51_frontend_agent_circuit_state 0.0",
				"project51_frontend_agent_status 0.0", "project51_frontend_relay_first_token_seconds_bucket",
				"project51_frontend_relay_duration_seconds_count{outcome=\"answered\"}", "jvm_memory_used_bytes",
				"http_server_requests_seconds_count");
	}

	private static URI frontend(String path) {
		int port = ((WebServerApplicationContext) frontend).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
