package dev.project51.agent.server.failover;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of the failover chain (all names start with
 * {@code project51.agent.model.}).
 * <ul>
 * <li>{@code calls} (counter; tags {@code model}, {@code provider}, {@code outcome} =
 * {@code success}|{@code failure}): every attempt</li>
 * <li>{@code latency} (timer; same tags): duration of every attempt</li>
 * <li>{@code retries} (counter; {@code model}): attempts repeated on the same model</li>
 * <li>{@code failovers} (counter; {@code from}, {@code to}): a call moved down the
 * chain</li>
 * <li>{@code circuit.state} (gauge; {@code model}): 0 closed, 1 half-open, 2 open</li>
 * </ul>
 */
final class FailoverMetrics {

	static final String PREFIX = "project51.agent.model.";

	private final MeterRegistry registry;

	FailoverMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void register(ChainModel model) {
		if (this.registry == null) {
			return;
		}
		Gauge.builder(PREFIX + "circuit.state", model, (m) -> switch (m.state()) {
			case CLOSED -> 0;
			case HALF_OPEN -> 1;
			case OPEN -> 2;
		})
			.description("State of the model's circuit breaker: 0 closed, 1 half-open, 2 open")
			.tag("model", model.name())
			.register(this.registry);
	}

	void recordCall(ChainModel model, long nanos, boolean success) {
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
			.description("Duration of calls to a model of the failover chain")
			.tags("model", model.name(), "provider", model.provider(), "outcome", outcome)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
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

}
