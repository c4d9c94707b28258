/**
 * Discovery of the application's {@code @Tool} beans. Internal: not API, may change in
 * any release; the auto-configuration wires it.
 */
package dev.project51.agent.server.tools.internal;
