package dev.project51.examples.loadgen.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.project51.examples.loadgen.load.Outcome;
import dev.project51.examples.loadgen.load.Scenario;
import dev.project51.examples.loadgen.load.ScenarioException;
import dev.project51.examples.loadgen.upstream.FakeUpstream;
import dev.project51.testsupport.providers.FakeProvider;
import dev.project51.testsupport.providers.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The completions scenario against the peer race's upstream: provider-fakes' OpenAI
 * server on loopback.
 */
class CompletionsScenarioTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void aStreamedCompletionMeasuresItsFirstTokenAndSendsTheModelAndToken() throws Exception {
		try (FakeProvider upstream = FakeUpstream.start(5, Duration.ZERO, Duration.ZERO)) {
			Scenario scenario = scenario(upstream);
			Outcome outcome = scenario.call();
			assertThat(outcome.streamed()).isTrue();
			assertThat(scenario.endpoint()).isEqualTo("POST /v1/chat/completions");
			assertThat(upstream.bodies().get(0).get("model").asString()).isEqualTo("project51-agent");
			assertThat(upstream.bodies().get(0).get("stream").asBoolean()).isTrue();
			assertThat(upstream.received().get(0).header("Authorization")).isEqualTo("Bearer sk-test");
		}
	}

	@Test
	void anErrorStatusIsAFailureOfThatKind() {
		try (FakeProvider upstream = FakeUpstream.start(5, Duration.ZERO, Duration.ZERO)) {
			upstream.enqueue(Fault.status(503));
			assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> scenario(upstream).call())
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("HTTP 503"));
		}
	}

	@Test
	void aStreamThatBreaksOffIsAFailure() {
		try (FakeProvider upstream = FakeUpstream.start(5, Duration.ZERO, Duration.ZERO)) {
			upstream.enqueue(Fault.dropAfter(2));
			assertThatExceptionOfType(ScenarioException.class).isThrownBy(() -> scenario(upstream).call())
				.satisfies((ex) -> assertThat(ex.kind()).matches("stream broken off|IOException(: .+)?"));
		}
	}

	@Test
	void theFirstTokenIsTheFirstChunkWithContentWithOrWithoutSpaces() throws ScenarioException {
		assertThat(
				CompletionsScenario
					.read(List
						.of("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}", "",
								"data: {\"choices\": [{\"delta\": {\"content\": \"Hi\"}}]}", "data: [DONE]")
						.iterator(), System.nanoTime())
					.streamed())
			.isTrue();
		assertThatExceptionOfType(ScenarioException.class)
			.isThrownBy(() -> CompletionsScenario
				.read(List.of("data: {\"choices\":[{\"delta\":{\"content\":\"\"}}]}", "data: [DONE]").iterator(), 0))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("no token"));
		assertThatExceptionOfType(ScenarioException.class)
			.isThrownBy(() -> CompletionsScenario.read(List.of("data: {\"error\":{\"message\":\"x\"}}").iterator(), 0))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("error chunk"));
	}

	private Scenario scenario(FakeProvider upstream) {
		return Scenarios.completions("completions: upstream", this.http,
				URI.create(upstream.baseUrl() + "/chat/completions"), "sk-test", "project51-agent", "Hello",
				Duration.ofSeconds(10));
	}

}
