/**
 * The OpenAI-compatible endpoint ({@code /v1/chat/completions}, {@code /v1/models}).
 */
package dev.project51.agent.server.openai;
