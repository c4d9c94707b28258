/**
 * How the local model counts tokens, which the OpenAI-compatible API also uses for a
 * model that gives no counts. Internal: not API, may change in any release.
 */
package dev.project51.agent.server.local.internal;
