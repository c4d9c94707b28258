/**
 * What makes the frontend observable: the agent client's trace headers, retries and
 * circuit in Micrometer, the relay's latency, the agent's status as a gauge, and the
 * {@code X-Request-Id} of every answer. Internal: not API, may change in any release; the
 * auto-configuration wires it.
 */
package dev.project51.frontend.observability.internal;
