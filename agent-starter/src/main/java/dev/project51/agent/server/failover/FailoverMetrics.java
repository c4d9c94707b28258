package dev.project51.agent.server.failover;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.project51.agent.contract.CircuitState;
import dev.project51.server.internal.observability.CircuitStateGauge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the failover chain; every name starts with
 * {@code project51.agent.model.} (in Prometheus {@code project51_agent_model_...}). The
 * set is documented in docs/observability.md and changes only with a note there.
 * <ul>
 * <li>{@code calls} (counter; {@code model}, {@code provider}, {@code outcome} =
 * {@code success}|{@code failure}): every attempt, probes excluded</li>
 * <li>{@code failures} (counter; {@code model}, {@code provider}, {@code kind}): failed
 * attempts by kind ({@link Failures#kind(Throwable)})</li>
 * <li>{@code latency} (timer with histogram buckets; {@code model}, {@code provider},
 * {@code outcome}): the first token of a success, the whole attempt of a failure</li>
 * <li>{@code first.token} (timer with histogram buckets; {@code model},
 * {@code provider}): how long answered attempts took to their first token</li>
 * <li>{@code slow.calls} (counter; {@code model}, {@code provider}): answers whose first
 * token came after the slow-call threshold (they count against the circuit)</li>
 * <li>{@code retries} (counter; {@code model}): attempts repeated on the same model</li>
 * <li>{@code failovers} (counter; {@code from}, {@code to}): a call moved down the
 * chain</li>
 * <li>{@code circuit.state} (gauge; {@code model}, {@code provider}, {@code primary}): 0
 * closed, 1 half-open, 2 open</li>
 * <li>{@code circuit.transitions} (counter; {@code model}, {@code from}, {@code to}):
 * every change of a circuit's state</li>
 * <li>{@code probes} (counter; {@code model}, {@code outcome} =
 * {@code recovered}|{@code failed}|{@code slow}): background probes of open circuits</li>
 * </ul>
 */
final class FailoverMetrics {

	static final String PREFIX = "project51.agent.model.";

	private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 4, 6, 10);

	private static final Duration[] LATENCY_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 4, 6, 10, 15, 30, 60, 120);

	private final MeterRegistry registry;

	FailoverMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void register(ChainModel model, boolean primary) {
		if (this.registry == null) {
			return;
		}
		Gauge.builder(PREFIX + "circuit.state", model, (m) -> CircuitStateGauge.value(m.state()))
			.description("State of the model's circuit breaker: " + CircuitStateGauge.VALUES)
			.tags("model", model.name(), "provider", model.provider(), "primary", Boolean.toString(primary))
			.register(this.registry);
	}

	void recordCall(ChainModel model, long nanos, boolean success, Throwable failure) {
		if (this.registry == null) {
			return;
		}
		String outcome = success ? "success" : "failure";
		Counter.builder(PREFIX + "calls")
			.description("Calls to a model of the failover chain (each attempt)")
			.tags("model", model.name(), "provider", model.provider(), "outcome", outcome)
			.register(this.registry)
			.increment();
		Timer.builder(PREFIX + "latency")
			.description("Duration of attempts on a model of the failover chain: to the first token of an answer,"
					+ " to the failure of a failed attempt")
			.tags("model", model.name(), "provider", model.provider(), "outcome", outcome)
			.serviceLevelObjectives(LATENCY_BUCKETS)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
		if (success) {
			Timer.builder(PREFIX + "first.token")
				.description("Time to the first token of the answers of a model of the failover chain")
				.tags("model", model.name(), "provider", model.provider())
				.serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
				.register(this.registry)
				.record(nanos, TimeUnit.NANOSECONDS);
		}
		else {
			Counter.builder(PREFIX + "failures")
				.description("Failed attempts on a model of the failover chain, by kind of failure")
				.tags("model", model.name(), "provider", model.provider(), "kind", Failures.kind(failure))
				.register(this.registry)
				.increment();
		}
	}

	void recordSlowCall(ChainModel model) {
		if (this.registry == null) {
			return;
		}
		Counter.builder(PREFIX + "slow.calls")
			.description("Answers whose first token came after the slow-call threshold")
			.tags("model", model.name(), "provider", model.provider())
			.register(this.registry)
			.increment();
	}

	void recordRetry(ChainModel model) {
		if (this.registry == null) {
			return;
		}
		Counter.builder(PREFIX + "retries")
			.description("Attempts repeated on the same model after a transient error")
			.tag("model", model.name())
			.register(this.registry)
			.increment();
	}

	void recordFailover(ChainModel from, ChainModel to) {
		if (this.registry == null) {
			return;
		}
		Counter.builder(PREFIX + "failovers")
			.description("Calls that moved from one model of the chain to the next")
			.tags("from", from.name(), "to", to.name())
			.register(this.registry)
			.increment();
	}

	void recordTransition(ChainModel model, CircuitState from, CircuitState to) {
		if (this.registry == null) {
			return;
		}
		Counter.builder(PREFIX + "circuit.transitions")
			.description("Changes of the state of a model's circuit breaker")
			.tags("model", model.name(), "from", from.name().toLowerCase(java.util.Locale.ROOT), "to",
					to.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	void recordProbe(ChainModel model, String outcome) {
		if (this.registry == null) {
			return;
		}
		Counter.builder(PREFIX + "probes")
			.description("Background probes of models whose circuit is open")
			.tags("model", model.name(), "outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private static Duration[] seconds(double... values) {
		Duration[] durations = new Duration[values.length];
		for (int i = 0; i < values.length; i++) {
			durations[i] = Duration.ofMillis(Math.round(values[i] * 1000));
		}
		return durations;
	}

}
