/**
 * Test support: a clock that tests move by hand, for code that takes a
 * {@link java.time.Clock}.
 */
package dev.project51.testsupport.time;
