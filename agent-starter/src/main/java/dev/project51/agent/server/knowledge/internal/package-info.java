/**
 * Embedding, word matching, citations and the prompt injection of the knowledge base.
 * Internal: not API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.knowledge.internal;
