package dev.project51.agent.client;

import java.time.Duration;
import java.util.Optional;

import dev.project51.agent.contract.ProblemDetail;

/**
 * The agent cannot serve now: HTTP 503 (no model available), connection refused or lost,
 * or this client's circuit breaker is open and fails fast. Retriable.
 *
 * @since 0.1.0
 */
public class AgentUnavailableException extends AgentClientException {

	/** The delay the agent asked for, or the circuit's open duration; may be null. */
	private final Duration retryAfter;

	/** Whether this client's circuit breaker refused the call. */
	private boolean circuitOpen;

	/**
	 * An exception with a message.
	 * @param message what went wrong
	 */
	public AgentUnavailableException(String message) {
		this(message, -1, null, null, null);
	}

	/**
	 * An exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the cause, may be {@code null}
	 */
	public AgentUnavailableException(String message, Throwable cause) {
		this(message, -1, null, null, cause);
	}

	/**
	 * An exception for an answer of the agent.
	 * @param message what went wrong
	 * @param status the HTTP status, or {@code -1}
	 * @param problem the problem detail, may be {@code null}
	 * @param retryAfter the delay the agent asked for ({@code Retry-After}), may be
	 * {@code null}
	 * @param cause the cause, may be {@code null}
	 */
	public AgentUnavailableException(String message, int status, ProblemDetail problem, Duration retryAfter,
			Throwable cause) {
		super(message, status, problem, true, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * The delay the agent asked for with {@code Retry-After}, or how long this client's
	 * circuit breaker stays open at most.
	 * @return the delay, if known
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Whether this client's circuit breaker refused the call without contacting the
	 * agent.
	 * @return {@code true} if the circuit is open
	 */
	public boolean isCircuitOpen() {
		return this.circuitOpen;
	}

	AgentUnavailableException markCircuitOpen() {
		this.circuitOpen = true;
		markRequestNotSent();
		return this;
	}

}
