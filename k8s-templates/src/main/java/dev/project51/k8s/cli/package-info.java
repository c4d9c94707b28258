/**
 * The command line: {@code render}, {@code check} and {@code rules}. See
 * {@link dev.project51.k8s.cli.Main}.
 */
package dev.project51.k8s.cli;
