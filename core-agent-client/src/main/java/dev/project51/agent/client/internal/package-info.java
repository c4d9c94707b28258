/**
 * Mechanics of the agent client: SSE parsing, {@code Retry-After} parsing, bounded body
 * reading, JSON. Not API: may change in any release without notice.
 */
package dev.project51.agent.client.internal;
