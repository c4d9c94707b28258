/**
 * The JDBC (Flyway) and in-memory stores of model memory and transcripts. Internal: not
 * API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.memory.internal;
