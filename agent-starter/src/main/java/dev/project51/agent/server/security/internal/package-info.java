/**
 * Request guards: bearer token, per-client rate limit and body size. Internal: not API,
 * may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.security.internal;
