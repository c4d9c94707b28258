package dev.project51.infra.settings;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link HostSettings}.
 */
class HostSettingsTests {

	@Test
	void defaultsAreSafeAndMatchTheDocumentation() {
		HostSettings settings = HostSettings.defaults();
		assertThat(settings.name()).isEqualTo("project51");
		assertThat(settings.region()).isEqualTo("us-east-1");
		assertThat(settings.instanceType()).isEqualTo("t2.medium");
		assertThat(settings.keyName()).isNull();
		assertThat(settings.sshCidrs()).isEmpty();
		assertThat(settings.sshEnabled()).isFalse();
		assertThat(settings.allowSshFromAnywhere()).isFalse();
		assertThat(settings.appPort()).isEqualTo(8080);
		assertThat(settings.appCidrs()).containsExactly("0.0.0.0/0");
		assertThat(settings.rootVolumeGib()).isEqualTo(30);
		assertThat(settings.kmsKeyArn()).isNull();
		assertThat(settings.vpcId()).isNull();
		assertThat(settings.subnetId()).isNull();
		assertThat(settings.repositoryUrl()).isEqualTo("https://github.com/project51/project51.git");
		assertThat(settings.repositoryBranch()).isEqualTo("main");
		assertThat(settings.checkoutDirectory()).isEqualTo("/opt/project51");
		assertThat(settings.tags()).isEmpty();
		assertThat(settings.createClusterOnBoot()).isTrue();
	}

	@Test
	void sshFromAGivenCidrWithAKeyIsAccepted() {
		HostSettings settings = HostSettings.builder()
			.sshCidrs("203.0.113.7/32", "2001:db8::/64")
			.keyName("ops")
			.build();
		assertThat(settings.sshEnabled()).isTrue();
		assertThat(settings.sshCidrs()).containsExactly("203.0.113.7/32", "2001:db8::/64");
	}

	@Test
	void sshFromAnywhereIsAcceptedOnlyWhenExplicitlyAllowed() {
		HostSettings settings = HostSettings.builder()
			.sshCidrs("0.0.0.0/0")
			.keyName("ops")
			.allowSshFromAnywhere(true)
			.build();
		assertThat(settings.sshCidrs()).containsExactly("0.0.0.0/0");
	}

