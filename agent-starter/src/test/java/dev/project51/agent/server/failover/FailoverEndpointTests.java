package dev.project51.agent.server.failover;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.project51.agent.contract.ProblemType;
import dev.project51.agent.server.testsupport.AgentApp;
import dev.project51.agent.server.testsupport.ContractSchemas;
import dev.project51.agent.server.testsupport.FakeOpenAiServer;
import dev.project51.agent.server.testsupport.FakeOpenAiServer.Fault;
import dev.project51.agent.server.testsupport.Http;
import dev.project51.agent.server.testsupport.Http.SseFrame;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running agent whose preferred model is a real HTTP server speaking OpenAI's protocol
 * (configured as an {@code openai-compatible} provider) and whose chain ends in the local
 * model: users see failures only as a different model name and the degraded flag, and
 * traffic returns to the primary once it recovers.
 */
class FailoverEndpointTests {

	@TempDir
	static Path data;

	static FakeOpenAiServer primary;

	static AgentApp app;

	static Http http;

	@BeforeAll
	static void start() {
		primary = new FakeOpenAiServer("The primary model says hello.");
		app = AgentApp.start(data, List.of(), "project51.agent.models[0].provider=openai-compatible",
				"project51.agent.models[0].name=primary", "project51.agent.models[0].model=fake-gpt",
				"project51.agent.models[0].base-url=" + primary.baseUrl(), "project51.agent.models[0].timeout=800ms",
				"project51.agent.failover.initial-backoff=20ms", "project51.agent.failover.first-token-timeout=2s",
				"project51.agent.failover.idle-timeout=700ms",
				"project51.agent.failover.circuit-breaker.sliding-window-size=4",
				"project51.agent.failover.circuit-breaker.minimum-number-of-calls=2",
				"project51.agent.failover.circuit-breaker.wait-duration-in-open-state=1s");
		http = new Http(app.baseUrl(), null);
	}

	@AfterAll
	static void stop() {
		app.close();
		primary.close();
	}

