/**
 * An offline checker for Kubernetes manifests: schema validation plus self-healing and
 * security rules named after kube-score and kube-linter checks. Entry point:
 * {@link dev.project51.k8s.check.ManifestChecker}.
 */
package dev.project51.k8s.check;
