/**
 * The command line of the infrastructure module: {@link dev.project51.infra.cli.Main}.
 */
package dev.project51.infra.cli;
