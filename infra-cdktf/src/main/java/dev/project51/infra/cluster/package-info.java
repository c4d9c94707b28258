/**
 * The kind cluster: {@link dev.project51.infra.cluster.ClusterConstruct} (a
 * {@code kind_cluster} of the {@code tehcyx/kind} provider) and
 * {@link dev.project51.infra.cluster.ClusterStack} (the stack applied on the host).
 */
package dev.project51.infra.cluster;
