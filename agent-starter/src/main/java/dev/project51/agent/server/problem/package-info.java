/**
 * Errors of the agent's APIs: problem kinds and OpenAI's error shape.
 */
package dev.project51.agent.server.problem;
