package dev.project51.k8s.manifest;

import java.util.function.UnaryOperator;

import dev.project51.k8s.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the validation of {@link WorkloadSettings}, {@link ResourceSettings},
 * {@link AutoscalingSettings} and {@link SecretKeyRef}.
 */
class WorkloadSettingsTests {

	private static WorkloadSettings.Builder valid() {
		return WorkloadSettings.builder("frontend").imageRepository("docker.io/acme/shop-frontend").imageTag("abc123");
	}

	@Test
	void acceptsTheDefaults() {
		WorkloadSettings settings = valid().build();
		assertThat(settings.replicas()).isEqualTo(2);
		assertThat(settings.image()).isEqualTo("docker.io/acme/shop-frontend:abc123");
		assertThat(settings.startupPath()).isEqualTo(settings.livenessPath());
		assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
		assertThat(settings.toString()).contains("name=frontend");
	}

	@Test
	void gracePeriodCoversThePreStopPauseAndTheGracefulShutdown() {
		WorkloadSettings settings = valid().build();
		assertThat(settings.preStopSleepSeconds()).isEqualTo(5);
		assertThat(settings.shutdownTimeoutSeconds()).isEqualTo(30);
		assertThat(settings.terminationGracePeriodSeconds()).isEqualTo(40);
		assertThat(valid().shutdownTimeoutSeconds(60).build().terminationGracePeriodSeconds()).isEqualTo(70);
		assertInvalid((b) -> b.terminationGracePeriodSeconds(30), "terminationGracePeriodSeconds",
				"must exceed preStopSleepSeconds plus shutdownTimeoutSeconds (35 s), but was 30");
		assertInvalid((b) -> b.preStopSleepSeconds(-1), "preStopSleepSeconds", "between 0 and 60");
	}

	@Test
	void rejectsBadValuesWithTheSettingTheValueAndAFix() {
		assertInvalid((b) -> WorkloadSettings.builder("Frontend").imageRepository("acme/x").imageTag("1"), "name",
				"'Frontend'");
		assertInvalid((b) -> b.replicas(1), "replicas", "allowSingleReplica");
		assertInvalid((b) -> b.imageTag("latest"), "imageTag", "git SHA");
		assertInvalid((b) -> b.imageTag("a b"), "imageTag", "'a b'");
		assertInvalid((b) -> b.imageRepository("acme/x:1"), "imageRepository", "imageTag");
		assertInvalid((b) -> b.imagePullPolicy("Sometimes"), "imagePullPolicy", "'Sometimes'");
		assertInvalid((b) -> b.containerPort(0), "containerPort", "between 1 and 65535, but was 0");
		assertInvalid((b) -> b.nodePort(80), "nodePort", "between 30000 and 32767, but was 80");
		assertInvalid((b) -> b.maxRamPercentage(100), "maxRamPercentage", "100");
		assertInvalid((b) -> b.livenessPath("/actuator/health/readiness"), "livenessPath", "readinessPath");
		assertInvalid((b) -> b.readinessPath("health"), "readinessPath", "'health'");
		assertInvalid((b) -> b.progressDeadlineSeconds(120), "progressDeadlineSeconds", "(185 s)");
		assertInvalid((b) -> b.runAsUser(1000), "runAsUser", "above 10000");
		assertInvalid((b) -> b.env("API_TOKEN", "x"), "env", "secretEnv");
		assertInvalid((b) -> b.env("JAVA_TOOL_OPTIONS", "-Xmx1g"), "env", "maxRamPercentage");
		assertInvalid((b) -> b.env("1X", "x"), "env", "'1X'");
		assertInvalid((b) -> b.env("X", "1").secretEnv("X", new SecretKeyRef("s", "X")), "secretEnv", "'X'");
		assertInvalid((b) -> b.autoscaling(new AutoscalingSettings(1, 3, 50)), "autoscaling.minReplicas",
				"allowSingleReplica");
		assertInvalid((b) -> b.tmpSizeLimit("lots"), "tmpSizeLimit", "'lots'");
		assertInvalid((b) -> b.podDisruptionMaxUnavailable(0), "podDisruptionMaxUnavailable", ">= 1");
	}

	@Test
	void allowsOneReplicaOnlyWhenAskedTo() {
		assertThat(valid().replicas(1).allowSingleReplica(true).build().replicas()).isEqualTo(1);
	}

	@Test
	void validatesResourcesAutoscalingAndSecretReferences() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ResourceSettings("250m", "1Gi", "1", "512Mi"))
			.withMessageContaining("memoryRequest must not exceed memoryLimit (512Mi), but was '1Gi'");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ResourceSettings("lots", "1Gi", "1", "1Gi"))
			.withMessageContaining("cpuRequest")
			.withMessageContaining("'lots'");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ResourceSettings("0", "1Gi", "1", "1Gi"))
			.withMessageContaining("positive");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new AutoscalingSettings(3, 2, 50))
			.withMessageContaining("autoscaling.maxReplicas must be >= autoscaling.minReplicas (3), but was 2");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new AutoscalingSettings(2, 4, 0))
			.withMessageContaining("autoscaling.targetCpuUtilization");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new SecretKeyRef("Bad_Name", "K"))
			.withMessageContaining("secretName");
	}

	private static void assertInvalid(UnaryOperator<WorkloadSettings.Builder> change, String setting, String fragment) {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> change.apply(valid()).build())
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo(setting))
			.withMessageStartingWith(setting)
			.withMessageContaining(fragment);
	}

}
