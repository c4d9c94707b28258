/**
 * The security headers, the same-origin check and the problem answers of refused
 * requests. Internal: not API, may change in any release; the auto-configuration wires
 * it.
 */
package dev.project51.frontend.security.internal;
