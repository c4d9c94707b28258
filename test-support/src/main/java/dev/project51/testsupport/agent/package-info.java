/**
 * Test support: one fake agent for every module's tests.
 * <p>
 * {@link dev.project51.testsupport.agent.FakeAgent} is a real local HTTP server that
 * speaks the agent API v1 (chat, the event stream, conversations, models, health) and
 * injects faults on demand ({@link dev.project51.testsupport.agent.Script}): delays,
 * hangs, status codes, dropped and garbled streams. It records every request. It speaks
 * JSON through Jackson rather than the contract's records, so that the agent client's own
 * tests can use it.
 */
package dev.project51.testsupport.agent;
