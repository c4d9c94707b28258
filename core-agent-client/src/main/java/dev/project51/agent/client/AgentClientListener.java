package dev.project51.agent.client;

import java.util.Map;

import dev.project51.agent.contract.CircuitState;

/**
 * Observes an {@link AgentClient} without tying it to a framework: the hook through which
 * an application adds its tracing headers (a W3C {@code traceparent}) to the agent's
 * requests and counts the client's retries and circuit transitions in its metrics. The
 * client itself depends on no tracing or metrics library; frontend-starter implements
 * this with Micrometer.
 * <p>
 * Every method has a default that does nothing. A listener must be thread-safe and quick;
 * what it throws is logged at DEBUG and ignored, so it can never break a call.
 *
 * @since 0.1.0
 * @see AgentClientBuilder#listener(AgentClientListener)
 */
public interface AgentClientListener {

	/**
	 * Headers to send with every request of a call that starts now. Called once per call
	 * (not per retry), on the thread that called the client, before the client hands the
	 * call to one of its own threads (a stream), so that a thread-bound trace context is
	 * still current. Headers the client sets itself ({@code Authorization},
	 * {@code Accept}, {@code Content-Type}, {@code User-Agent}) and values with control
	 * characters are ignored.
	 * @param operation the call, e.g. {@code POST /api/v1/chat/stream}
	 * @return the headers, never {@code null}
	 */
	default Map<String, String> requestHeaders(String operation) {
		return Map.of();
	}

	/**
	 * A call failed and is retried after the given delay.
	 * @param operation the call, e.g. {@code GET /api/v1/models}
	 * @param attempt the attempt that failed, from 1
	 * @param failure why it failed
	 */
	default void retrying(String operation, int attempt, AgentClientException failure) {
	}

	/**
	 * The client's circuit breaker changed its state.
	 * @param from the state before
	 * @param to the state now
	 */
	default void circuitStateChanged(CircuitState from, CircuitState to) {
	}

}
