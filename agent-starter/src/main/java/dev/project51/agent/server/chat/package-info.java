/**
 * The AI service of the v1 agent API
 * ({@link dev.project51.agent.server.chat.AgentAssistant}), which an application may
 * replace with its own bean.
 */
package dev.project51.agent.server.chat;
