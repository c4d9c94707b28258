/**
 * What makes the agent observable beyond the failover chain's own meters and spans: the
 * {@code X-Request-Id} of every answer (the trace id), the count of problem answers, and
 * the meters that spans need not repeat. Internal: not API, may change in any release;
 * the auto-configuration wires it.
 */
package dev.project51.agent.server.observability.internal;
