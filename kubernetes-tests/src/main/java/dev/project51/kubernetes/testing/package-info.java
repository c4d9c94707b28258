/**
 * A real Kubernetes control plane for tests:
 * {@link dev.project51.kubernetes.testing.ControlPlaneExtension} builds etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and kwok from Go
 * modules (once, cached), starts them once per test JVM on loopback and hands tests a
 * {@link dev.project51.kubernetes.testing.ControlPlane}.
 */
package dev.project51.kubernetes.testing;
