package dev.project51.k8s.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.project51.k8s.InvalidSettingException;
import dev.project51.k8s.delivery.DeliverySettings;
import dev.project51.k8s.manifest.AutoscalingSettings;
import dev.project51.k8s.manifest.ResourceSettings;

/**
 * How the flags of {@code render} map to {@link DeliverySettings}, both ways: the builder
 * calls the flags make, and the flag of the setting an {@link InvalidSettingException}
 * names.
 */
final class SettingFlags {

	/** Setting names of the builders whose option is not their kebab-case form. */
	private static final Map<String, String> OPTION_ALIASES = Map.of("autoscaling.minReplicas", "autoscaling-min",
			"autoscaling.maxReplicas", "autoscaling-max", "autoscaling.targetCpuUtilization", "autoscaling-cpu",
			"cpuRequest", "frontend-cpu-request", "cpuLimit", "frontend-cpu-limit", "memoryRequest",
			"frontend-memory-request", "memoryLimit", "frontend-memory-limit", "shutdownTimeoutSeconds",
			"shutdown-timeout", "renderBuildFilterPaths", "render-build-filter");

	private SettingFlags() {
	}

	/**
	 * The option that sets a setting of the builders.
	 * @param setting the setting's name, see {@link InvalidSettingException#getSetting()}
	 * @return the option, e.g. {@code --frontend-replicas}
	 */
	static String option(String setting) {
		String alias = OPTION_ALIASES.get(setting);
		if (alias != null) {
			return "--" + alias;
		}
		StringBuilder kebab = new StringBuilder("--");
		for (char c : setting.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString().replace('.', '-');
	}

	/**
	 * The settings the flags of {@code render} ask for.
	 * @param arguments the parsed flags
	 * @return the validated settings
	 * @throws InvalidSettingException if a setting is invalid; see
	 * {@link #option(String)}
	 */
	static DeliverySettings settings(Options.RenderArguments arguments) {
		DeliverySettings.Builder builder = DeliverySettings.builder()
			.appName(arguments.appName)
			.imageRepository(arguments.imageRepository)
			.imageTag(arguments.imageTag)
			.branch(arguments.branch)
			.namespace(arguments.namespace)
			.clusterName(arguments.clusterName)
			.frontendReplicas(arguments.frontendReplicas)
			.allowSingleReplica(arguments.allowSingleReplica)
			.frontendPort(arguments.frontendPort)
			.nodePort(arguments.nodePort)
			.hostPort(arguments.hostPort)
			.listenAddress(arguments.listenAddress)
			.kindNodeImage(arguments.kindNodeImage)
			.frontendResources(new ResourceSettings(arguments.cpuRequest, arguments.memoryRequest, arguments.cpuLimit,
					arguments.memoryLimit))
			.agentBaseUrl(arguments.agentBaseUrl)
			.agentTokenSecret(arguments.agentTokenSecret)
			.agentInCluster(arguments.agentInCluster)
			.agentPort(arguments.agentPort)
			.aiProvider(arguments.aiProvider)
			.networkPolicies(!arguments.noNetworkPolicies)
			.shutdownTimeoutSeconds(arguments.shutdownTimeout)
			.renderServiceName(arguments.renderServiceName)
			.renderRegion(arguments.renderRegion)
			.renderPlan(arguments.renderPlan)
			.renderHealthCheckPath(arguments.renderHealthCheckPath)
			.renderAutoDeployTrigger(arguments.renderAutoDeployTrigger)
			.backendDockerfile(arguments.backendDockerfile)
			.frontendDockerfile(arguments.frontendDockerfile)
			.dockerContext(arguments.dockerContext)
			.javaVersion(arguments.javaVersion)
			.testCommand(arguments.testCommand)
			.rolloutTimeout(arguments.rolloutTimeout)
			.smokePaths(list(arguments.smokePaths))
			.installDir(arguments.installDir);
		if (arguments.autoscaling) {
			builder.frontendAutoscaling(new AutoscalingSettings(arguments.autoscalingMin, arguments.autoscalingMax,
					arguments.autoscalingCpu));
		}
		if (arguments.renderBuildFilter != null) {
			builder.renderBuildFilterPaths(list(arguments.renderBuildFilter));
		}
		return builder.build();
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

}
