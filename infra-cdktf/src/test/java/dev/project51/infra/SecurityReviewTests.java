package dev.project51.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.project51.infra.settings.HostSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A security review of the synthesized host stack: each row re-implements the property a
 * checkov or tfsec rule checks on {@code aws_instance}, {@code aws_security_group} and
 * the IAM resources, and asserts it for the default host and for a host with SSH enabled.
 * Intentional exceptions are listed separately with their reason; each must be visible in
 * the JSON (so the list stays honest), explained next to the code in
 * {@code HostConstruct.java} and in {@code docs/infrastructure.md}.
 */
class SecurityReviewTests {

	private static final List<String> ANYWHERE = List.of("0.0.0.0/0", "::/0");

	static final HostSettings WITH_SSH = HostSettings.builder().sshCidrs("203.0.113.7/32").keyName("ops").build();

	static final HostSettings T3 = HostSettings.builder().instanceType("t3.medium").build();

	static Map<String, JsonNode> stacks;

	@BeforeAll
	static void synthesize() {
		stacks = Map.of("default host", SynthesizedStacks.parse(SynthesizedStacks.host(HostSettings.defaults())),
				"host with SSH", SynthesizedStacks.parse(SynthesizedStacks.host(WITH_SSH)));
	}

	static List<Rule> ruleList() {
		return List.of(
				new Rule("CKV_AWS_79, tfsec aws-ec2-enforce-http-token-imds (AVD-AWS-0028)",
						"Instance Metadata Service v1 is disabled",
						(stack) -> findings(
								!"required".equals(instance(stack).at("/metadata_options/http_tokens").asText()),
								"http_tokens is not 'required'")),
				new Rule("IMDS hop limit (the rule of CKV_AWS_341 for launch templates)",
						"metadata tokens do not reach containers",
						(stack) -> findings(
								instance(stack).at("/metadata_options/http_put_response_hop_limit").asInt() != 1,
								"http_put_response_hop_limit is not 1")),
				new Rule("CKV_AWS_8, tfsec aws-ec2-enable-at-rest-encryption (AVD-AWS-0131)",
						"the root and every EBS block device are encrypted", SecurityReviewTests::unencryptedVolumes),
				new Rule("CKV_AWS_126", "detailed monitoring is enabled",
						(stack) -> findings(!instance(stack).path("monitoring").asBoolean(), "monitoring is off")),
				new Rule("CKV_AWS_24, tfsec aws-ec2-no-public-ingress-sgr (port 22)",
						"no ingress from 0.0.0.0/0 or ::/0 to port 22", (stack) -> publicIngressTo(stack, 22)),
				new Rule("CKV_AWS_25", "no ingress from 0.0.0.0/0 or ::/0 to port 3389",
						(stack) -> publicIngressTo(stack, 3389)),
				new Rule("CKV_AWS_260", "no ingress from 0.0.0.0/0 or ::/0 to port 80",
						(stack) -> publicIngressTo(stack, 80)),
				new Rule("CKV_AWS_277", "no ingress on all protocols or all ports",
						SecurityReviewTests::allPortsIngress),
				new Rule("CKV_AWS_382", "no egress on all protocols or all ports", SecurityReviewTests::allPortsEgress),
				new Rule("CKV_AWS_23, tfsec aws-ec2-add-description-to-security-group(-rule) (AVD-AWS-0099, -0124)",
						"the security group and every rule are described", SecurityReviewTests::undescribed),
				new Rule("CKV2_AWS_5", "the security group is attached to the instance",
						(stack) -> findings(
								!instance(stack).path("vpc_security_group_ids")
									.toString()
									.contains("aws_security_group.host_security_group.id"),
								"security group is not attached")),
				new Rule("CKV2_AWS_41", "an IAM instance profile is attached",
						(stack) -> findings(
								!instance(stack).path("iam_instance_profile").asText().contains("instance_profile"),
								"no instance profile")),
				new Rule("CKV_AWS_60, CKV_AWS_61", "only the EC2 service may assume the host role",
						SecurityReviewTests::assumeRoleNotLimitedToEc2),
				new Rule("CKV_AWS_274", "no administrator or wildcard policy on the host role",
						SecurityReviewTests::broadPolicies),
				new Rule("CKV_AWS_46", "no secrets in user data", SecurityReviewTests::secretsInUserData));
	}

