/**
 * The Project51 agent wire contract, version 1: the JSON documents exchanged between an
 * agent server and its clients.
 * <p>
 * The contract is specified once, in the OpenAPI document
 * {@value AgentApi#OPENAPI_RESOURCE} shipped in this jar (and rendered in
 * {@code docs/agent-api.md}). These records mirror it; both the client and the server are
 * tested against that document.
 */
package dev.project51.agent.contract;
