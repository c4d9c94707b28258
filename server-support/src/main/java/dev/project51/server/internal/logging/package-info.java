/**
 * Logging of values that come from requests: sanitized, and repeated warnings throttled.
 * Internal: not API, may change in any release.
 */
package dev.project51.server.internal.logging;
