/**
 * The v1 agent API: conversations, turns (blocking and streamed), their controller and
 * errors. Internal: not API, may change in any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.chat.internal;
