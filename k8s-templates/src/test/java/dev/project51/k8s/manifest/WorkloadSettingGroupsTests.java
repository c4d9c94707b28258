package dev.project51.k8s.manifest;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.project51.k8s.SettingAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the groups of {@link WorkloadSettings}: each record validates itself, names
 * the rejected setting and says how to fix it, and its builder round-trips.
 */
class WorkloadSettingGroupsTests {

	@Nested
	class Container {

		private ContainerSettings.Builder valid() {
			return ContainerSettings.builder().imageRepository("docker.io/acme/shop").imageTag("abc123");
		}

		@Test
		void derivesTheImageAndTheJvmOptions() {
			ContainerSettings container = valid().build();
			assertThat(container.image()).isEqualTo("docker.io/acme/shop:abc123");
			assertThat(container.imagePullPolicy()).isEqualTo("IfNotPresent");
			assertThat(container.javaToolOptions())
				.isEqualTo("-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=2000");
			assertThat(container.toBuilder().build()).isEqualTo(container);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> valid().imageRepository(null).build(), "imageRepository", "must be set");
			assertRejected(() -> valid().imageRepository("acme/x:1").build(), "imageRepository",
					"put the tag in imageTag");
			assertRejected(() -> valid().imageTag("latest").build(), "imageTag", "use an immutable tag");
			assertRejected(() -> valid().imagePullPolicy("Sometimes").build(), "imagePullPolicy",
					"IfNotPresent, Always or Never", "'Sometimes'");
			assertRejected(() -> valid().maxRamPercentage(0).build(), "maxRamPercentage", "but was 0.0",
					"75 leaves a quarter");
			assertRejected(() -> new ContainerSettings("acme", "1", "Always", 100), "maxRamPercentage",
					"between 0 and 100");
		}

	}

	@Nested
	class Ports {

		@Test
		void exposesTheContainerPortThroughANodePortByDefault() {
			PortSettings ports = PortSettings.builder().build();
			assertThat(ports).isEqualTo(new PortSettings(8080, "NodePort", 8080, 30080));
			assertThat(PortSettings.builder().containerPort(9090).build().servicePort()).isEqualTo(9090);
			PortSettings internal = PortSettings.builder().clusterIp().servicePort(80).build();
			assertThat(internal).isEqualTo(new PortSettings(8080, "ClusterIP", 80, null));
			assertThat(internal.toBuilder().build()).isEqualTo(internal);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> PortSettings.builder().containerPort(0).build(), "containerPort",
					"between 1 and 65535, but was 0");
			assertRejected(() -> PortSettings.builder().servicePort(70000).build(), "servicePort", "70000");
			assertRejected(() -> PortSettings.builder().nodePort(80).build(), "nodePort",
					"between 30000 and 32767, but was 80");
			assertRejected(() -> new PortSettings(8080, "ClusterIP", 8080, 30080), "nodePort",
					"unset for a ClusterIP Service", "use a NodePort Service");
			assertRejected(() -> new PortSettings(8080, "LoadBalancer", 8080, null), "serviceType",
					"NodePort or ClusterIP", "'LoadBalancer'");
		}

	}

	@Nested
	class Rollout {

		@Test
		void keepsTwoReplicasUnlessOneIsAllowed() {
			RolloutSettings rollout = RolloutSettings.builder().build();
			assertThat(rollout).isEqualTo(new RolloutSettings(2, false, 5, 300, 5, 1));
			assertThat(rollout.minimumReplicas()).isEqualTo(2);
			RolloutSettings single = RolloutSettings.builder().replicas(1).allowSingleReplica(true).build();
			assertThat(single.minimumReplicas()).isEqualTo(1);
			assertThat(single.toBuilder().build()).isEqualTo(single);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> RolloutSettings.builder().replicas(1).build(), "replicas", "but was 1",
					"set allowSingleReplica to accept that");
			assertRejected(() -> RolloutSettings.builder().replicas(0).allowSingleReplica(true).build(), "replicas",
					">= 1, but was 0");
			assertRejected(() -> RolloutSettings.builder().minReadySeconds(-1).build(), "minReadySeconds",
					"between 0 and 3600");
			assertRejected(() -> RolloutSettings.builder().revisionHistoryLimit(0).build(), "revisionHistoryLimit",
					">= 1, but was 0");
			assertRejected(() -> RolloutSettings.builder().podDisruptionMaxUnavailable(0).build(),
					"podDisruptionMaxUnavailable", ">= 1, but was 0");
		}

	}

	@Nested
	class Resources {

		@Test
		void keepsTheMemoryRequestAtTheLimitByDefault() {
			ResourceSettings resources = ResourceSettings.builder().build();
			assertThat(resources).isEqualTo(ResourceSettings.defaults())
				.isEqualTo(new ResourceSettings("250m", "768Mi", "1", "768Mi"));
			assertThat(resources.toBuilder().cpuLimit("2").build().cpuLimit()).isEqualTo("2");
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> ResourceSettings.builder().memoryRequest("1Gi").build(), "memoryRequest",
					"must not exceed memoryLimit (768Mi), but was '1Gi'",
					"Kubernetes rejects a request above its limit");
			assertRejected(() -> ResourceSettings.builder().cpuLimit("lots").build(), "cpuLimit",
					"positive Kubernetes quantity such as '250m'", "'lots'");
		}

	}

	@Nested
	class Autoscaling {

		@Test
		void scalesFromTwoToFourAtSeventyPercentByDefault() {
			assertThat(AutoscalingSettings.builder().build()).isEqualTo(AutoscalingSettings.defaults())
				.isEqualTo(new AutoscalingSettings(2, 4, 70));
			AutoscalingSettings wider = AutoscalingSettings.defaults().toBuilder().maxReplicas(8).build();
			assertThat(wider.toBuilder().build()).isEqualTo(wider);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> AutoscalingSettings.builder().maxReplicas(1).build(), "autoscaling.maxReplicas",
					">= autoscaling.minReplicas (2), but was 1");
			assertRejected(() -> AutoscalingSettings.builder().minReplicas(0).build(), "autoscaling.minReplicas",
					">= 1, but was 0");
			assertRejected(() -> AutoscalingSettings.builder().targetCpuUtilization(101).build(),
					"autoscaling.targetCpuUtilization", "between 1 and 100");
		}

	}

	@Nested
	class Probes {

		@Test
		void probesSpringBootsHealthGroupsAndStartsWithTheLivenessPath() {
			ProbeSettings probes = ProbeSettings.builder().build();
			assertThat(probes.startupPath()).isNull();
			assertThat(probes.startupProbePath()).isEqualTo("/actuator/health/liveness");
			assertThat(probes.startupBudgetSeconds()).isEqualTo(180);
			assertThat(probes.toBuilder().startupPath("/started").build().startupProbePath()).isEqualTo("/started");
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> ProbeSettings.builder().livenessPath("/actuator/health/readiness").build(),
					"livenessPath", "must differ from readinessPath", "taking it out of the Service");
			assertRejected(() -> ProbeSettings.builder().readinessPath("health").build(), "readinessPath",
					"absolute HTTP path such as '/actuator/health/readiness'", "'health'");
			assertRejected(() -> ProbeSettings.builder().startupPath("up").build(), "startupPath", "'up'");
			assertRejected(() -> ProbeSettings.builder().startupPeriodSeconds(0).build(), "startupPeriodSeconds",
					"between 1 and 60");
			assertRejected(() -> ProbeSettings.builder().startupFailureThreshold(1001).build(),
					"startupFailureThreshold", "between 1 and 1000");
		}

	}

	@Nested
	class Shutdown {

		@Test
		void derivesTheGracePeriodFromThePauseAndTheGracefulShutdown() {
			assertThat(ShutdownSettings.builder().build()).isEqualTo(new ShutdownSettings(5, 30, 40));
			assertThat(ShutdownSettings.builder().shutdownTimeoutSeconds(60).build().terminationGracePeriodSeconds())
				.isEqualTo(70);
			ShutdownSettings explicit = ShutdownSettings.builder().terminationGracePeriodSeconds(90).build();
			assertThat(explicit.toBuilder().build()).isEqualTo(explicit);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> ShutdownSettings.builder().terminationGracePeriodSeconds(30).build(),
					"terminationGracePeriodSeconds", "(35 s), but was 30", "kills the container");
			assertRejected(() -> ShutdownSettings.builder().preStopSleepSeconds(61).build(), "preStopSleepSeconds",
					"between 0 and 60");
			assertRejected(() -> ShutdownSettings.builder().shutdownTimeoutSeconds(0).build(), "shutdownTimeoutSeconds",
					"between 1 and 3600");
		}

	}

	@Nested
	class Security {

		@Test
		void runsAsAHighUserWithABoundedTmp() {
			assertThat(SecuritySettings.builder().build()).isEqualTo(new SecuritySettings(10001, 10001, "256Mi"));
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> SecuritySettings.builder().runAsUser(1000).build(), "runAsUser", "above 10000",
					"cannot collide with a user of the node");
			assertRejected(() -> SecuritySettings.builder().runAsGroup(0).build(), "runAsGroup", "but was 0");
			assertRejected(() -> SecuritySettings.builder().tmpSizeLimit("lots").build(), "tmpSizeLimit",
					"such as '250m' or '1' (CPU) or '512Mi' (memory)", "'lots'");
		}

	}

	@Nested
	class Environment {

		@Test
		void keepsTheVariablesSortedAndUnmodifiable() {
			EnvironmentSettings environment = EnvironmentSettings.builder()
				.env("B", "2")
				.env("A", "1")
				.secretEnv("API_TOKEN", new SecretKeyRef("tokens", "API_TOKEN"))
				.build();
			assertThat(environment.env().keySet()).containsExactly("A", "B");
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> environment.env().put("C", "3"));
			assertThat(environment.toBuilder().build()).isEqualTo(environment);
			Map<String, String> source = new TreeMap<>(Map.of("A", "1"));
			EnvironmentSettings copied = new EnvironmentSettings(new TreeMap<>(source), new TreeMap<>());
			source.put("B", "2");
			assertThat(copied.env()).containsOnlyKeys("A");
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> EnvironmentSettings.builder().env("DB_PASSWORD", "x").build(), "env", "'DB_PASSWORD'",
					"pass it with secretEnv from a Secret instead");
			assertRejected(() -> EnvironmentSettings.builder().env("JAVA_TOOL_OPTIONS", "-Xmx1g").build(), "env",
					"derived from maxRamPercentage; change that setting instead");
			assertRejected(() -> EnvironmentSettings.builder().env("1X", "x").build(), "env",
					"environment variable name", "'1X'");
			assertRejected(() -> EnvironmentSettings.builder()
				.env("X", "1")
				.secretEnv("X", new SecretKeyRef("s", "X"))
				.build(), "secretEnv", "must not both define 'X'; keep only one");
		}

	}

	@Nested
	class Aggregate {

		@Test
		void setsAWholeGroupOrOneSettingOfIt() {
			WorkloadSettings settings = WorkloadSettings.builder("web")
				.container(ContainerSettings.builder().imageRepository("acme/web").imageTag("1").build())
				.probes(ProbeSettings.builder().startupPath("/started").build())
				.replicas(3)
				.build();
			assertThat(settings.container().image()).isEqualTo("acme/web:1").isEqualTo(settings.image());
			assertThat(settings.rollout().replicas()).isEqualTo(3);
			assertThat(settings.startupPath()).isEqualTo("/started");
			assertThat(settings.ports()).isEqualTo(PortSettings.builder().build());
			assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
			assertThat(settings.toBuilder().replicas(4).build()).isNotEqualTo(settings);
		}

		@Test
		void checksWhatSpansGroups() {
			assertRejected(() -> WorkloadSettings.builder("web")
				.imageRepository("acme/web")
				.imageTag("1")
				.rollout(RolloutSettings.builder().allowSingleReplica(false).build())
				.autoscaling(new AutoscalingSettings(1, 2, 50))
				.build(), "autoscaling.minReplicas", "set allowSingleReplica to accept one replica");
			assertRejected(() -> WorkloadSettings.builder("web")
				.imageRepository("acme/web")
				.imageTag("1")
				.startupFailureThreshold(60)
				.build(), "progressDeadlineSeconds", "(305 s), but was 300", "still allowed to start");
			assertRejected(() -> WorkloadSettings.builder("web").imageTag("1").probes(null).build(), "probes",
					"must be set");
		}

	}

}
