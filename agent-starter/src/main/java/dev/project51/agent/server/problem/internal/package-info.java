/**
 * Errors of the agent's APIs: problem kinds and OpenAI's error shape. Internal: not API,
 * may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.problem.internal;
