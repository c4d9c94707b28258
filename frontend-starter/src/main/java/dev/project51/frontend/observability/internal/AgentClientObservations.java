package dev.project51.frontend.observability.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.project51.agent.client.AgentClientException;
import dev.project51.agent.client.AgentClientListener;
import dev.project51.agent.contract.CircuitState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The agent client's side of observability, through its plain-Java listener hook: the
 * trace context of the request being served goes to the agent as W3C {@code traceparent}
 * (so the agent's spans continue the frontend's trace), and the client's retries and
 * circuit transitions are counted:
 * <ul>
 * <li>{@code project51.frontend.agent.retries} (counter; {@code operation}, e.g.
 * {@code POST /api/v1/chat/stream})</li>
 * <li>{@code project51.frontend.agent.circuit.transitions} (counter; {@code from},
 * {@code to})</li>
 * </ul>
 * The circuit's state itself is the gauge {@code project51.frontend.agent.circuit.state},
 * registered by the auto-configuration.
 */
public final class AgentClientObservations implements AgentClientListener {

	private final Tracer tracer;

	private final Propagator propagator;

	private final MeterRegistry meters;

	/**
	 * Creates the listener.
	 * @param tracer the tracer, or {@code null} (then no trace headers)
	 * @param propagator the propagator, or {@code null} (then no trace headers)
	 * @param meters the meters, or {@code null} (then nothing is counted)
	 */
	public AgentClientObservations(Tracer tracer, Propagator propagator, MeterRegistry meters) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.meters = meters;
	}

	@Override
	public Map<String, String> requestHeaders(String operation) {
		if (this.tracer == null || this.propagator == null) {
			return Map.of();
		}
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>();
		this.propagator.inject(span.context(), headers, Map::put);
		return headers;
	}

	@Override
	public void retrying(String operation, int attempt, AgentClientException failure) {
		if (this.meters != null) {
			Counter.builder("project51.frontend.agent.retries")
				.description("Calls to the agent that the frontend's client retried")
				.tag("operation", operation)
				.register(this.meters)
				.increment();
		}
	}

	@Override
	public void circuitStateChanged(CircuitState from, CircuitState to) {
		if (this.meters != null) {
			Counter.builder("project51.frontend.agent.circuit.transitions")
				.description("Changes of the state of the frontend's circuit breaker in front of the agent")
				.tags("from", from.name().toLowerCase(Locale.ROOT), "to", to.name().toLowerCase(Locale.ROOT))
				.register(this.meters)
				.increment();
		}
	}

}
