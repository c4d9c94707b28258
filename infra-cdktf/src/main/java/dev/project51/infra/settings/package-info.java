/**
 * Typed, validated settings of the Project51 infrastructure, free of CDKTF types:
 * {@link dev.project51.infra.settings.HostSettings} for the EC2 host,
 * {@link dev.project51.infra.settings.ClusterSettings} for the kind cluster, and
 * {@link dev.project51.infra.settings.SettingsLoader} to read both from environment
 * variables and command-line arguments.
 */
package dev.project51.infra.settings;
