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
 * @param failing whether the model's latest call failed or was too slow, so that calls
 * are being answered by a later model of the chain even while its circuit is still
 * closed; cleared by the next call that succeeds
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelStatus(String name, String provider, CircuitState state, String lastError, long calls, long failures,
		boolean failing) {

	/**
	 * A status whose model is failing exactly when its circuit is not closed.
	 * @param name the model's name
	 * @param provider the provider kind
	 * @param state the circuit breaker state
	 * @param lastError the last failure, or {@code null}
	 * @param calls number of calls
	 * @param failures number of failed calls
	 */
	public ModelStatus(String name, String provider, CircuitState state, String lastError, long calls, long failures) {
		this(name, provider, state, lastError, calls, failures, state != CircuitState.CLOSED);
	}

	/**
	 * Whether calls to this model are answered by it now: its circuit is closed and its
	 * latest call did not fail.
	 * @return {@code true} if the model is serving
	 */
	@com.fasterxml.jackson.annotation.JsonIgnore
	public boolean isServing() {
		return this.state == CircuitState.CLOSED && !this.failing;
	}

	/**
	 * The status in one line for people, e.g. {@code gpt-4o-mini (openai): circuit OPEN,
	 * 12 calls, 5 failures, last error: timeout}.
	 * @return the summary
	 * @since 0.1.0
	 */
	@com.fasterxml.jackson.annotation.JsonIgnore
	public String summary() {
		String summary = this.name + " (" + this.provider + "): circuit " + this.state + ", " + this.calls + " calls, "
				+ this.failures + " failures";
		return (this.lastError != null) ? summary + ", last error: " + this.lastError : summary;
	}

}
