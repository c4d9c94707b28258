/**
 * The visible conversation transcript, which an application may store its own way
 * ({@link dev.project51.agent.server.memory.ConversationTranscript}).
 */
package dev.project51.agent.server.memory;
