/**
 * Request guards: bearer token, per-client rate limit and body size.
 */
package dev.project51.agent.server.security;
