/**
 * What the agent and frontend starters share on the server side: Tomcat's guards against
 * slow and greedy clients ({@code connector}), the {@code Host} allow-list and the limit
 * of failed authentications ({@code security}), sanitised and throttled logging
 * ({@code logging}) and strict JSON types ({@code json}). Internal: not API, may change
 * in any release; applications get it through the starters and configure it with their
 * properties.
 */
package dev.project51.server.internal;
