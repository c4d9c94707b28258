/**
 * The readiness health of the failover chain. Internal: not API, may change in any
 * release; the auto-configuration wires it.
 */
package dev.project51.agent.server.failover.internal;
