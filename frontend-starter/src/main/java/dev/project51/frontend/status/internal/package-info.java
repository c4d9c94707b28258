/**
 * The status endpoint and the health indicator of the agent. Internal: not API, may
 * change in any release; the auto-configuration wires it.
 */
package dev.project51.frontend.status.internal;
