/**
 * Configuration shared by both servers: the starters' settings at the lowest precedence,
 * and the one style of their properties' errors. Internal: not API, may change in any
 * release.
 */
package dev.project51.server.internal.env;
