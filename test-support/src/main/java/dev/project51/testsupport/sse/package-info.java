/**
 * Test support: the one way a test reads server-sent events, as a browser's
 * {@code EventSource} parses them.
 */
package dev.project51.testsupport.sse;
