/**
 * What makes the agent observable beyond the failover chain's own meters and spans: the
 * count of problem answers and the meters that spans need not repeat (the
 * {@code x-request-id} of every answer is the security package's request id filter).
 * Internal: not API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.observability.internal;
