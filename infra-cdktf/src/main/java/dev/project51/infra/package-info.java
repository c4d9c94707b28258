/**
 * CDK for Terraform (CDKTF) infrastructure of Project51: an EC2 host and a kind cluster,
 * synthesized to plain Terraform JSON by {@link dev.project51.infra.Synthesizer}.
 * <p>
 * HashiCorp archived CDKTF on 2025-12-10. CDKTF types therefore stay inside this module:
 * settings and entry points are plain Java, and the synthesized {@code cdk.tf.json} is
 * applied with {@code terraform} or OpenTofu, not with the CDKTF CLI.
 */
package dev.project51.infra;