	static Stream<Arguments> rules() {
		List<Arguments> arguments = new ArrayList<>();
		for (Rule rule : ruleList()) {
			for (String stack : List.of("default host", "host with SSH")) {
				arguments.add(arguments(rule, stack));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} on the {1}")
	@MethodSource("rules")
	void synthesizedHostPassesTheRule(Rule rule, String stack) {
		assertThat(rule.check().apply(stacks.get(stack))).as(rule.id() + ": " + rule.property()).isEmpty();
	}

	@Test
	void theSshRuleCatchesSshFromAnywhereWhenAnOperatorForcesIt() {
		HostSettings forced = HostSettings.builder()
			.sshCidrs("0.0.0.0/0")
			.keyName("ops")
			.allowSshFromAnywhere(true)
			.build();
		JsonNode stack = SynthesizedStacks.parse(SynthesizedStacks.host(forced));
		assertThat(publicIngressTo(stack, 22)).containsExactly("ingress 22-22 from [0.0.0.0/0]");
	}

	@Test
	void ebsOptimizationIsOnWhereTheInstanceTypeAllowsIt() {
		JsonNode stack = SynthesizedStacks.parse(SynthesizedStacks.host(T3));
		assertThat(instance(stack).path("ebs_optimized").asBoolean()).as("CKV_AWS_135 on t3.medium").isTrue();
	}

	static Stream<Waiver> exceptions() {
		return Stream.of(
				new Waiver("CKV_AWS_88", "the application is a public website, so the host has a public IP",
						(stack) -> instance(stack).path("associate_public_ip_address").asBoolean()),
				new Waiver("aws-ec2-no-public-ingress-sgr",
						"the application port is open to 0.0.0.0/0 by default (restrict it with appCidrs)",
						(stack) -> !publicIngressTo(stack, 8080).isEmpty()),
				new Waiver("aws-ec2-no-public-egress-sgr",
						"egress to 0.0.0.0/0 on 443 and 80 only: packages, images and Git come from CDNs",
						(stack) -> securityGroup(stack).path("egress").toString().contains("0.0.0.0/0")),
				new Waiver("CKV_AWS_135", "t2.medium (the default) cannot be EBS-optimized",
						(stack) -> !instance(stack).has("ebs_optimized")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exceptions")
	void intentionalExceptionIsRealAndDocumentedNextToTheCodeAndInTheGuide(Waiver exception) throws IOException {
		assertThat(exception.present().apply(stacks.get("default host")))
			.as("%s is listed as an exception but the default host does not trigger it", exception.id())
			.isTrue();
		String code = Files.readString(Path.of("src/main/java/dev/project51/infra/host/HostConstruct.java"));
		assertThat(code).as("HostConstruct explains the exception").contains("Exception " + exception.id());
		Path guide = Path.of("../docs/infrastructure.md");
		assertThat(guide).exists();
		assertThat(Files.readString(guide)).as("docs/infrastructure.md explains the exception")
			.contains(exception.id());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ruleList")
	void everyCheckedRuleIsListedInTheGuide(Rule rule) throws IOException {
		String guide = Files.readString(Path.of("../docs/infrastructure.md"));
		for (String id : rule.id().split("[ ,()]+")) {
			if (id.startsWith("CKV") || id.startsWith("AVD-") || id.startsWith("aws-")) {
				assertThat(guide).as("docs/infrastructure.md lists %s", id).contains(id.replace("(-rule)", ""));
			}
		}
	}

	private static List<String> findings(boolean failed, String finding) {
		return failed ? List.of(finding) : List.of();
	}

	private static JsonNode instance(JsonNode stack) {
		return stack.at("/resource/aws_instance/host_instance");
	}

	private static JsonNode securityGroup(JsonNode stack) {
		return stack.at("/resource/aws_security_group/host_security_group");
	}

	private static List<String> unencryptedVolumes(JsonNode stack) {
		List<String> findings = new ArrayList<>();
		JsonNode instance = instance(stack);
		if (!instance.at("/root_block_device/encrypted").asBoolean()) {
			findings.add("root_block_device is not encrypted");
		}
		for (JsonNode device : instance.path("ebs_block_device")) {
			if (!device.path("encrypted").asBoolean()) {
				findings.add("ebs_block_device " + device.path("device_name").asText() + " is not encrypted");
			}
		}
		return findings;
	}

	private static List<String> publicIngressTo(JsonNode stack, int port) {
		List<String> findings = new ArrayList<>();
		for (JsonNode rule : securityGroup(stack).path("ingress")) {
			boolean coversPort = "-1".equals(rule.path("protocol").asText())
					|| (rule.path("from_port").asInt() <= port && port <= rule.path("to_port").asInt());
			List<String> sources = new ArrayList<>();
			rule.path("cidr_blocks").forEach((cidr) -> sources.add(cidr.asText()));
			rule.path("ipv6_cidr_blocks").forEach((cidr) -> sources.add(cidr.asText()));
			if (coversPort && sources.stream().anyMatch(ANYWHERE::contains)) {
				findings.add("ingress " + rule.path("from_port").asInt() + "-" + rule.path("to_port").asInt() + " from "
						+ sources);
			}
		}
		return findings;
	}

	private static List<String> allPortsIngress(JsonNode stack) {
		return allPorts(securityGroup(stack).path("ingress"), "ingress");
	}

	private static List<String> allPortsEgress(JsonNode stack) {
		return allPorts(securityGroup(stack).path("egress"), "egress");
	}

	private static List<String> allPorts(JsonNode rules, String direction) {
		List<String> findings = new ArrayList<>();
		for (JsonNode rule : rules) {
			if ("-1".equals(rule.path("protocol").asText()) || "all".equals(rule.path("protocol").asText())
					|| (rule.path("from_port").asInt() == 0 && rule.path("to_port").asInt() == 65535)) {
				findings.add(direction + " rule " + rule + " spans all ports");
			}
		}
		return findings;
	}

	private static List<String> undescribed(JsonNode stack) {
		List<String> findings = new ArrayList<>();
		JsonNode group = securityGroup(stack);
		if (group.path("description").asText().isBlank()) {
			findings.add("security group without description");
		}
		for (String direction : List.of("ingress", "egress")) {
			for (JsonNode rule : group.path(direction)) {
				if (rule.path("description").asText().isBlank()) {
					findings.add(direction + " rule without description: " + rule);
				}
			}
		}
		return findings;
	}

	private static List<String> assumeRoleNotLimitedToEc2(JsonNode stack) {
		JsonNode statements = stack.at("/data/aws_iam_policy_document/host_assume_role/statement");
		List<String> findings = new ArrayList<>();
		if (statements.size() != 1) {
			findings.add("expected exactly one assume-role statement, found " + statements.size());
		}
		for (JsonNode statement : statements) {
			JsonNode principals = statement.path("principals");
			String identifiers = principals.toString();
			if (!"Allow".equals(statement.path("effect").asText())
					|| !"[\"sts:AssumeRole\"]".equals(statement.path("actions").toString()) || principals.size() != 1
					|| !"Service".equals(principals.get(0).path("type").asText()) || identifiers.contains("\"*\"")
					|| !identifiers.contains("ec2.${data.aws_partition.host_partition.dns_suffix}")) {
				findings.add("assume-role statement is broader than the EC2 service: " + statement);
			}
		}
		return findings;
	}

	private static List<String> broadPolicies(JsonNode stack) {
		List<String> findings = new ArrayList<>();
		for (JsonNode attachment : stack.at("/resource/aws_iam_role_policy_attachment")) {
			String arn = attachment.path("policy_arn").asText();
			if (!arn.endsWith(":iam::aws:policy/AmazonSSMManagedInstanceCore")) {
				findings.add("unexpected policy " + arn);
			}
		}
		JsonNode role = stack.at("/resource/aws_iam_role/host_role");
		if (role.has("inline_policy") || role.has("managed_policy_arns")) {
			findings.add("host role has inline or extra managed policies");
		}
		if (stack.at("/resource").has("aws_iam_role_policy")) {
			findings.add("inline role policies exist");
		}
		return findings;
	}

	private static List<String> secretsInUserData(JsonNode stack) {
		String userData = instance(stack).path("user_data").asText();
		List<String> findings = new ArrayList<>();
		// The first pattern is checkov's for an AWS secret access key: any 40 characters
		// of
		// base64's alphabet in a row.
		for (String pattern : List.of("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])", "AKIA[0-9A-Z]{16}",
				"(?i)aws_secret_access_key", "(?i)password\\s*=", "-----BEGIN [A-Z ]*PRIVATE KEY-----",
				"gh[pousr]_[A-Za-z0-9]{20,}", "https://[^/\\s]+:[^@\\s]+@")) {
			if (Pattern.compile(pattern).matcher(userData).find()) {
				findings.add("user data matches " + pattern);
			}
		}
		if (userData.isBlank()) {
			findings.add("user data is empty, the check would be vacuous");
		}
		return findings;
	}

	record Rule(String id, String property, Function<JsonNode, List<String>> check) {

		@Override
		public String toString() {
			return this.id;
		}

	}

	record Waiver(String id, String reason, Function<JsonNode, Boolean> present) {

		@Override
		public String toString() {
			return this.id + " (" + this.reason + ")";
		}

	}

}
