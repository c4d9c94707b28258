package dev.project51.infra.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.data_aws_ami.DataAwsAmi;
import com.hashicorp.cdktf.providers.aws.data_aws_ami.DataAwsAmiFilter;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.instance.Instance;
import com.hashicorp.cdktf.providers.aws.instance.InstanceMaintenanceOptions;
import com.hashicorp.cdktf.providers.aws.instance.InstanceMetadataOptions;
import com.hashicorp.cdktf.providers.aws.instance.InstanceRootBlockDevice;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroupEgress;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroupIngress;
import dev.project51.infra.settings.HostSettings;
import software.constructs.Construct;

/**
 * The EC2 host that runs the kind cluster, hardened by default: Ubuntu 22.04 from
 * Canonical, IMDSv2 only, an encrypted gp3 root volume, detailed monitoring, automatic
 * recovery, Session Manager access through a least-privilege instance profile, SSH only
 * when asked for and never from the whole internet unless explicitly allowed, and every
 * security group rule described.
 * <p>
 * The construct expects an AWS provider in its stack ({@link HostStack} adds one). Its
 * resources get readable Terraform addresses derived from the construct id, for example
 * {@code aws_instance.host_instance} for id {@code host}.
 * <p>
 * Intentional findings of checkov/tfsec are documented next to the code that causes them
 * and in {@code docs/infrastructure.md}.
 *
 * @since 0.1.0
 */
public class HostConstruct extends Construct {

	/** Canonical's AWS account, owner of the official Ubuntu images. */
	public static final String CANONICAL_OWNER_ID = "099720109477";

	/** Name filter of the Ubuntu 22.04 LTS (jammy) amd64 images on SSD-backed HVM. */
	public static final String UBUNTU_JAMMY_AMI_NAME = "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*";

	/**
	 * The AWS managed policy that lets the SSM agent register the host for Session
	 * Manager.
	 */
	public static final String SSM_MANAGED_POLICY = "AmazonSSMManagedInstanceCore";

	private final Instance instance;

	private final SecurityGroup securityGroup;

	private final IamRole role;

	private final HostSettings settings;

	/**
	 * Creates the host; the kind cluster is left to an operator (see
	 * {@link HostSettings#createClusterOnBoot()}).
	 * @param scope the parent construct, usually a {@link HostStack}
	 * @param id the construct id; also the prefix of the Terraform addresses
	 * @param settings the host settings
	 */
	public HostConstruct(Construct scope, String id, HostSettings settings) {
		this(scope, id, settings, null);
	}

	/**
	 * Creates the host.
	 * @param scope the parent construct, usually a {@link HostStack}
	 * @param id the construct id; also the prefix of the Terraform addresses
	 * @param settings the host settings
	 * @param clusterStackJson the synthesized cluster stack ({@code cdk.tf.json}) that
	 * the host applies at first boot, or {@code null} to leave creating the cluster to an
	 * operator
	 * @throws IllegalArgumentException when a cluster stack is given although
	 * {@link HostSettings#createClusterOnBoot()} is {@code false}
	 */
	public HostConstruct(Construct scope, String id, HostSettings settings, String clusterStackJson) {
		super(scope, id);
		this.settings = Objects.requireNonNull(settings, "settings");
		if (clusterStackJson != null && !settings.createClusterOnBoot()) {
			throw new IllegalArgumentException("a cluster stack was given to the host, but its settings say "
					+ "createClusterOnBoot=false; pass null or enable createClusterOnBoot");
		}
		String name = settings.name();

		DataAwsPartition partition = DataAwsPartition.Builder.create(this, "partition").build();
		partition.overrideLogicalId(id + "_partition");

		DataAwsAmi ubuntu = DataAwsAmi.Builder.create(this, "ubuntu")
			.owners(List.of(CANONICAL_OWNER_ID))
			.mostRecent(true)
			.filter(List.of(filter("name", UBUNTU_JAMMY_AMI_NAME), filter("virtualization-type", "hvm"),
					filter("architecture", "x86_64"), filter("root-device-type", "ebs")))
			.build();
		ubuntu.overrideLogicalId(id + "_ubuntu");

		this.role = createRole(id, name, partition);
		IamInstanceProfile profile = IamInstanceProfile.Builder.create(this, "instance_profile")
			.name(this.role.getName())
			.role(this.role.getName())
			.build();
		profile.overrideLogicalId(id + "_instance_profile");

		this.securityGroup = SecurityGroup.Builder.create(this, "security_group")
			.name(name + "-host")
			// Constant on purpose: a changed description would replace the group.
			.description("Project51 host: application port, optional SSH, outbound HTTP(S) only")
			.vpcId(settings.vpcId())
			.ingress(ingressRules(settings))
			.egress(egressRules())
			.tags(Map.of("Name", name + "-host"))
			.build();
		this.securityGroup.overrideLogicalId(id + "_security_group");

		this.instance = createInstance(id, settings, clusterStackJson, ubuntu, profile);
		createRecoveryAlarms(id, name, settings.region(), partition);
	}

