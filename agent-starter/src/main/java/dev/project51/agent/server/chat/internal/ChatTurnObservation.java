package dev.project51.agent.server.chat.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One conversation turn as operators see it: a span ({@code project51.agent.chat.turn},
 * the parent of the turn's model attempts) and two meters, both tagged with the API
 * ({@code v1}|{@code openai}), the mode ({@code blocking}|{@code stream}) and the
 * outcome:
 * <ul>
 * <li>{@code project51.agent.chat.turns} (counter)</li>
 * <li>{@code project51.agent.chat.duration} (timer with histogram buckets)</li>
 * </ul>
 * Outcomes: {@code answered} (by the first model of the chain), {@code degraded} (by a
 * fallback model), {@code interrupted} (a stream broke after its first token),
 * {@code timeout}, {@code failed} (no model could answer, or an error) and
 * {@code cancelled} (the client went away). Requests refused before a turn starts are
 * counted by {@code project51.agent.api.problems} instead.
 */
final class ChatTurnObservation {

	static final String NAME = "project51.agent.chat.turn";

	private static final Duration[] BUCKETS = { Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
			Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300) };

	private final Observation observation;

	private final MeterRegistry meters;

	private final String api;

	private final String mode;

	private final long start = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	private ChatTurnObservation(Observation observation, MeterRegistry meters, String api, String mode) {
		this.observation = observation;
		this.meters = meters;
		this.api = api;
		this.mode = mode;
	}

	/**
	 * Starts a turn below the observation current on this thread (the HTTP request's).
	 * @param observations the registry of spans, may be {@code null}
	 * @param meters the registry of meters, may be {@code null}
	 * @param api {@code v1} or {@code openai}
	 * @param mode {@code blocking} or {@code stream}
	 * @return the started turn
	 */
	static ChatTurnObservation start(ObservationRegistry observations, MeterRegistry meters, String api, String mode) {
		Observation observation = Observation
			.createNotStarted(NAME, (observations != null) ? observations : ObservationRegistry.NOOP)
			.contextualName("chat turn")
			.lowCardinalityKeyValue("api", api)
			.lowCardinalityKeyValue("mode", mode)
			.start();
		return new ChatTurnObservation(observation, meters, api, mode);
	}

	/**
	 * The turn's observation, to open on the threads that work for it.
	 * @return the observation
	 */
	Observation observation() {
		return this.observation;
	}

	/**
	 * Opens the turn's observation on the current thread.
	 * @return the scope to close
	 */
	Observation.Scope openScope() {
		return this.observation.openScope();
	}

	/**
	 * Ends the turn; later calls do nothing.
	 * @param outcome the outcome
	 * @param model the model that answered, may be {@code null}
	 */
	void end(String outcome, String model) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		long nanos = System.nanoTime() - this.start;
		this.observation.lowCardinalityKeyValue("outcome", outcome);
		if (model != null) {
			this.observation.lowCardinalityKeyValue("model", model);
		}
		this.observation.stop();
		if (this.meters == null) {
			return;
		}
		Counter.builder("project51.agent.chat.turns")
			.description("Conversation turns of the agent's APIs, by outcome")
			.tags("api", this.api, "mode", this.mode, "outcome", outcome)
			.register(this.meters)
			.increment();
		Timer.builder("project51.agent.chat.duration")
			.description("Duration of conversation turns, until the whole answer was sent")
			.tags("api", this.api, "mode", this.mode, "outcome", outcome)
			.serviceLevelObjectives(BUCKETS)
			.register(this.meters)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
