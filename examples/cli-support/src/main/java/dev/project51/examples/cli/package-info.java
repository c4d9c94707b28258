/**
 * What the command-line examples share in reading their command line: one
 * {@link dev.project51.examples.cli.UsageException} for a command line that cannot run,
 * messages for picocli's parse errors, and the agent client's URL check in command-line
 * words.
 */
package dev.project51.examples.cli;
