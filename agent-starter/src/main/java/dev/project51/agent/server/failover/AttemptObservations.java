package dev.project51.agent.server.failover;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * How an attempt on a model ({@link ModelCall}) is observed: a span named for the
 * caller's attempt or a background probe, with the model, provider and outcome, and a
 * failure described for people, never with the provider's own message.
 */
final class AttemptObservations {

	/** Name of the observation of an attempt made for a caller. */
	static final String ATTEMPT = "project51.agent.model.attempt";

	/** Name of the observation of a background probe. */
	static final String PROBE = "project51.agent.model.probe";

	/** The event of an attempt's first token. */
	static final Observation.Event FIRST_TOKEN = Observation.Event.of("first-token", "the model's first token");

	private AttemptObservations() {
	}

	/**
	 * The observation of an attempt, not started.
	 * @param name {@link #ATTEMPT} or {@link #PROBE}
	 * @param parent the observation of the caller, may be {@code null}
	 * @param attempt the number of the attempt within its call, from 1; 0 for a probe
	 */
	static Observation create(String name, ObservationRegistry registry, ChainModel model, Observation parent,
			int attempt) {
		Observation observation = Observation.createNotStarted(name, registry)
			.contextualName((attempt > 0) ? "model " + model.name() : "probe " + model.name())
			.lowCardinalityKeyValue("model", model.name())
			.lowCardinalityKeyValue("provider", model.provider());
		if (parent != null) {
			observation.parentObservation(parent);
		}
		if (attempt > 0) {
			observation.highCardinalityKeyValue("attempt", Integer.toString(attempt));
		}
		return observation;
	}

	/**
	 * Ends the observation of an attempt with its outcome; a failure is described as for
	 * people ({@link Failures#describe}).
	 */
	static void end(Observation observation, String outcome, Throwable failure) {
		observation.lowCardinalityKeyValue("outcome", outcome);
		if (failure != null) {
			observation.lowCardinalityKeyValue("failure.kind", Failures.kind(failure));
			observation.error(new AttemptFailure(Failures.describe(failure)));
		}
		observation.stop();
	}

	/** How a failed attempt appears in its span: the description for people only. */
	static final class AttemptFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		AttemptFailure(String description) {
			super(description, null, false, false);
		}

	}

}