	@BeforeEach
	void primaryIsHealthyAndServing() {
		primary.heal();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> "primary".equals(chat("What is Project51?").path("model").asString()));
		primary.resetCount();
	}

	private static JsonNode chat(String message) {
		HttpResponse<String> response = http.postJson("/api/v1/chat", "{\"message\":\"" + message + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ContractSchemas.assertValid("ChatReply", response.body());
	}

	private static List<SseFrame> stream(String message) {
		HttpResponse<String> response = http.postJson("/api/v1/chat/stream", "{\"message\":\"" + message + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.frames(response.body());
	}

	private static JsonNode model(String name) {
		JsonNode models = ContractSchemas.assertValidArray("ModelStatus", http.get("/api/v1/models").body());
		for (JsonNode model : models) {
			if (model.path("name").asString().equals(name)) {
				return model;
			}
		}
		throw new AssertionError("no model " + name + " in " + models);
	}

	@Test
	void healthyPrimaryAnswersWithoutDegradation() {
		JsonNode reply = chat("How do I roll back a release?");
		assertThat(reply.path("reply").asString()).isEqualTo(primary.answer());
		assertThat(reply.path("model").asString()).isEqualTo("primary");
		assertThat(reply.path("degraded").asBoolean()).isFalse();
		List<SseFrame> frames = stream("How do I roll back a release?");
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("primary");
		assertThat(meta.path("degraded").asBoolean()).isFalse();
		JsonNode done = ContractSchemas.assertValid("DoneEvent", frames.get(frames.size() - 1).data());
		assertThat(done.path("reply").asString()).isEqualTo(primary.answer());
		JsonNode request = primary.bodies().get(0);
		assertThat(request.path("model").asString()).isEqualTo("fake-gpt");
		assertThat(request.toString()).as("the knowledge excerpts go to the remote model too")
			.contains("knowledge/rolling-back.md");
	}

	@Test
	void failingPrimaryShowsOnlyAsModelAndDegradedFlagThenTrafficReturns() {
		primary.failAlways(Fault.status(500));
		JsonNode reply = chat("How do I roll back a release?");
		assertThat(reply.path("model").asString()).isEqualTo("local");
		assertThat(reply.path("degraded").asBoolean()).isTrue();
		assertThat(reply.path("reply").asString()).contains("kubectl rollout undo");
		assertThat(reply.path("citations").get(0).path("source").asString()).isEqualTo("knowledge/rolling-back.md");

		List<SseFrame> frames = stream("What does the degraded flag mean?");
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("local");
		assertThat(meta.path("degraded").asBoolean()).isTrue();
		JsonNode done = ContractSchemas.assertValid("DoneEvent", frames.get(frames.size() - 1).data());
		assertThat(done.path("degraded").asBoolean()).isTrue();

		JsonNode status = model("primary");
		assertThat(status.path("state").asString()).isEqualTo("OPEN");
		assertThat(status.path("lastError").asString()).isEqualTo("server error (HTTP 5xx)");
		assertThat(model("local").path("state").asString()).isEqualTo("CLOSED");
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		int callsWhileOpen = primary.requests();
		assertThat(chat("What is kind?").path("model").asString()).isEqualTo("local");
		assertThat(primary.requests()).as("open circuit: no call to the primary").isEqualTo(callsWhileOpen);
		assertThat(app.bean(MeterRegistry.class)
			.get("project51.agent.model.failovers")
			.tags("from", "primary", "to", "local")
			.counter()
			.count()).isPositive();

		primary.heal();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			JsonNode recovered = chat("What is Project51?");
			assertThat(recovered.path("model").asString()).isEqualTo("primary");
			assertThat(recovered.path("degraded").asBoolean()).isFalse();
		});
		assertThat(model("primary").path("state").asString()).isEqualTo("CLOSED");
	}

	@Test
	void blockingCallWithAStalledBodyFailsOverAtTheModelTimeout() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(300))
			.untilAsserted(() -> assertThat(chat("Are you there?").path("model").asString()).isEqualTo("primary"));
		primary.failAlways(Fault.stalledBody(Duration.ofSeconds(30)));
		primary.resetCount();
		long start = System.nanoTime();
		JsonNode reply = chat("How do I roll back a release?");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(reply.path("model").asString()).isEqualTo("local");
		assertThat(primary.requests()).as("the primary was called").isPositive();
		// Two attempts of 800 ms each, not the 30 s the body takes.
		assertThat(took).isLessThan(Duration.ofSeconds(15));
		primary.heal();
	}

	@Test
	void slowFirstTokenFailsOverInTheStream() {
		primary.failAlways(Fault.slow(Duration.ofSeconds(5), Duration.ZERO));
		List<SseFrame> frames = stream("How do I deploy?");
		JsonNode meta = ContractSchemas.assertValid("MetaEvent", frames.get(0).data());
		assertThat(meta.path("model").asString()).isEqualTo("local");
		assertThat(frames.get(frames.size() - 1).event()).isEqualTo("done");
	}

	@Test
	void streamFailingAfterItsFirstTokenEndsWithAnErrorEvent() {
		primary.failAlways(Fault.dropAfter(2));
		List<SseFrame> frames = stream("How do I deploy?");
		assertThat(frames).extracting(SseFrame::event).containsExactly("meta", "token", "token", "error");
		assertThat(ContractSchemas.assertValid("MetaEvent", frames.get(0).data()).path("model").asString())
			.isEqualTo("primary");
		JsonNode error = ContractSchemas.assertValid("ErrorEvent", frames.get(3).data());
		assertThat(error.path("problem").path("type").asString()).isEqualTo(ProblemType.MODELS_UNAVAILABLE.uri());
		assertThat(error.path("problem").path("detail").asString()).contains("primary")
			.contains("Send the message again");
	}

	@Test
	void stalledStreamEndsWithATimeoutErrorEvent() {
		primary.failAlways(Fault.slow(Duration.ZERO, Duration.ofSeconds(5)));
		List<SseFrame> frames = stream("How do I deploy?");
		assertThat(frames.get(frames.size() - 1).event()).isEqualTo("error");
		JsonNode error = ContractSchemas.assertValid("ErrorEvent", frames.get(frames.size() - 1).data());
		assertThat(error.path("problem").path("type").asString()).isEqualTo(ProblemType.TIMEOUT.uri());
	}

	@Test
	void openAiEndpointFailsOverToo() {
		primary.failAlways(Fault.status(429));
		HttpResponse<String> response = http.postJson("/v1/chat/completions",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"What is Project51?\"}]}");
		JsonNode completion = tools.jackson.databind.json.JsonMapper.shared().readTree(response.body());
		assertThat(completion.path("model").asString()).isEqualTo("local");
		assertThat(completion.path("project51").path("degraded").asBoolean()).isTrue();
	}

}
