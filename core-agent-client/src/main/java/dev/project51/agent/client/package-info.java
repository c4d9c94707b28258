/**
 * A resilient Java client of a Project51 agent:
 * {@link dev.project51.agent.client.AgentClient}, built by
 * {@link dev.project51.agent.client.AgentClientBuilder}, with timeouts, retries where
 * safe ({@link dev.project51.agent.client.RetryPolicy}), a client-side circuit breaker
 * ({@link dev.project51.agent.client.CircuitBreakerPolicy}) and typed exceptions rooted
 * at {@link dev.project51.agent.client.AgentClientException}.
 * <p>
 * The wire contract it speaks is in {@link dev.project51.agent.contract}; the HTTP layer
 * is replaceable through {@link dev.project51.agent.client.transport.HttpTransport}.
 */
package dev.project51.agent.client;
