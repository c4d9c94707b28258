/**
 * The knowledge base: Markdown documents embedded in-process and their retrieval.
 */
package dev.project51.agent.server.knowledge;
