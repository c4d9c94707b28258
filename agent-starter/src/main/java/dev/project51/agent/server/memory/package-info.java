/**
 * Persistent model memory and the visible conversation transcript (JDBC, Flyway).
 */
package dev.project51.agent.server.memory;