	/**
	 * Returns the instance id (a Terraform reference).
	 * @return the instance id token
	 */
	public String instanceId() {
		return this.instance.getId();
	}

	/**
	 * Returns the public IPv4 address (a Terraform reference). It survives automatic
	 * recovery but changes when the instance is stopped and started.
	 * @return the public IP token
	 */
	public String publicIp() {
		return this.instance.getPublicIp();
	}

	/**
	 * Returns the public DNS name (a Terraform reference).
	 * @return the public DNS token
	 */
	public String publicDns() {
		return this.instance.getPublicDns();
	}

	/**
	 * Returns the security group id (a Terraform reference).
	 * @return the security group id token
	 */
	public String securityGroupId() {
		return this.securityGroup.getId();
	}

	/**
	 * Returns the name of the host's IAM role (a Terraform reference), for attaching more
	 * policies.
	 * @return the role name token
	 */
	public String roleName() {
		return this.role.getName();
	}

	/**
	 * Returns the settings this host was built from.
	 * @return the settings
	 */
	public HostSettings settings() {
		return this.settings;
	}

	private IamRole createRole(String id, String name, DataAwsPartition partition) {
		DataAwsIamPolicyDocument assumeRole = DataAwsIamPolicyDocument.Builder.create(this, "assume_role")
			.statement(List.of(DataAwsIamPolicyDocumentStatement.builder()
				.sid("Ec2AssumesTheHostRole")
				.effect("Allow")
				.actions(List.of("sts:AssumeRole"))
				.principals(List.of(DataAwsIamPolicyDocumentStatementPrincipals.builder()
					.type("Service")
					.identifiers(List.of("ec2." + partition.getDnsSuffix()))
					.build()))
				.build()))
			.build();
		assumeRole.overrideLogicalId(id + "_assume_role");
		// IAM names are global to the account: the region keeps two regional
		// deployments apart.
		IamRole role = IamRole.Builder.create(this, "role")
			.name(name + "-host-" + this.settings.region())
			.description("Project51 host: Session Manager access only (least privilege)")
			.assumeRolePolicy(assumeRole.getJson())
			.build();
		role.overrideLogicalId(id + "_role");
		IamRolePolicyAttachment ssm = IamRolePolicyAttachment.Builder.create(this, "ssm_policy")
			.role(role.getName())
			.policyArn("arn:" + partition.getPartition() + ":iam::aws:policy/" + SSM_MANAGED_POLICY)
			.build();
		ssm.overrideLogicalId(id + "_ssm_policy");
		return role;
	}

