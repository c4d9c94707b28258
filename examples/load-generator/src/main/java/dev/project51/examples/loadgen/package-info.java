/**
 * A load generator for a Project51 deployment, built on {@code project51-agent-client}:
 * chat and stream at several concurrencies, the framework's floor beside them, and the
 * frontend's relay overhead, written as a Markdown report.
 * <p>
 * {@link dev.project51.examples.loadgen.LoadGenerator} is the entry point; {@code load}
 * runs scenarios and computes the statistics, {@code scenario} holds the requests,
 * {@code report} writes Markdown and {@code host} reads the machine's load and the
 * processes' memory.
 */
package dev.project51.examples.loadgen;
