package dev.project51.agent.server.observability;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.project51.agent.server.testsupport.AgentWithFakePrimary;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.SpanCapture;
import dev.project51.testsupport.providers.Fault;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.project51.agent.server.testsupport.SpanCapture.traceparents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent as operators watch it, at the default failover settings with a token: the
 * metrics in Prometheus' format behind the token, a message's trace from the caller's
 * {@code traceparent} through the turn and the model attempts to the provider's request
 * (captured by an in-memory span exporter), the trace id in {@code X-Request-Id} and in
 * problems, and the failover counted by kind.
 */
class AgentObservabilityTests {

	private static final String TOKEN = "observability-test-token";

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

	@RegisterExtension
	static final AgentWithFakePrimary agent = new AgentWithFakePrimary(TOKEN, List.of(SpanCapture.class),
			"management.opentelemetry.tracing.export.schedule-delay=50ms");

	static final InMemorySpanExporter spans = SpanCapture.SPANS;

	@Test
	void prometheusEndpointNeedsTheTokenAndShowsTheChainsMetrics() {
		HttpResponse<String> anonymous = new Http(agent.app().baseUrl(), null).get("/actuator/prometheus");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(anonymous.body()).contains("unauthorized").doesNotContain("project51_agent");
		assertThat(new Http(agent.app().baseUrl(), null).get("/actuator/health/readiness").statusCode()).isEqualTo(200);

		String metrics = scrape();
		assertThat(metrics).contains("project51_agent_model_circuit_state{model=\"primary\",primary=\"true\"",
				"project51_agent_model_circuit_state{model=\"local\",primary=\"false\"", "jvm_memory_used_bytes",
				"process_cpu_usage", "http_server_requests_seconds");
		assertThat(metrics).as("spans add no meters of their own")
			.doesNotContain("project51_agent_model_attempt", "project51_agent_chat_turn_seconds",
					"project51_agent_provider_request");
	}

	@Test
	void aMessagesTraceGoesFromTheCallerThroughTheTurnAndItsAttemptToTheProvider() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		HttpResponse<String> response = agent.http()
			.send(agent.http()
				.request("/api/v1/chat")
				.header("Content-Type", "application/json")
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"What is Project51?\"}"))
				.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue(traceId);

		assertThat(traceparents(agent.primary())).hasSize(1);
		Matcher sent = TRACEPARENT.matcher(traceparents(agent.primary()).get(0));
		assertThat(sent.matches()).as(traceparents(agent.primary()).get(0)).isTrue();
		assertThat(sent.group(1)).as("the provider continues the caller's trace").isEqualTo(traceId);

		Map<String, SpanData> trace = awaitSpans(traceId, "http post /api/v1/chat", "chat turn", "model primary",
				"POST 127.0.0.1");
		SpanData server = trace.get("http post /api/v1/chat");
		SpanData turn = trace.get("chat turn");
		SpanData attempt = trace.get("model primary");
		SpanData request = trace.get("POST 127.0.0.1");
		assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(turn.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(attempt.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(request.getParentSpanId()).isEqualTo(attempt.getSpanId());
		assertThat(request.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(sent.group(2)).as("the provider's parent is the request span").isEqualTo(request.getSpanId());
		assertThat(attribute(turn, "api")).isEqualTo("v1");
		assertThat(attribute(turn, "outcome")).isEqualTo("answered");
		assertThat(attribute(turn, "model")).isEqualTo("primary");
		assertThat(attribute(attempt, "model")).isEqualTo("primary");
		assertThat(attribute(attempt, "provider")).isEqualTo("openai-compatible");
		assertThat(attribute(attempt, "outcome")).isEqualTo("success");
		assertThat(attempt.getEvents()).extracting((event) -> event.getName()).contains("the model's first token");
		assertThat(attribute(request, "http.response.status_code")).isEqualTo("200");
	}

	@Test
	void aFailoverIsOneSpanPerAttemptAndCountedByKind() {
		double failuresBefore = value(scrape(),
				"project51_agent_model_failures_total{kind=\"server-error\",model=\"primary\",provider=\"openai-compatible\"}");
		double failoversBefore = value(scrape(),
				"project51_agent_model_failovers_total{from=\"primary\",to=\"local\"}");
		agent.primary().failAlways(Fault.status(500));
		HttpResponse<String> response = agent.http().postJson("/api/v1/chat", "{\"message\":\"What is Project51?\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"model\":\"local\"", "\"degraded\":true");
		String traceId = response.headers().firstValue("X-Request-Id").orElseThrow();

		List<SpanData> attempts = await().atMost(Duration.ofSeconds(10))
			.until(() -> spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getTraceId().equals(traceId) && span.getName().startsWith("model "))
				.toList(), (found) -> found.stream().anyMatch((span) -> span.getName().equals("model local")));
		List<SpanData> primaryAttempts = attempts.stream()
			.filter((span) -> span.getName().equals("model primary"))
			.toList();
		assertThat(primaryAttempts).hasSize(agent.primary().requests()).isNotEmpty().allSatisfy((span) -> {
			assertThat(attribute(span, "outcome")).isEqualTo("failure");
			assertThat(attribute(span, "failure.kind")).isEqualTo("server-error");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
		});
		assertThat(attempts).filteredOn((span) -> span.getName().equals("model local"))
			.singleElement()
			.satisfies((span) -> assertThat(attribute(span, "outcome")).isEqualTo("success"));

		String metrics = scrape();
		assertThat(value(metrics,
				"project51_agent_model_failures_total{kind=\"server-error\",model=\"primary\",provider=\"openai-compatible\"}")
				- failuresBefore)
			.isEqualTo(agent.primary().requests());
		assertThat(value(metrics, "project51_agent_model_failovers_total{from=\"primary\",to=\"local\"}")
				- failoversBefore)
			.isEqualTo(1);
		assertThat(metrics)
			.contains("project51_agent_chat_turns_total{api=\"v1\",mode=\"blocking\",outcome=\"degraded\"}");
	}

	@Test
	void problemsCarryTheTraceIdOfTheirRequestAndAreCountedByType() throws Exception {
		HttpResponse<String> response = agent.http().postJson("/api/v1/chat", "{\"message\":\"   \"}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(requestId).matches("[0-9a-f]{32}");
		assertThat(problem.path("traceId").asString()).isEqualTo(requestId);

		HttpResponse<String> unauthorized = new Http(agent.app().baseUrl(), "wrong").get("/api/v1/models");
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(JsonMapper.shared().readTree(unauthorized.body()).path("traceId").asString())
			.isEqualTo(unauthorized.headers().firstValue("X-Request-Id").orElseThrow());

		assertThat(scrape()).contains(
				"project51_agent_api_problems_total{api=\"v1\",status=\"400\",type=\"invalid-request\"}",
				"project51_agent_api_problems_total{api=\"v1\",status=\"401\",type=\"unauthorized\"}");
	}

	@Test
	void spansLeaveTheProcessOnlyThroughTheExporterItWasGiven() {
		assertThat(agent.app().beans(SpanExporter.class)).as("no OTLP exporter without an endpoint")
			.containsOnlyKeys("capturingSpanExporter");
	}

	private static String scrape() {
		HttpResponse<String> response = agent.http().get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** The value of one series of a scrape, 0 when absent. */
	static double value(String scrape, String series) {
		return scrape.lines()
			.filter((line) -> line.startsWith(series + " "))
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElse(0.0);
	}

	private static Map<String, SpanData> awaitSpans(String traceId, String... names) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getTraceId().equals(traceId))
				.collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a)),
					(found) -> found.keySet().containsAll(List.of(names)));
	}

	private static String attribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

}