	@Test
	void toBuilderKeepsEveryValue() {
		HostSettings settings = HostSettings.builder()
			.name("shop")
			.region("eu-central-1")
			.instanceType("t3.large")
			.keyName("ops")
			.sshCidrs("198.51.100.0/24")
			.appPort(9090)
			.appCidrs("192.0.2.0/24")
			.rootVolumeGib(50)
			.kmsKeyArn("arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
			.network("vpc-0123456789abcdef0", "subnet-0123456789abcdef0")
			.repositoryUrl("https://git.example.com/team/shop.git")
			.repositoryBranch("release/1.0")
			.checkoutDirectory("/srv/shop")
			.tag("Owner", "alice")
			.createClusterOnBoot(false)
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
	}

	@Test
	void collectionsAreCopiedAndImmutable() {
		List<String> cidrs = new java.util.ArrayList<>(List.of("192.0.2.0/24"));
		HostSettings settings = HostSettings.builder().appCidrs(cidrs).tag("Owner", "alice").build();
		cidrs.add("198.51.100.0/24");
		assertThat(settings.appCidrs()).containsExactly("192.0.2.0/24");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> settings.appCidrs().add("203.0.113.0/24"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> settings.tags().put("Team", "web"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSettings")
	void invalidValueIsRefusedWithAMessageNamingSettingValueAndFix(String setting,
			UnaryOperator<HostSettings.Builder> change, String expectedMessage) {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> change.apply(HostSettings.builder()).build())
			.satisfies((ex) -> assertThat(ex.violations()).singleElement().satisfies((violation) -> {
				assertThat(violation.setting()).isEqualTo(setting);
				assertThat(violation.message()).isEqualTo(expectedMessage);
			}));
	}

	static Stream<Arguments> invalidSettings() {
		return Stream.of(arguments("name", op((b) -> b.name("Project_51")),
				"name must be 1-32 lowercase letters, digits and hyphens, starting with a letter and not ending with "
						+ "a hyphen (it prefixes AWS resource names), but was 'Project_51'"),
				arguments("name", op((b) -> b.name("")),
						"name must not be empty; it must be 1-32 lowercase letters, digits and hyphens, starting with a "
								+ "letter and not ending with a hyphen (it prefixes AWS resource names)"),
				arguments("region", op((b) -> b.region("Frankfurt")),
						"region must be an AWS region code such as us-east-1 or eu-central-1, but was 'Frankfurt'"),
				arguments("region", op((b) -> b.region("us-gov-west-1")),
						"region must be in AWS's commercial partition (aws), but was 'us-gov-west-1', which is in "
								+ "aws-us-gov (GovCloud): the host's Ubuntu image owner (Canonical's account 099720109477), "
								+ "its IAM and Session Manager setup are those of the commercial partition only"),
				arguments("region", op((b) -> b.region("cn-north-1")),
						"region must be in AWS's commercial partition (aws), but was 'cn-north-1', which is in "
								+ "aws-cn (China): the host's Ubuntu image owner (Canonical's account 099720109477), "
								+ "its IAM and Session Manager setup are those of the commercial partition only"),
				arguments("repositoryUrl",
						op((b) -> b.repositoryUrl("http://github.com/acme/app.git?access_token=ghp_secret")),
						"repositoryUrl must be the HTTPS URL of a Git repository, such as "
								+ "https://github.com/project51/project51.git, but was 'http://github.com/acme/app.git?***'"),
				arguments("instanceType", op((b) -> b.instanceType("medium")),
						"instanceType must be an EC2 instance type such as t2.medium, but was 'medium'"),
				arguments("instanceType", op((b) -> b.instanceType("t4g.medium")),
						"instanceType 't4g.medium' is an arm64 (Graviton) type, but the host image and tools are "
								+ "x86_64; choose an x86_64 type such as t2.medium or t3.medium"),
				arguments("keyName", op((b) -> b.keyName("my key")),
						"keyName must be the name of an existing EC2 key pair (letters, digits, '.', '_' and '-'), but "
								+ "was 'my key'"),
				arguments("sshCidrs", op((b) -> b.sshCidrs("0.0.0.0/0").keyName("ops")),
						"sshCidrs entry '0.0.0.0/0' would open SSH to the whole internet; restrict it to your own "
								+ "address (for example 203.0.113.7/32), leave sshCidrs empty and use AWS Systems "
								+ "Manager Session Manager, or set allowSshFromAnywhere if you really mean it"),
				arguments("sshCidrs", op((b) -> b.sshCidrs("::/0").keyName("ops")),
						"sshCidrs entry '::/0' would open SSH to the whole internet; restrict it to your own address "
								+ "(for example 203.0.113.7/32), leave sshCidrs empty and use AWS Systems Manager "
								+ "Session Manager, or set allowSshFromAnywhere if you really mean it"),
				arguments("sshCidrs", op((b) -> b.sshCidrs("203.0.113.7").keyName("ops")),
						"sshCidrs entry '203.0.113.7' is not a CIDR block; write an address and a prefix length such as "
								+ "203.0.113.7/32 (one address) or 2001:db8::/32"),
				arguments("sshCidrs", op((b) -> b.sshCidrs("203.0.113.7/24").keyName("ops")),
						"sshCidrs entry '203.0.113.7/24' has host bits set; AWS would store it as 203.0.113.0/24, so "
								+ "write that (or use /32 for a single address)"),
				arguments("keyName", op((b) -> b.sshCidrs("203.0.113.7/32")),
						"keyName must name an EC2 key pair when SSH is enabled (sshCidrs is [203.0.113.7/32]); create "
								+ "one with 'aws ec2 create-key-pair' or leave sshCidrs empty"),
				arguments("appPort", op((b) -> b.appPort(0)), "appPort must be between 1 and 65535, but was 0"),
				arguments("appPort", op((b) -> b.appPort(22)),
						"appPort must not be 22, which is the SSH port; the default is 8080"),
				arguments("appCidrs", op((b) -> b.appCidrs(List.of())),
						"appCidrs must name at least one CIDR block, otherwise nobody can reach the application; use "
								+ "0.0.0.0/0 for a public website"),
				arguments("appCidrs", op((b) -> b.appCidrs("300.0.0.0/8")),
						"appCidrs entry '300.0.0.0/8' has an invalid IPv4 address; each of the four parts must be "
								+ "0-255 without leading zeros"),
				arguments("rootVolumeGib", op((b) -> b.rootVolumeGib(8)),
						"rootVolumeGib must be between 20 and 16384, but was 8 (Docker, the kind node image and "
								+ "application images need at least 20 GiB; gp3 volumes end at 16384 GiB)"),
				arguments("kmsKeyArn", op((b) -> b.kmsKeyArn("alias/aws/ebs")),
						"kmsKeyArn must be the ARN of a KMS key, such as arn:aws:kms:us-east-1:111122223333:key/"
								+ "1234abcd-12ab-34cd-56ef-1234567890ab (leave it unset to use the AWS managed aws/ebs "
								+ "key), but was 'alias/aws/ebs'"),
				arguments("vpcId", op((b) -> b.network("vpc-123", "subnet-0123456789abcdef0")),
						"vpcId must be a VPC id such as vpc-0123456789abcdef0, but was 'vpc-123'"),
				arguments("subnetId", op((b) -> b.vpcId("vpc-0123456789abcdef0")),
						"vpcId and subnetId must be set together (the security group lives in the VPC, the host in the "
								+ "subnet), but subnetId is missing; set both or neither to use the default VPC"),
				arguments("repositoryUrl", op((b) -> b.repositoryUrl("git@github.com:project51/project51.git")),
						"repositoryUrl must be the HTTPS URL of a Git repository, such as "
								+ "https://github.com/project51/project51.git, but was "
								+ "'git@github.com:project51/project51.git'"),
				arguments("repositoryUrl", op((b) -> b.repositoryUrl("http://github.com/project51/project51.git")),
						"repositoryUrl must be the HTTPS URL of a Git repository, such as "
								+ "https://github.com/project51/project51.git, but was "
								+ "'http://github.com/project51/project51.git'"),
				arguments("repositoryUrl", op((b) -> b.repositoryUrl("https://bot:ghp_secret@github.com/acme/app.git")),
						"repositoryUrl must not contain credentials (user data is readable by anyone who may describe "
								+ "the instance); make the repository public or clone it yourself over Session "
								+ "Manager"),
				arguments("repositoryUrl", op((b) -> b.repositoryUrl("https://github.com/acme/app.git;reboot")),
						"repositoryUrl must be the HTTPS URL of a Git repository, such as "
								+ "https://github.com/project51/project51.git, but was "
								+ "'https://github.com/acme/app.git;reboot'"),
				arguments("repositoryBranch", op((b) -> b.repositoryBranch("main; rm -rf /")),
						"repositoryBranch must be a Git branch name such as main or release/1.0 (letters, digits, '.', "
								+ "'_', '-' and '/'), but was 'main; rm -rf /'"),
				arguments("repositoryBranch", op((b) -> b.repositoryBranch("--upload-pack=evil")),
						"repositoryBranch must be a Git branch name such as main or release/1.0 (letters, digits, '.', "
								+ "'_', '-' and '/'), but was '--upload-pack=evil'"),
				arguments("checkoutDirectory", op((b) -> b.checkoutDirectory("opt/app")),
						"checkoutDirectory must be an absolute path at least two levels deep, such as /opt/project51, "
								+ "but was 'opt/app'"),
				arguments("checkoutDirectory", op((b) -> b.checkoutDirectory("/var/lib/project51/infra/app")),
						"checkoutDirectory must not contain '..' segments or lie in /var/lib/project51/infra (where the "
								+ "cluster's Terraform state lives), but was '/var/lib/project51/infra/app'"),
				arguments("tags", op((b) -> b.tag("aws:createdBy", "me")),
						"tags key 'aws:createdBy' uses the reserved prefix 'aws:'; choose another key"),
				arguments("tags", op((b) -> b.tag("Name", "web")),
						"tags key 'Name' is set by Project51 for each resource; choose another key"),
				arguments("tags", op((b) -> b.tag("Owner", "a\nb")),
						"tags value 'a\\u000ab' of key 'Owner' must be at most 256 letters, digits, spaces or _ . : / = "
								+ "+ - @"));
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		assertThatExceptionOfType(InvalidSettingsException.class)
			.isThrownBy(() -> HostSettings.builder().region("x").appPort(70000).rootVolumeGib(1).build())
			.satisfies((ex) -> {
				assertThat(ex.violations()).extracting(Violation::setting)
					.containsExactly("region", "appPort", "rootVolumeGib");
				assertThat(ex.getMessage()).startsWith("3 invalid settings:\n - region must be");
			});
	}

	@Test
	void tagsWithinLimitsAreAccepted() {
		HostSettings settings = HostSettings.builder().tags(Map.of("Cost Center", "Research 42")).build();
		assertThat(settings.tags()).containsEntry("Cost Center", "Research 42");
	}

	private static UnaryOperator<HostSettings.Builder> op(UnaryOperator<HostSettings.Builder> change) {
		return change;
	}

}
