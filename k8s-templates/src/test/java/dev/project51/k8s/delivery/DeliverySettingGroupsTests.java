package dev.project51.k8s.delivery;

import java.util.ArrayList;
import java.util.List;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.project51.k8s.SettingAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the groups of {@link DeliverySettings}: each record validates itself, names
 * the rejected setting and says how to fix it, and its builder round-trips.
 */
class DeliverySettingGroupsTests {

	@Nested
	class Images {

		@Test
		void defaultsToThePlaceholderTagAndTheRepositoryRoot() {
			ImageSettings images = ImageSettings.builder().build();
			assertThat(images).isEqualTo(new ImageSettings("docker.io/project51", "set-by-deploy-sh",
					"backend/Dockerfile", "frontend/Dockerfile", "."));
			assertThat(images.toBuilder().build()).isEqualTo(images);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> ImageSettings.builder().imageTag("0123456789abcdef0123456789abcdef01234567").build(),
					"imageTag", "such as set-by-deploy-sh", "deploy.sh sets them");
			assertRejected(() -> ImageSettings.builder().imageRepository("docker.io/acme:1").build(), "imageRepository",
					"put the tag in imageTag");
			assertRejected(() -> ImageSettings.builder().backendDockerfile("../Dockerfile").build(),
					"backendDockerfile", "relative to the repository root without '..'", "e.g. backend/Dockerfile");
			assertRejected(() -> ImageSettings.builder().frontendDockerfile("/frontend/Dockerfile").build(),
					"frontendDockerfile", "'/frontend/Dockerfile'");
			assertRejected(() -> ImageSettings.builder().dockerContext("/").build(), "dockerContext", "'/'");
		}

	}

	@Nested
	class Cluster {

		@Test
		void leavesTheNamesToTheApplicationName() {
			ClusterSettings cluster = ClusterSettings.builder().build();
			assertThat(cluster.namespace()).isNull();
			assertThat(cluster.clusterName()).isNull();
			assertThat(cluster.kindNodeImage()).isEqualTo(DeliverySettings.DEFAULT_KIND_NODE_IMAGE);
			assertThat(cluster.networkPolicies()).isTrue();
			assertThat(cluster.toBuilder().build()).isEqualTo(cluster);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> ClusterSettings.builder().namespace("My_NS").build(), "namespace", "DNS label",
					"for example 'project51' or 'my-app'");
			assertRejected(() -> ClusterSettings.builder().clusterName("-kind").build(), "clusterName", "'-kind'");
			assertRejected(() -> ClusterSettings.builder().listenAddress("localhost").build(), "listenAddress",
					"IPv4 address such as 0.0.0.0 (all interfaces) or 127.0.0.1 (this host only)", "'localhost'");
			assertRejected(() -> ClusterSettings.builder().kindNodeImage("kindest/node:v1.35.0").build(),
					"kindNodeImage", "pinned by digest", "from the kind release notes");
			assertRejected(() -> ClusterSettings.builder().nodePort(8080).build(), "nodePort",
					"between 30000 and 32767, but was 8080");
			assertRejected(() -> ClusterSettings.builder().hostPort(70000).build(), "hostPort", "between 1 and 65535");
		}

	}

	@Nested
	class Frontend {

		@Test
		void runsTwoReplicasWithoutAutoscalingByDefault() {
			FrontendSettings frontend = FrontendSettings.builder().build();
			assertThat(frontend).isEqualTo(new FrontendSettings(2, false, 8080, ResourceSettings.defaults(), null));
			FrontendSettings scaled = frontend.toBuilder().frontendAutoscaling(AutoscalingSettings.defaults()).build();
			assertThat(scaled.toBuilder().build()).isEqualTo(scaled);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> FrontendSettings.builder().frontendReplicas(1).build(), "frontendReplicas",
					"but was 1", "set allowSingleReplica to accept that");
			assertRejected(() -> FrontendSettings.builder().frontendPort(0).build(), "frontendPort",
					"between 1 and 65535, but was 0");
			assertRejected(() -> FrontendSettings.builder().frontendResources(null).build(), "frontendResources",
					"must be set");
		}

	}

	@Nested
	class Agent {

		@Test
		void runsOnRenderWithOpenAiByDefault() {
			AgentSettings agent = AgentSettings.builder().build();
			assertThat(agent.agentInCluster()).isFalse();
			assertThat(agent.agentBaseUrl()).isNull();
			assertThat(agent.aiProvider()).isEqualTo(AgentProvider.OPENAI);
			assertThat(agent.toBuilder().aiProvider("local").build().aiProvider()).isEqualTo(AgentProvider.LOCAL);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> AgentSettings.builder().agentBaseUrl("ftp://agent").build(), "agentBaseUrl",
					"http(s) URL without trailing slash", "e.g. https://project51-backend.onrender.com");
			assertRejected(() -> AgentSettings.builder().agentBaseUrl("https://agent.example.com/").build(),
					"agentBaseUrl", "'https://agent.example.com/'");
			assertRejected(() -> AgentSettings.builder().agentTokenSecret("Agent_Token").build(), "agentTokenSecret",
					"DNS label");
			assertRejected(() -> AgentSettings.builder().agentPort(65536).build(), "agentPort", "between 1 and 65535");
			assertRejected(() -> AgentSettings.builder().aiProvider((AgentProvider) null).build(), "aiProvider",
					"must be set");
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> AgentSettings.builder().aiProvider("mistral"))
				.withMessage("aiProvider must be one of " + AgentProvider.ids() + ", but was 'mistral'");
		}

	}

	@Nested
	class Render {

		@Test
		void copiesTheBuildFilter() {
			List<String> paths = new ArrayList<>(List.of("backend/**"));
			RenderSettings render = RenderSettings.builder().renderBuildFilterPaths(paths).build();
			paths.add("docs/**");
			assertThat(render.renderBuildFilterPaths()).containsExactly("backend/**");
			assertThat(render.toBuilder().build()).isEqualTo(render);
			assertThat(RenderSettings.builder().build().renderBuildFilterPaths()).isNull();
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> RenderSettings.builder().renderRegion("mars").build(), "renderRegion",
					"one of [frankfurt, ohio, oregon, singapore, virginia], but was 'mars'");
			assertRejected(() -> RenderSettings.builder().renderPlan("huge").build(), "renderPlan", "'huge'");
			assertRejected(() -> RenderSettings.builder().renderAutoDeployTrigger("always").build(),
					"renderAutoDeployTrigger", "[checksPass, commit, off]");
			assertRejected(() -> RenderSettings.builder().renderHealthCheckPath("health").build(),
					"renderHealthCheckPath", "absolute HTTP path");
			assertRejected(() -> RenderSettings.builder().renderServiceName("Shop").build(), "renderServiceName",
					"lower-case letters, digits and '-'");
			assertRejected(() -> RenderSettings.builder().renderBuildFilterPaths(List.of()).build(),
					"renderBuildFilterPaths", "at least one path, e.g. backend/**");
			assertRejected(() -> RenderSettings.builder().renderBuildFilterPaths(List.of("/etc/**")).build(),
					"renderBuildFilterPaths", "relative to the repository root", "'/etc/**'");
		}

	}

	@Nested
	class Workflow {

		@Test
		void testsMainWithJava17ByDefault() {
			assertThat(WorkflowSettings.builder().build())
				.isEqualTo(new WorkflowSettings("main", "17", "mvn -B -ntp verify"));
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> WorkflowSettings.builder().branch("-main").build(), "branch", "git branch name",
					"'-main'");
			assertRejected(() -> WorkflowSettings.builder().branch("a..b").build(), "branch", "'a..b'");
			assertRejected(() -> WorkflowSettings.builder().javaVersion("17.0").build(), "javaVersion",
					"such as 17 or 21", "'17.0'");
			assertRejected(() -> WorkflowSettings.builder().testCommand("mvn\nverify").build(), "testCommand",
					"single line");
		}

	}

	@Nested
	class DeployScript {

		@Test
		void smokeChecksReadinessAndTheRootPageByDefault() {
			DeployScriptSettings deploy = DeployScriptSettings.builder().build();
			assertThat(deploy.smokePaths()).containsExactly("/actuator/health/readiness", "/");
			assertThat(deploy.installDir()).isNull();
			assertThat(deploy.toBuilder().build()).isEqualTo(deploy);
		}

		@Test
		void rejectsBadValuesNamingTheSettingAndTheFix() {
			assertRejected(() -> DeployScriptSettings.builder().rolloutTimeout("10 minutes").build(), "rolloutTimeout",
					"such as 600s or 10m", "'10 minutes'");
			assertRejected(() -> DeployScriptSettings.builder().smokePaths(List.of()).build(), "smokePaths",
					"at least one path, e.g. /actuator/health/readiness");
			assertRejected(() -> DeployScriptSettings.builder().smokePaths(List.of("health")).build(), "smokePaths",
					"absolute HTTP path", "'health'");
			assertRejected(() -> DeployScriptSettings.builder().installDir("opt/shop").build(), "installDir",
					"absolute path without spaces, e.g. /opt/project51");
		}

	}

	@Nested
	class Aggregate {

		@Test
		void setsAWholeGroupOrOneSettingOfItAndDerivesNamesFromTheApplication() {
			DeliverySettings settings = DeliverySettings.builder()
				.appName("shop")
				.render(RenderSettings.builder().renderRegion("frankfurt").build())
				.agentPort(9090)
				.build();
			assertThat(settings.render().renderRegion()).isEqualTo("frankfurt").isEqualTo(settings.renderRegion());
			assertThat(settings.agent().agentPort()).isEqualTo(9090);
			assertThat(settings.namespace()).isEqualTo("shop");
			assertThat(settings.clusterName()).isEqualTo("shop");
			assertThat(settings.renderServiceName()).isEqualTo("shop-backend");
			assertThat(settings.installDir()).isEqualTo("/opt/shop");
			assertThat(settings.agentBaseUrl()).isEqualTo("https://shop-backend.onrender.com");
			assertThat(settings.renderBuildFilterPaths()).containsExactly("backend/**", "pom.xml");
			DeliverySettings renamed = settings.toBuilder().appName("store").build();
			assertThat(renamed.namespace()).isEqualTo("store");
			assertThat(renamed.render()).isEqualTo(settings.render());
		}

		@Test
		void rejectsTheApplicationWideSettingsAndAMissingGroup() {
			assertRejected(() -> DeliverySettings.builder().appName("a".repeat(41)).build(), "appName",
					"at most 40 characters", "append '-frontend' and '-backend'");
			assertRejected(() -> DeliverySettings.builder().shutdownTimeoutSeconds(291).build(),
					"shutdownTimeoutSeconds", "between 1 and 290");
			assertRejected(() -> DeliverySettings.builder().cluster(null), "cluster", "must be set");
		}

	}

}
