/**
 * What makes the frontend observable: the agent client's trace headers, retries and
 * circuit in Micrometer, the relay's latency and the agent's status as a gauge (the
 * {@code X-Request-Id} of every answer is server-support's trace id filter). Internal:
 * not API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.frontend.observability.internal;
