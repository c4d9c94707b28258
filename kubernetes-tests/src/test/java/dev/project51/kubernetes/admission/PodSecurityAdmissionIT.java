package dev.project51.kubernetes.admission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.project51.kubernetes.ReferenceDeployment;
import dev.project51.kubernetes.testing.CommandResult;
import dev.project51.kubernetes.testing.ControlPlane;
import dev.project51.kubernetes.testing.ControlPlaneExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated manifests against a real API server whose namespace enforces Pod Security
 * Admission {@code restricted}: every file passes a server-side dry run and is admitted
 * with no warning, and the namespace really refuses a pod that breaks the profile. The
 * manifests' images are tagged with a commit SHA first, as deploy.sh does; as committed,
 * with their placeholder tag, the namespace's admission policy refuses the Deployment.
 */
@ExtendWith(ControlPlaneExtension.class)
class PodSecurityAdmissionIT {

	private static final String NAMESPACE = ReferenceDeployment.NAMESPACE;

	private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

	@TempDir
	static Path tagged;

	private static List<Path> manifests;

	@BeforeAll
	static void freshNamespace(ControlPlane controlPlane) {
		controlPlane.deleteNamespace(NAMESPACE, Duration.ofMinutes(2));
		controlPlane.kubectl("apply", "-f", ReferenceDeployment.file("k8s/00-namespace.yaml").toString()).orThrow();
		manifests = ReferenceDeployment.manifestsTaggedWith(tagged, SHA);
	}

	@Test
	void namespaceEnforcesTheRestrictedProfile(ControlPlane controlPlane) {
		CommandResult labels = controlPlane.kubectl("get", "namespace", NAMESPACE, "-o", "jsonpath={.metadata.labels}")
			.orThrow();
		assertThat(labels.stdout()).contains("\"pod-security.kubernetes.io/enforce\":\"restricted\"");
	}

	@Test
	void everyManifestPassesAServerSideDryRunWithoutWarnings(ControlPlane controlPlane) {
		assertThat(manifests).hasSameSizeAs(ReferenceDeployment.manifests()).hasSizeGreaterThanOrEqualTo(8);
		for (Path manifest : manifests) {
			CommandResult dryRun = controlPlane.kubectl("apply", "--dry-run=server", "-f", manifest.toString());
			assertThat(dryRun.exitCode()).as(dryRun.describe()).isZero();
			assertThat(dryRun.stderr()).as(dryRun.describe()).isEmpty();
			assertThat(dryRun.stdout()).as(dryRun.describe()).contains("(server dry run)");
		}
	}

	@Test
	void everyManifestIsAdmittedWithoutWarnings(ControlPlane controlPlane) {
		for (Path manifest : manifests) {
			CommandResult apply = controlPlane.kubectl("apply", "-f", manifest.toString());
			assertThat(apply.exitCode()).as(apply.describe()).isZero();
			assertThat(apply.stderr()).as(apply.describe()).isEmpty();
		}
		CommandResult pods = controlPlane.kubectl("get", "replicasets", "--namespace", NAMESPACE, "-o",
				"jsonpath={.items[*].status.conditions}");
		assertThat(pods.stdout()).as("a ReplicaSet whose pods admission refused reports ReplicaFailure")
			.doesNotContain("ReplicaFailure");
	}

	@Test
	void committedManifestsAloneCannotDeployThePlaceholderTag(ControlPlane controlPlane) {
		controlPlane
			.kubectl("apply", "-f", ReferenceDeployment.file("k8s/00-image-policy.yaml").toString(), "-f",
					ReferenceDeployment.file("k8s/00-image-policy-binding.yaml").toString())
			.orThrow();
		String deployment = ReferenceDeployment.file("k8s/frontend-deployment.yaml").toString();
		ControlPlane.await("the admission policy in force", Duration.ofSeconds(30),
				() -> controlPlane.kubectl("apply", "--dry-run=server", "-f", deployment).exitCode() != 0);
		CommandResult refused = controlPlane.kubectl("apply", "--dry-run=server", "-f",
				ReferenceDeployment.file("k8s").toString());
		assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
		assertThat(refused.stderr()).contains("ValidatingAdmissionPolicy 'project51-demo-commit-images'")
			.contains("every image must be tagged with a commit SHA, which deploy.sh sets")
			.contains(":set-by-deploy-sh");
		CommandResult tagged = controlPlane.kubectl("apply", "--dry-run=server", "-f",
				manifests.stream()
					.filter((file) -> file.endsWith("frontend-deployment.yaml"))
					.findFirst()
					.orElseThrow()
					.toString());
		assertThat(tagged.exitCode()).as(tagged.describe()).isZero();
	}

	@Test
	void namespaceRefusesAPodThatBreaksTheRestrictedProfile(ControlPlane controlPlane) {
		// No securityContext at all: allowed by the API server (privileged pods it
		// refuses by itself with
		// --allow-privileged=false), refused by the namespace's restricted profile.
		String unconfined = """
				apiVersion: v1
				kind: Pod
				metadata:
				  name: unconfined
				  namespace: %s
				spec:
				  containers:
				  - name: main
				    image: docker.io/library/busybox:1.37
				""".formatted(NAMESPACE);
		CommandResult refused = controlPlane.kubectlWithInput(unconfined, "apply", "--dry-run=server", "-f", "-");
		assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
		assertThat(refused.stderr()).contains("violates PodSecurity \"restricted:latest\"")
			.contains("allowPrivilegeEscalation != false")
			.contains("runAsNonRoot != true");
	}

}
