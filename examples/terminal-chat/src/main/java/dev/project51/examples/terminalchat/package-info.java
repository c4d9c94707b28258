/**
 * A terminal chat with a Project51 agent, built on {@code project51-agent-client} (and
 * picocli): an example of reusing the client library in a plain Java program.
 * <p>
 * {@link dev.project51.examples.terminalchat.TerminalChat} is the entry point.
 */
package dev.project51.examples.terminalchat;
