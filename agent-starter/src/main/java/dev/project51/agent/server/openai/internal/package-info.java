/**
 * The OpenAI-compatible endpoint ({@code /v1/chat/completions}, {@code /v1/models}).
 * Internal: not API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.openai.internal;
