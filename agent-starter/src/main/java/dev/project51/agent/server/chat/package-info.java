/**
 * The v1 agent API: conversations, turns (blocking and streamed) and their errors.
 */
package dev.project51.agent.server.chat;
