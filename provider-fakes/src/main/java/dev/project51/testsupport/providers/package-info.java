/**
 * Test support: local HTTP servers that speak the wire protocols of the model providers
 * the agent calls, with fault injection.
 * <p>
 * {@link dev.project51.testsupport.providers.FakeProvider#start(Protocol, String)} starts
 * one on a free loopback port for a {@link dev.project51.testsupport.providers.Protocol}
 * (OpenAI chat completions, also for any OpenAI-compatible server; Anthropic messages;
 * Gemini generateContent); {@link dev.project51.testsupport.providers.Fault} says how it
 * misbehaves: HTTP errors in the provider's own shapes, rate limits with
 * {@code Retry-After}, dropped and hanging connections, stalled, slow and broken streams.
 * Every fault is rendered the way that provider's real API renders it, so the real
 * clients (LangChain4j's among them) can be pointed at a fake by their base URL.
 */
package dev.project51.testsupport.providers;
