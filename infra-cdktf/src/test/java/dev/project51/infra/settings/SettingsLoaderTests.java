package dev.project51.infra.settings;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SettingsLoader}.
 */
class SettingsLoaderTests {

	@Test
	void noEnvironmentAndNoArgumentsGiveTheDefaults() {
		assertThat(SettingsLoader.load(Map.of(), List.of())).isEqualTo(InfraSettings.defaults());
	}

	@Test
	void environmentVariablesSetEverySetting() {
		Map<String, String> env = Map.ofEntries(Map.entry("PROJECT51_NAME", "shop"),
				Map.entry("PROJECT51_AWS_REGION", "eu-central-1"), Map.entry("PROJECT51_INSTANCE_TYPE", "t3.large"),
				Map.entry("PROJECT51_KEY_NAME", "ops"),
				Map.entry("PROJECT51_SSH_CIDRS", "203.0.113.7/32, 2001:db8::/64"),
				Map.entry("PROJECT51_ALLOW_SSH_FROM_ANYWHERE", "no"), Map.entry("PROJECT51_APP_PORT", "9090"),
				Map.entry("PROJECT51_APP_CIDRS", "192.0.2.0/24"), Map.entry("PROJECT51_ROOT_VOLUME_GIB", "40"),
				Map.entry("PROJECT51_KMS_KEY_ARN",
						"arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
				Map.entry("PROJECT51_VPC_ID", "vpc-0123456789abcdef0"),
				Map.entry("PROJECT51_SUBNET_ID", "subnet-0123456789abcdef0"),
				Map.entry("PROJECT51_REPOSITORY_URL", "https://git.example.com/team/shop.git"),
				Map.entry("PROJECT51_REPOSITORY_BRANCH", "release/1.0"),
				Map.entry("PROJECT51_CHECKOUT_DIRECTORY", "/srv/shop"),
				Map.entry("PROJECT51_TAGS", "Owner=alice, CostCenter=42"),
				Map.entry("PROJECT51_CREATE_CLUSTER_ON_BOOT", "false"), Map.entry("PROJECT51_CLUSTER_NAME", "shop"),
				Map.entry("PROJECT51_KIND_NODE_IMAGE", "kindest/node:v1.34.3"),
				Map.entry("PROJECT51_KUBECONFIG_PATH", "/home/ubuntu/.kube/shop"),
				Map.entry("PROJECT51_NODE_PORT", "31000"));

		InfraSettings settings = SettingsLoader.load(env, List.of());

		HostSettings host = settings.host();
		assertThat(host.name()).isEqualTo("shop");
		assertThat(host.region()).isEqualTo("eu-central-1");
		assertThat(host.instanceType()).isEqualTo("t3.large");
		assertThat(host.keyName()).isEqualTo("ops");
		assertThat(host.sshCidrs()).containsExactly("203.0.113.7/32", "2001:db8::/64");
		assertThat(host.allowSshFromAnywhere()).isFalse();
		assertThat(host.appPort()).isEqualTo(9090);
		assertThat(host.appCidrs()).containsExactly("192.0.2.0/24");
		assertThat(host.rootVolumeGib()).isEqualTo(40);
		assertThat(host.kmsKeyArn()).endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");
		assertThat(host.vpcId()).isEqualTo("vpc-0123456789abcdef0");
		assertThat(host.subnetId()).isEqualTo("subnet-0123456789abcdef0");
		assertThat(host.repositoryUrl()).isEqualTo("https://git.example.com/team/shop.git");
		assertThat(host.repositoryBranch()).isEqualTo("release/1.0");
		assertThat(host.checkoutDirectory()).isEqualTo("/srv/shop");
		assertThat(host.tags()).containsExactly(Map.entry("Owner", "alice"), Map.entry("CostCenter", "42"));
		assertThat(host.createClusterOnBoot()).isFalse();
		ClusterSettings cluster = settings.cluster();
		assertThat(cluster.name()).isEqualTo("shop");
		assertThat(cluster.nodeImage()).isEqualTo("kindest/node:v1.34.3");
		assertThat(cluster.kubeconfigPath()).isEqualTo("/home/ubuntu/.kube/shop");
		assertThat(cluster.hostPort()).as("the application port feeds kind's host port").isEqualTo(9090);
		assertThat(cluster.nodePort()).isEqualTo(31000);
	}

	@Test
	void everySettingHasAUniqueEnvironmentVariableAndOption() {
		List<SettingsLoader.SettingDescription> settings = SettingsLoader.settings();
		Set<String> names = new HashSet<>();
		for (SettingsLoader.SettingDescription setting : settings) {
			assertThat(setting.environmentVariable()).startsWith("PROJECT51_").matches("[A-Z0-9_]+");
			assertThat(setting.option()).startsWith("--").matches("--[a-z0-9-]+");
			assertThat(setting.description()).endsWith(".");
			assertThat(names.add(setting.environmentVariable())).isTrue();
			assertThat(names.add(setting.option())).isTrue();
		}
		assertThat(settings).hasSize(21);
	}

	@Test
	void argumentsWinOverEnvironmentVariables() {
		InfraSettings settings = SettingsLoader.load(Map.of("PROJECT51_AWS_REGION", "eu-west-1"),
				List.of("--region=eu-central-1", "--instance-type", "t3.medium"));
		assertThat(settings.host().region()).isEqualTo("eu-central-1");
		assertThat(settings.host().instanceType()).isEqualTo("t3.medium");
	}

	@Test
	void blankValuesCountAsUnset() {
		InfraSettings settings = SettingsLoader.load(Map.of("PROJECT51_KEY_NAME", " ", "PROJECT51_AWS_REGION", ""),
				List.of("--name="));
		assertThat(settings).isEqualTo(InfraSettings.defaults());
	}

	@Test
	void blankArgumentResetsAnEnvironmentVariableToItsDefault() {
		InfraSettings settings = SettingsLoader.load(Map.of("PROJECT51_SSH_CIDRS", "203.0.113.7/32"),
				List.of("--ssh-cidrs="));
		assertThat(settings.host().sshEnabled()).isFalse();
	}

	@Test
	void bareBooleanOptionMeansTrue() {
		InfraSettings settings = SettingsLoader.load(Map.of(),
				List.of("--ssh-cidrs=0.0.0.0/0", "--key-name=ops", "--allow-ssh-from-anywhere"));
		assertThat(settings.host().allowSshFromAnywhere()).isTrue();
		assertThat(settings.host().sshCidrs()).containsExactly("0.0.0.0/0");
	}

	@Test
	void invalidValueNamesTheEnvironmentVariableItCameFrom() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader
				.load(Map.of("PROJECT51_SSH_CIDRS", "0.0.0.0/0", "PROJECT51_KEY_NAME", "ops"), List.of()))
			.satisfies((ex) -> assertThat(ex.violations()).singleElement()
				.extracting(Violation::message)
				.isEqualTo("sshCidrs entry '0.0.0.0/0' would open SSH to the whole internet; restrict it to your own "
						+ "address (for example 203.0.113.7/32), leave sshCidrs empty and use AWS Systems Manager "
						+ "Session Manager, or set allowSshFromAnywhere if you really mean it "
						+ "(from PROJECT51_SSH_CIDRS)"));
	}

	@Test
	void invalidValueNamesTheOptionItCameFrom() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader.load(Map.of(), List.of("--root-volume-gib=5")))
			.withMessageEndingWith("(from --root-volume-gib)");
	}

	@Test
	void missingDependentSettingSaysHowToSetIt() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader.load(Map.of("PROJECT51_SSH_CIDRS", "203.0.113.7/32"), List.of()))
			.withMessage("keyName must name an EC2 key pair when SSH is enabled (sshCidrs is [203.0.113.7/32]); create "
					+ "one with 'aws ec2 create-key-pair' or leave sshCidrs empty "
					+ "(set it with PROJECT51_KEY_NAME or --key-name)");
	}

	@Test
	void unparsableValuesAreReportedWithTheirSource() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader.load(Map.of("PROJECT51_APP_PORT", "eighty",
					"PROJECT51_CREATE_CLUSTER_ON_BOOT", "maybe", "PROJECT51_TAGS", "Owner"), List.of()))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::message)
				.containsExactlyInAnyOrder("PROJECT51_APP_PORT must be a whole number, but was 'eighty'",
						"PROJECT51_CREATE_CLUSTER_ON_BOOT must be true or false, but was 'maybe'",
						"PROJECT51_TAGS must be key=value pairs separated by commas, such as Owner=alice,Team=web, "
								+ "but has 'Owner'"));
	}

	@Test
	void unknownOptionsAndStrayArgumentsAreRefused() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader.load(Map.of(), List.of("--regoin=eu-central-1", "eu-central-1")))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::message)
				.containsExactly("unknown option '--regoin'; run with --help to list the options",
						"unexpected argument 'eu-central-1'; options look like --region=eu-central-1 (run with --help "
								+ "to list them)"));
	}

	@Test
	void optionWithoutValueIsRefused() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader.load(Map.of(), List.of("--app-port")))
			.withMessage("option --app-port needs a value, for example --app-port=8080");
	}

	@Test
	void hostAndClusterProblemsAreReportedTogether() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> SettingsLoader.load(Map.of("PROJECT51_AWS_REGION", "mars", "PROJECT51_NODE_PORT", "80"),
					List.of()))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::setting)
				.containsExactly("region", "nodePort"));
	}

	@Test
	void crossStackProblemNamesTheVariableItCameFrom() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(
					() -> SettingsLoader.load(Map.of("PROJECT51_KIND_NODE_IMAGE", "kindest/node:v1.30.0"), List.of()))
			.withMessageContaining("runs Kubernetes 1.30")
			.withMessageEndingWith("(from PROJECT51_KIND_NODE_IMAGE)");
	}

	@Test
	void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() {
		String help = SettingsLoader.help();
		for (SettingsLoader.SettingDescription setting : SettingsLoader.settings()) {
			assertThat(help).contains(setting.option()).contains(setting.environmentVariable());
		}
		assertThat(help).contains("  --ssh-cidrs=<value>\n      env PROJECT51_SSH_CIDRS, default (none: SSH disabled, "
				+ "use Session Manager)\n");
		assertThat(help).contains("  --allow-ssh-from-anywhere[=true|false]\n");
	}

}
