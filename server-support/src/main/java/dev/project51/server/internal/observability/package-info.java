/**
 * The trace id of a request, read once from its span and shared with everything that
 * answers it. Internal: not API, may change in any release; the starters'
 * auto-configurations wire it.
 */
package dev.project51.server.internal.observability;
