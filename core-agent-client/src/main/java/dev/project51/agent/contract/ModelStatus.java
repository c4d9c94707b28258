package dev.project51.agent.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One model of the agent's failover chain, in chain order.
 *
 * @param name the model's name as shown to users, e.g. {@code gpt-4o-mini} or
 * {@code local}
 * @param provider the provider kind, e.g. {@code openai}, {@code anthropic},
 * {@code gemini}, {@code openai-compatible}, {@code local}
 * @param state the circuit breaker state
 * @param lastError a short, secret-free description of the last failure, or {@code null}
 * @param calls number of calls made to this model since start
 * @param failures number of those calls that failed
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelStatus(String name, String provider, CircuitState state, String lastError, long calls,
		long failures) {

}
