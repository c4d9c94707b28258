/**
 * Environment defaults shared by both servers: the starters' settings at the lowest
 * precedence. Internal: not API, may change in any release.
 */
package dev.project51.server.internal.env;
