/**
 * fabric8 builders for self-healing, locked-down workload manifests
 * ({@link dev.project51.k8s.manifest.WorkloadManifests}) from validated
 * {@link dev.project51.k8s.manifest.WorkloadSettings}, and a stable YAML writer
 * ({@link dev.project51.k8s.manifest.ManifestYaml}).
 */
package dev.project51.k8s.manifest;
