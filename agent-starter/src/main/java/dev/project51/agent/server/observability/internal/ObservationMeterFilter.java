package dev.project51.agent.server.observability.internal;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps the agent's spans from adding meters: Spring Boot turns every observation into a
 * timer too, and the chain's and the turns' own meters (documented in
 * docs/observability.md) already measure what these spans do. Denies the meters named
 * after the agent's observations, their {@code .active} long task timers and their event
 * counters.
 */
public final class ObservationMeterFilter implements MeterFilter {

	/** The names of the agent's observations. */
	public static final Set<String> OBSERVATIONS = Set.of("project51.agent.chat.turn", "project51.agent.model.attempt",
			"project51.agent.model.probe", "project51.agent.provider.request");

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		String name = id.getName();
		for (String observation : OBSERVATIONS) {
			if (name.equals(observation) || name.startsWith(observation + ".")) {
				return MeterFilterReply.DENY;
			}
		}
		return MeterFilterReply.NEUTRAL;
	}

}