	private Instance createInstance(String id, HostSettings settings, String clusterStackJson, DataAwsAmi ubuntu,
			IamInstanceProfile profile) {
		Map<String, String> volumeTags = new LinkedHashMap<>(HostStack.defaultTags(settings));
		volumeTags.put("Name", settings.name() + "-host-root");
		Instance host = Instance.Builder.create(this, "instance")
			.ami(ubuntu.getId())
			.instanceType(settings.instanceType())
			.keyName(settings.keyName())
			.subnetId(settings.subnetId())
			.vpcSecurityGroupIds(List.of(this.securityGroup.getId()))
			.iamInstanceProfile(profile.getName())
			// Exception CKV_AWS_88: the application is a public website served
			// from this host, so it needs a public address. Nothing but the
			// application port (and SSH, when enabled, from the given CIDRs
			// only) is reachable on it.
			.associatePublicIpAddress(true)
			// CKV_AWS_126: detailed (1-minute) monitoring, which also speeds up
			// the recovery alarms.
			.monitoring(true)
			// CKV_AWS_135: EBS optimization wherever the instance type allows.
			// Exception CKV_AWS_135 for t2 (the default t2.medium): it cannot be
			// EBS-optimized and the API rejects the flag, so it stays unset.
			.ebsOptimized(ebsOptimizable(settings.instanceType()) ? Boolean.TRUE : null)
			// CKV_AWS_79 / tfsec aws-ec2-enforce-http-token-imds: IMDSv2 only.
			// Hop limit 1: a token cannot travel the extra network hop into
			// Docker/kind containers, so pods cannot steal the role's credentials.
			.metadataOptions(InstanceMetadataOptions.builder()
				.httpEndpoint("enabled")
				.httpTokens("required")
				.httpPutResponseHopLimit(1)
				.instanceMetadataTags("disabled")
				.build())
			// CKV_AWS_8 / tfsec aws-ec2-enable-at-rest-encryption: encrypted root volume.
			.rootBlockDevice(InstanceRootBlockDevice.builder()
				.volumeType("gp3")
				.volumeSize(settings.rootVolumeGib())
				.encrypted(true)
				.kmsKeyId(settings.kmsKeyArn())
				.deleteOnTermination(true)
				.tags(volumeTags)
				.build())
			// Simplified automatic recovery stays on (AWS's default, stated
			// explicitly); the CloudWatch alarms below add faster, observable
			// recovery.
			.maintenanceOptions(InstanceMaintenanceOptions.builder().autoRecovery("default").build())
			.userData(BootstrapScript.render(settings, clusterStackJson))
			// cloud-init runs user data once: a changed script only takes effect
			// on a new host.
			.userDataReplaceOnChange(true)
			.tags(Map.of("Name", settings.name() + "-host"))
			// A newer Ubuntu image must not silently replace a running host; Ubuntu's
			// unattended-upgrades patch it in place. Replace deliberately with
			// terraform apply -replace=aws_instance.<id>_instance.
			.lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("ami")).build())
			.build();
		host.overrideLogicalId(id + "_instance");
		return host;
	}

	private void createRecoveryAlarms(String id, String name, String region, DataAwsPartition partition) {
		String automate = "arn:" + partition.getPartition() + ":automate:" + region + ":ec2:";
		CloudwatchMetricAlarm recover = CloudwatchMetricAlarm.Builder.create(this, "recover_alarm")
			.alarmName(name + "-host-system-check-recover")
			.alarmDescription("Recovers the Project51 host onto healthy hardware when the AWS system status check "
					+ "fails for 2 minutes (same instance id, private and public IP, EBS volumes)")
			.namespace("AWS/EC2")
			.metricName("StatusCheckFailed_System")
			.dimensions(Map.of("InstanceId", this.instance.getId()))
			.statistic("Maximum")
			.period(60)
			.evaluationPeriods(2)
			.threshold(1)
			.comparisonOperator("GreaterThanOrEqualToThreshold")
			.alarmActions(List.of(automate + "recover"))
			.build();
		recover.overrideLogicalId(id + "_recover_alarm");
		CloudwatchMetricAlarm reboot = CloudwatchMetricAlarm.Builder.create(this, "reboot_alarm")
			.alarmName(name + "-host-instance-check-reboot")
			.alarmDescription("Reboots the Project51 host when its instance status check (kernel, network "
					+ "configuration, memory exhaustion) fails for 3 minutes; the kind cluster comes back with Docker")
			.namespace("AWS/EC2")
			.metricName("StatusCheckFailed_Instance")
			.dimensions(Map.of("InstanceId", this.instance.getId()))
			.statistic("Maximum")
			.period(60)
			.evaluationPeriods(3)
			.threshold(1)
			.comparisonOperator("GreaterThanOrEqualToThreshold")
			.alarmActions(List.of(automate + "reboot"))
			.build();
		reboot.overrideLogicalId(id + "_reboot_alarm");
	}

	private static List<SecurityGroupIngress> ingressRules(HostSettings settings) {
		List<SecurityGroupIngress> rules = new ArrayList<>();
		// Exception aws-ec2-no-public-ingress-sgr (tfsec) for the application
		// port: it serves a public website, so 0.0.0.0/0 is the product's
		// requirement (restrict it with appCidrs).
		rules.add(rule(settings.appPort(), settings.appCidrs(),
				"Project51 application (kind NodePort behind host port " + settings.appPort() + ")"));
		if (settings.sshEnabled()) {
			// CKV_AWS_24 / tfsec aws-ec2-no-public-ingress-sgr: SSH only from
			// the given CIDRs; HostSettings refuses 0.0.0.0/0 and ::/0 unless
			// allowSshFromAnywhere is set.
			rules.add(rule(22, settings.sshCidrs(), "SSH for operators from the configured CIDR blocks"));
		}
		return rules;
	}

	private static SecurityGroupIngress rule(int port, List<String> cidrs, String description) {
		return SecurityGroupIngress.builder()
			.description(description)
			.protocol("tcp")
			.fromPort(port)
			.toPort(port)
			.cidrBlocks(cidrs.stream().filter((cidr) -> cidr.indexOf(':') < 0).toList())
			.ipv6CidrBlocks(cidrs.stream().filter((cidr) -> cidr.indexOf(':') >= 0).toList())
			.prefixListIds(List.of())
			.securityGroups(List.of())
			.selfAttribute(false)
			.build();
	}

	private static List<SecurityGroupEgress> egressRules() {
		// Exception aws-ec2-no-public-egress-sgr (tfsec): the host installs
		// packages and pulls images and the Git repository from CDNs without
		// stable address ranges, so egress goes to 0.0.0.0/0, but only on HTTPS
		// and HTTP (Ubuntu's apt mirrors; apt verifies signatures). DNS, NTP and
		// instance metadata are link-local services that security groups do not
		// filter, so they need no rule.
		return List.of(egress(443, "HTTPS: apt repositories, container registries, GitHub, SSM endpoints"),
				egress(80, "HTTP: Ubuntu apt mirrors (packages are signature-checked)"));
	}

	private static SecurityGroupEgress egress(int port, String description) {
		return SecurityGroupEgress.builder()
			.description(description)
			.protocol("tcp")
			.fromPort(port)
			.toPort(port)
			.cidrBlocks(List.of(HostSettings.ANYWHERE_IPV4))
			.ipv6CidrBlocks(List.of())
			.prefixListIds(List.of())
			.securityGroups(List.of())
			.selfAttribute(false)
			.build();
	}

	private static DataAwsAmiFilter filter(String name, String value) {
		return DataAwsAmiFilter.builder().name(name).values(List.of(value)).build();
	}

	/**
	 * Returns whether an instance type accepts {@code ebs_optimized = true}. The previous
	 * generation burstable and first-generation families do not.
	 * @param instanceType the instance type
	 * @return whether EBS optimization can be requested
	 */
	static boolean ebsOptimizable(String instanceType) {
		String family = instanceType.substring(0, instanceType.indexOf('.'));
		return !List.of("t1", "t2", "m1", "m2", "c1", "cc2", "cg1", "cr1", "hi1", "hs1").contains(family);
	}

}
