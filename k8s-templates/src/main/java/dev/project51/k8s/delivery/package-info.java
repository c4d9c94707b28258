/**
 * The delivery set rendered from one {@link dev.project51.k8s.delivery.DeliverySettings}:
 * Kubernetes manifests, {@code deploy.sh}, {@code render.yaml}, the GitHub Actions
 * workflow and the kind cluster configuration. Entry point:
 * {@link dev.project51.k8s.delivery.DeliveryFiles}.
 */
package dev.project51.k8s.delivery;
