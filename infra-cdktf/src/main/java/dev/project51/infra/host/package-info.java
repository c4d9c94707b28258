/**
 * The EC2 host: {@link dev.project51.infra.host.HostConstruct} (the hardened instance,
 * its security group, IAM role and recovery alarms) and
 * {@link dev.project51.infra.host.HostStack} (the stack applied from the operator's
 * machine).
 */
package dev.project51.infra.host;
