package dev.project51.infra.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import dev.project51.infra.SynthesizedStacks;
import dev.project51.infra.settings.ClusterSettings;
import dev.project51.infra.settings.HostSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HostStack} and {@link HostConstruct}: synthesizes the default host and
 * one customized host once and checks each default and setting in the JSON.
 */
class HostStackTests {

	static final HostSettings CUSTOM = HostSettings.builder()
		.name("shop")
		.region("eu-central-1")
		.instanceType("t3.large")
		.keyName("ops")
		.sshCidrs("203.0.113.7/32", "2001:db8::/64")
		.appPort(9090)
		.appCidrs("198.51.100.0/24", "2001:db8:1::/48")
		.rootVolumeGib(50)
		.kmsKeyArn("arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
		.network("vpc-0123456789abcdef0", "subnet-0123456789abcdef0")
		.tag("Owner", "alice")
		.createClusterOnBoot(false)
		.build();

	static final String DEFAULT_JSON = SynthesizedStacks.host(HostSettings.defaults());

	static final JsonNode DEFAULTS = SynthesizedStacks.parse(DEFAULT_JSON);

	static final JsonNode CUSTOM_STACK = SynthesizedStacks.parse(SynthesizedStacks.host(CUSTOM));

	@Test
	void looksUpTheLatestUbuntuJammyAmdImageFromCanonical() {
		assertThat(Testing.toHaveDataSourceWithProperties(DEFAULT_JSON, "aws_ami",
				Map.of("owners", List.of("099720109477"), "most_recent", true)))
			.isTrue();
		JsonNode ami = DEFAULTS.at("/data/aws_ami/host_ubuntu");
		assertThat(filters(ami)).containsExactly("name=ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*",
				"virtualization-type=hvm", "architecture=x86_64", "root-device-type=ebs");
		assertThat(instance(DEFAULTS).path("ami").asText()).isEqualTo("${data.aws_ami.host_ubuntu.id}");
	}

	@Test
	void configuresTheAwsProviderWithTheRegionAndDefaultTags() {
		assertThat(Testing.toHaveProviderWithProperties(DEFAULT_JSON, "aws",
				Map.of("region", "us-east-1", "default_tags", List.of(Map.of("tags",
						Map.of("Project", "project51", "ManagedBy", "project51-infra-cdktf", "Stack", "host"))))))
			.isTrue();
		assertThat(CUSTOM_STACK.at("/provider/aws/0/region").asText()).isEqualTo("eu-central-1");
		assertThat(CUSTOM_STACK.at("/provider/aws/0/default_tags/0/tags/Owner").asText()).isEqualTo("alice");
		assertThat(CUSTOM_STACK.at("/provider/aws/0/default_tags/0/tags/Project").asText()).isEqualTo("shop");
	}

	@Test
	void pinsProviderAndTerraformVersionsAndKeepsStateNextToTheOutputDirectory() {
		JsonNode terraform = DEFAULTS.path("terraform");
		assertThat(terraform.at("/required_providers/aws/source").asText()).isEqualTo("hashicorp/aws");
		assertThat(terraform.at("/required_providers/aws/version").asText()).isEqualTo("5.23.1");
		assertThat(terraform.path("required_version").asText()).isEqualTo(">= 1.5.0");
		assertThat(terraform.at("/backend/local/path").asText()).isEqualTo("../../../terraform.host.tfstate");
	}

	@Test
	void launchesAT2MediumWithAPublicAddressDetailedMonitoringAndAutomaticRecovery() {
		assertThat(Testing.toHaveResourceWithProperties(DEFAULT_JSON, "aws_instance",
				Map.of("instance_type", "t2.medium", "associate_public_ip_address", true, "monitoring", true,
						"maintenance_options", Map.of("auto_recovery", "default"), "iam_instance_profile",
						"${aws_iam_instance_profile.host_instance_profile.name}", "vpc_security_group_ids",
						List.of("${aws_security_group.host_security_group.id}"), "tags",
						Map.of("Name", "project51-host"))))
			.isTrue();
		JsonNode instance = instance(DEFAULTS);
		assertThat(instance.has("ebs_optimized")).as("t2 cannot be EBS-optimized").isFalse();
		assertThat(instance.has("subnet_id")).as("default subnet").isFalse();
	}

	@Test
	void requiresImdsV2WithAHopLimitOfOne() {
		assertThat(
				Testing.toHaveResourceWithProperties(DEFAULT_JSON, "aws_instance",
						Map.of("metadata_options",
								Map.of("http_endpoint", "enabled", "http_tokens", "required",
										"http_put_response_hop_limit", 1, "instance_metadata_tags", "disabled"))))
			.isTrue();
	}

	@Test
	void encryptsAGp3RootVolumeOf30Gib() {
		JsonNode root = instance(DEFAULTS).path("root_block_device");
		assertThat(root.path("volume_type").asText()).isEqualTo("gp3");
		assertThat(root.path("volume_size").asInt()).isEqualTo(30);
		assertThat(root.path("encrypted").asBoolean()).isTrue();
		assertThat(root.path("delete_on_termination").asBoolean()).isTrue();
		assertThat(root.has("kms_key_id")).as("AWS managed key by default").isFalse();
		assertThat(root.at("/tags/Name").asText()).isEqualTo("project51-host-root");
		assertThat(root.at("/tags/Project").asText()).as("default tags do not reach root volumes by themselves")
			.isEqualTo("project51");
	}

	@Test
	void aNewUbuntuImageDoesNotReplaceTheHostButNewUserDataDoes() {
		JsonNode instance = instance(DEFAULTS);
		assertThat(instance.at("/lifecycle/ignore_changes").toString()).isEqualTo("[\"ami\"]");
		assertThat(instance.path("user_data_replace_on_change").asBoolean()).isTrue();
	}

	@Test
	void userDataIsTheBootstrapScriptWithTheClusterStackEmbedded() {
		String cluster = SynthesizedStacks.cluster(ClusterSettings.defaults());
		assertThat(instance(DEFAULTS).path("user_data").asText())
			.isEqualTo(BootstrapScript.render(HostSettings.defaults(), cluster));
		assertThat(instance(CUSTOM_STACK).path("user_data").asText()).isEqualTo(BootstrapScript.render(CUSTOM, null))
			.doesNotContain("kind_cluster");
	}

	@Test
	void withoutSshThereIsNoKeyPairAndOnlyTheApplicationPortIsOpen() {
		assertThat(instance(DEFAULTS).has("key_name")).isFalse();
		JsonNode ingress = securityGroup(DEFAULTS).path("ingress");
		assertThat(ingress).hasSize(1);
		assertThat(ingress.get(0).path("from_port").asInt()).isEqualTo(8080);
		assertThat(ingress.get(0).path("to_port").asInt()).isEqualTo(8080);
		assertThat(ingress.get(0).path("protocol").asText()).isEqualTo("tcp");
		assertThat(ingress.get(0).path("cidr_blocks").toString()).isEqualTo("[\"0.0.0.0/0\"]");
		assertThat(ingress.get(0).path("description").asText())
			.isEqualTo("Project51 application (kind NodePort behind host port 8080)");
	}

	@Test
	void egressIsLimitedToHttpsAndHttp() {
		List<String> egress = new ArrayList<>();
		for (JsonNode rule : securityGroup(DEFAULTS).path("egress")) {
			egress.add(rule.path("protocol").asText() + "/" + rule.path("from_port").asInt() + "-"
					+ rule.path("to_port").asInt() + " " + rule.path("cidr_blocks").toString());
			assertThat(rule.path("description").asText()).isNotBlank();
		}
		assertThat(egress).containsExactly("tcp/443-443 [\"0.0.0.0/0\"]", "tcp/80-80 [\"0.0.0.0/0\"]");
	}

	@Test
	void theSecurityGroupIsNamedAndDescribedAndLivesInTheDefaultVpc() {
		JsonNode group = securityGroup(DEFAULTS);
		assertThat(group.path("name").asText()).isEqualTo("project51-host");
		assertThat(group.path("description").asText())
			.isEqualTo("Project51 host: application port, optional SSH, outbound HTTP(S) only");
		assertThat(group.has("vpc_id")).isFalse();
	}

	@Test
	void theInstanceRoleGrantsSessionManagerAndNothingElse() {
		assertThat(DEFAULTS.at("/data/aws_iam_policy_document/host_assume_role/statement/0/principals/0/identifiers/0")
			.asText()).isEqualTo("ec2.${data.aws_partition.host_partition.dns_suffix}");
		assertThat(DEFAULTS.at("/data/aws_iam_policy_document/host_assume_role/statement/0/actions").toString())
			.isEqualTo("[\"sts:AssumeRole\"]");
		JsonNode role = DEFAULTS.at("/resource/aws_iam_role/host_role");
		assertThat(role.path("name").asText()).isEqualTo("project51-host-us-east-1");
		assertThat(role.path("assume_role_policy").asText())
			.isEqualTo("${data.aws_iam_policy_document.host_assume_role.json}");
		assertThat(role.has("inline_policy")).isFalse();
		JsonNode attachments = DEFAULTS.at("/resource/aws_iam_role_policy_attachment");
		assertThat(attachments).hasSize(1);
		assertThat(attachments.path("host_ssm_policy").path("policy_arn").asText()).isEqualTo(
				"arn:${data.aws_partition.host_partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore");
		assertThat(DEFAULTS.at("/resource/aws_iam_instance_profile/host_instance_profile/role").asText())
			.isEqualTo("${aws_iam_role.host_role.name}");
	}

	@Test
	void recoversOnSystemCheckFailuresAndRebootsOnInstanceCheckFailures() {
		assertThat(Testing.toHaveResourceWithProperties(DEFAULT_JSON, "aws_cloudwatch_metric_alarm",
				Map.of("alarm_name", "project51-host-system-check-recover", "namespace", "AWS/EC2", "metric_name",
						"StatusCheckFailed_System", "statistic", "Maximum", "period", 60, "evaluation_periods", 2,
						"threshold", 1, "comparison_operator", "GreaterThanOrEqualToThreshold", "dimensions",
						Map.of("InstanceId", "${aws_instance.host_instance.id}"), "alarm_actions",
						List.of("arn:${data.aws_partition.host_partition.partition}:automate:us-east-1:ec2:recover"))))
			.isTrue();
		assertThat(Testing.toHaveResourceWithProperties(DEFAULT_JSON, "aws_cloudwatch_metric_alarm",
				Map.of("alarm_name", "project51-host-instance-check-reboot", "metric_name",
						"StatusCheckFailed_Instance", "evaluation_periods", 3, "alarm_actions",
						List.of("arn:${data.aws_partition.host_partition.partition}:automate:us-east-1:ec2:reboot"))))
			.isTrue();
		assertThat(CUSTOM_STACK.at("/resource/aws_cloudwatch_metric_alarm/host_recover_alarm/alarm_actions/0").asText())
			.isEqualTo("arn:${data.aws_partition.host_partition.partition}:automate:eu-central-1:ec2:recover");
	}

	@Test
	void defaultOutputsGiveAddressUrlAndSessionManagerCommandButNoSsh() {
		JsonNode output = DEFAULTS.path("output");
		assertThat(output.fieldNames()).toIterable()
			.containsExactlyInAnyOrder("instance_id", "public_ip", "public_dns", "app_url", "ssm_command",
					"bootstrap_log");
		assertThat(output.at("/public_ip/value").asText()).isEqualTo("${aws_instance.host_instance.public_ip}");
		assertThat(output.at("/public_dns/value").asText()).isEqualTo("${aws_instance.host_instance.public_dns}");
		assertThat(output.at("/instance_id/value").asText()).isEqualTo("${aws_instance.host_instance.id}");
		assertThat(output.at("/app_url/value").asText())
			.isEqualTo("http://${aws_instance.host_instance.public_ip}:8080");
		assertThat(output.at("/ssm_command/value").asText())
			.isEqualTo("aws ssm start-session --region us-east-1 --target ${aws_instance.host_instance.id}");
		assertThat(output.at("/bootstrap_log/value").asText()).isEqualTo("/var/log/project51-bootstrap.log");
		output.forEach((value) -> assertThat(value.path("description").asText()).isNotBlank());
	}

	@Test
	void sshIsOpenedOnlyToTheConfiguredCidrsWithTheKeyPair() {
		assertThat(instance(CUSTOM_STACK).path("key_name").asText()).isEqualTo("ops");
		JsonNode ssh = securityGroup(CUSTOM_STACK).path("ingress").get(1);
		assertThat(ssh.path("from_port").asInt()).isEqualTo(22);
		assertThat(ssh.path("to_port").asInt()).isEqualTo(22);
		assertThat(ssh.path("cidr_blocks").toString()).isEqualTo("[\"203.0.113.7/32\"]");
		assertThat(ssh.path("ipv6_cidr_blocks").toString()).isEqualTo("[\"2001:db8::/64\"]");
		assertThat(ssh.path("description").asText()).isEqualTo("SSH for operators from the configured CIDR blocks");
		assertThat(CUSTOM_STACK.at("/output/ssh_command/value").asText())
			.isEqualTo("ssh -i ~/.ssh/ops.pem ubuntu@${aws_instance.host_instance.public_ip}");
	}

	@Test
	void customApplicationPortAndCidrsReachTheSecurityGroupAndTheUrl() {
		JsonNode app = securityGroup(CUSTOM_STACK).path("ingress").get(0);
		assertThat(app.path("from_port").asInt()).isEqualTo(9090);
		assertThat(app.path("cidr_blocks").toString()).isEqualTo("[\"198.51.100.0/24\"]");
		assertThat(app.path("ipv6_cidr_blocks").toString()).isEqualTo("[\"2001:db8:1::/48\"]");
		assertThat(CUSTOM_STACK.at("/output/app_url/value").asText())
			.isEqualTo("http://${aws_instance.host_instance.public_ip}:9090");
	}

	@Test
	void customNetworkKeyTypeAndNamesAreApplied() {
		JsonNode instance = instance(CUSTOM_STACK);
		assertThat(instance.path("subnet_id").asText()).isEqualTo("subnet-0123456789abcdef0");
		assertThat(securityGroup(CUSTOM_STACK).path("vpc_id").asText()).isEqualTo("vpc-0123456789abcdef0");
		assertThat(instance.path("instance_type").asText()).isEqualTo("t3.large");
		assertThat(instance.path("ebs_optimized").asBoolean()).isTrue();
		assertThat(instance.at("/root_block_device/volume_size").asInt()).isEqualTo(50);
		assertThat(instance.at("/root_block_device/kms_key_id").asText())
			.isEqualTo("arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
		assertThat(instance.at("/root_block_device/tags/Owner").asText()).isEqualTo("alice");
		assertThat(CUSTOM_STACK.at("/resource/aws_iam_role/host_role/name").asText())
			.isEqualTo("shop-host-eu-central-1");
		assertThat(securityGroup(CUSTOM_STACK).path("name").asText()).isEqualTo("shop-host");
	}

	@Test
	void aClusterStackForAHostThatMustNotCreateTheClusterIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HostStack(SynthesizedStacks.app(), "host", CUSTOM, "{}"))
			.withMessage("a cluster stack was given to the host, but its settings say createClusterOnBoot=false; pass "
					+ "null or enable createClusterOnBoot");
	}

	@Test
	void ebsOptimizationIsRequestedExceptForFamiliesThatCannotHaveIt() {
		assertThat(HostConstruct.ebsOptimizable("t2.medium")).isFalse();
		assertThat(HostConstruct.ebsOptimizable("m1.small")).isFalse();
		assertThat(HostConstruct.ebsOptimizable("t3.medium")).isTrue();
		assertThat(HostConstruct.ebsOptimizable("m7i-flex.large")).isTrue();
	}

	static JsonNode instance(JsonNode stack) {
		return stack.at("/resource/aws_instance/host_instance");
	}

	static JsonNode securityGroup(JsonNode stack) {
		return stack.at("/resource/aws_security_group/host_security_group");
	}

	private static List<String> filters(JsonNode ami) {
		List<String> filters = new ArrayList<>();
		for (JsonNode filter : ami.path("filter")) {
			filters.add(filter.path("name").asText() + "=" + filter.path("values").get(0).asText());
		}
		return filters;
	}

}
