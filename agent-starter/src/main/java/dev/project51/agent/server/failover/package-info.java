/**
 * The failover chain: retries per model call, a circuit breaker per model, the next
 * model, stream watchdogs; plain LangChain4j models usable without Spring.
 */
package dev.project51.agent.server.failover;
