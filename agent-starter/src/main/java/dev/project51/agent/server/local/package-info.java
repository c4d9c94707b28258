/**
 * The offline, deterministic local model at the end of every chain.
 */
package dev.project51.agent.server.local;
