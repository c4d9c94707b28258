/**
 * The HTTP layer under the agent client, behind a small interface so that timeouts,
 * retries and the circuit breaker can be tested without sockets.
 * <p>
 * {@link dev.project51.agent.client.transport.JdkHttpTransport} is the default
 * implementation, on the JDK {@link java.net.http.HttpClient};
 * {@link dev.project51.agent.client.transport.ApacheHttpTransport}, on Apache HttpClient
 * 5 (an optional dependency), reads responses on the caller's thread without a selector
 * thread in between.
 */
package dev.project51.agent.client.transport;
