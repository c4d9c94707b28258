/**
 * The knowledge base: Markdown documents embedded in-process, retrieval and citations.
 */
package dev.project51.agent.server.knowledge;
