/**
 * Project51 Kubernetes templates: {@link dev.project51.k8s.manifest manifest builders},
 * the {@link dev.project51.k8s.check manifest checker} and the
 * {@link dev.project51.k8s.delivery delivery files}.
 */
package dev.project51.k8s;
