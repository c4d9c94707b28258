/**
 * Test support: the one way a test requires a tool from the machine.
 * <p>
 * {@link dev.project51.testsupport.tools.RequiredTool} fails the test under
 * {@code CI=true} (where {@code .ci/run} installs every tool) and skips it, with a
 * message printed once, everywhere else.
 */
package dev.project51.testsupport.tools;
