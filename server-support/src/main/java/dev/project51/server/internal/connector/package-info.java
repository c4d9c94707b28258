/**
 * Tomcat's connector against slow and greedy clients: a deadline for the request head and
 * the body, and a bound on the connections of one address. Internal: not API, may change
 * in any release; the auto-configuration wires it.
 */
package dev.project51.server.internal.connector;
