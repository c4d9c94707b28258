/**
 * Auto-configuration and properties ({@code project51.agent.*}) of the agent server.
 */
package dev.project51.agent.server.autoconfigure;
