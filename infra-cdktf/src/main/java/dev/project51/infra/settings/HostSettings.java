package dev.project51.infra.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the EC2 host that runs the kind cluster. Immutable; create one with
 * {@link #builder()}, which applies the defaults below. The constructor validates every
 * value and throws {@link InvalidSettingsException} listing each problem.
 *
 * @param name prefix of every AWS resource name and value of the {@code Project} tag;
 * lowercase letters, digits and hyphens (default {@value #DEFAULT_NAME})
 * @param region the AWS region (default {@value #DEFAULT_REGION})
 * @param instanceType an x86_64 EC2 instance type (default
 * {@value #DEFAULT_INSTANCE_TYPE})
 * @param keyName name of an existing EC2 key pair, or {@code null} for none; required
 * when SSH is enabled
 * @param sshCidrs the CIDR blocks allowed to reach port 22; empty (the default) disables
 * SSH, leaving AWS Systems Manager Session Manager as the way in
 * @param allowSshFromAnywhere whether {@code 0.0.0.0/0} or {@code ::/0} may appear in
 * {@code sshCidrs} (default {@code false})
 * @param appPort the host port the application is served on (default
 * {@value #DEFAULT_APP_PORT})
 * @param appCidrs the CIDR blocks allowed to reach the application port (default
 * {@code 0.0.0.0/0}: the application is a public website)
 * @param rootVolumeGib size of the encrypted gp3 root volume in GiB (default
 * {@value #DEFAULT_ROOT_VOLUME_GIB})
 * @param kmsKeyArn ARN of a customer managed KMS key for the root volume, or {@code null}
 * for the AWS managed {@code aws/ebs} key
 * @param vpcId the VPC to place the security group in, or {@code null} for the default
 * VPC; set together with {@code subnetId}
 * @param subnetId the (public) subnet to launch the host in, or {@code null} for a
 * default subnet; set together with {@code vpcId}
 * @param repositoryUrl the HTTPS URL of the Git repository the host clones (default
 * {@value #DEFAULT_REPOSITORY_URL})
 * @param repositoryBranch the branch to check out (default
 * {@value #DEFAULT_REPOSITORY_BRANCH})
 * @param checkoutDirectory where the repository is cloned on the host (default
 * {@value #DEFAULT_CHECKOUT_DIRECTORY})
 * @param tags extra tags for every resource; keys must not start with {@code aws:} and
 * must not be {@code Name}
 * @param createClusterOnBoot whether the host applies the cluster stack itself at first
 * boot (default {@code true}); when {@code false} an operator applies it on the host. The
 * {@code Synthesizer} honours it by handing the synthesized cluster stack to the host
 * stack; code that builds a {@code HostStack} directly passes that JSON itself
 * @since 0.1.0
 */
public record HostSettings(String name, String region, String instanceType, String keyName, List<String> sshCidrs,
		boolean allowSshFromAnywhere, int appPort, List<String> appCidrs, int rootVolumeGib, String kmsKeyArn,
		String vpcId, String subnetId, String repositoryUrl, String repositoryBranch, String checkoutDirectory,
		Map<String, String> tags, boolean createClusterOnBoot) {

	/** Default {@link #name()}. */
	public static final String DEFAULT_NAME = "project51";

	/** Default {@link #region()}. */
	public static final String DEFAULT_REGION = "us-east-1";

	/**
	 * Default {@link #instanceType()}: 2 vCPUs and 4 GiB, enough for a one-node kind
	 * cluster.
	 */
	public static final String DEFAULT_INSTANCE_TYPE = "t2.medium";

	/** Default {@link #appPort()}: the port kind maps NodePort 30080 to. */
	public static final int DEFAULT_APP_PORT = 8080;

	/**
	 * Default {@link #appCidrs()}: everyone, because the application is a public website.
	 */
	public static final String ANYWHERE_IPV4 = "0.0.0.0/0";

	/**
	 * Default {@link #rootVolumeGib()}: room for Docker, the kind node image and
	 * application images.
	 */
	public static final int DEFAULT_ROOT_VOLUME_GIB = 30;

	/** Default {@link #repositoryUrl()}. */
	public static final String DEFAULT_REPOSITORY_URL = "https://github.com/project51/project51.git";

	/** Default {@link #repositoryBranch()}. */
	public static final String DEFAULT_REPOSITORY_BRANCH = "main";

	/** Default {@link #checkoutDirectory()}. */
	public static final String DEFAULT_CHECKOUT_DIRECTORY = "/opt/project51";

	/** Directory on the host that holds the cluster stack and its Terraform state. */
	public static final String INFRA_DIRECTORY = "/var/lib/project51/infra";

	private static final Pattern NAME = Pattern.compile("^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$");

	private static final Pattern REGION = Pattern.compile("^[a-z]{2}(?:-[a-z]+){1,2}-\\d{1,2}$");

	private static final Pattern INSTANCE_TYPE = Pattern.compile("^([a-z]+)(\\d+)([a-z-]*)\\.[a-z0-9]+$");

	private static final Pattern KEY_NAME = Pattern.compile("^[A-Za-z0-9._-]{1,255}$");

	private static final Pattern KMS_KEY_ARN = Pattern
		.compile("^arn:aws(?:-[a-z]+)*:kms:[a-z]{2}(?:-[a-z]+){1,2}-\\d{1,2}:\\d{12}:key/[A-Za-z0-9-]{1,128}$");

	private static final Pattern VPC_ID = Pattern.compile("^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$");

	private static final Pattern SUBNET_ID = Pattern.compile("^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$");

	private static final Pattern URL_PATH = Pattern.compile("^(?:/[A-Za-z0-9._~%+-]+)+/?$");

	private static final Pattern BRANCH = Pattern
		.compile("^(?!-)(?!.*\\.\\.)(?!.*//)(?!.*@\\{)[A-Za-z0-9._/-]{1,200}(?<!\\.lock)(?<![/.])$");

	private static final Pattern DIRECTORY = Pattern.compile("^(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*){2,8}$");

	private static final Pattern TAG_KEY = Pattern.compile("^[\\p{L}\\p{N} _.:/=+@-]{1,128}$");

	private static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{N} _.:/=+@-]{0,256}$");

	private static final int MAX_TAGS = 40;

	/**
	 * Validates and creates the settings; prefer {@link #builder()}, which applies the
	 * defaults.
	 * @param name the resource name prefix
	 * @param region the AWS region
	 * @param instanceType the EC2 instance type
	 * @param keyName the EC2 key pair, or {@code null}
	 * @param sshCidrs the CIDR blocks allowed to use SSH, empty for none
	 * @param allowSshFromAnywhere whether {@code /0} blocks are accepted for SSH
	 * @param appPort the application port
	 * @param appCidrs the CIDR blocks allowed to reach the application
	 * @param rootVolumeGib the root volume size in GiB
	 * @param kmsKeyArn the KMS key ARN, or {@code null}
	 * @param vpcId the VPC id, or {@code null}
	 * @param subnetId the subnet id, or {@code null}
	 * @param repositoryUrl the HTTPS URL of the repository
	 * @param repositoryBranch the branch to check out
	 * @param checkoutDirectory the checkout directory on the host
	 * @param tags the extra tags
	 * @param createClusterOnBoot whether the host creates the cluster at first boot
	 * @throws InvalidSettingsException listing every problem
	 */
	public HostSettings {
		sshCidrs = List.copyOf(Objects.requireNonNullElse(sshCidrs, List.of()));
		appCidrs = List.copyOf(Objects.requireNonNullElse(appCidrs, List.of()));
		tags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(tags, Map.of())));
		validate(name, region, instanceType, keyName, sshCidrs, allowSshFromAnywhere, appPort, appCidrs, rootVolumeGib,
				kmsKeyArn, vpcId, subnetId, repositoryUrl, repositoryBranch, checkoutDirectory, tags);
	}

	/**
	 * Returns a builder with every default applied.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the default settings: no SSH, the application open to everyone on port
	 * 8080.
	 * @return the defaults
	 */
	public static HostSettings defaults() {
		return builder().build();
	}

	/**
	 * Returns a builder initialised with these settings.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Returns whether port 22 is opened, that is whether any SSH CIDR is set.
	 * @return whether SSH is enabled
	 */
	public boolean sshEnabled() {
		return !this.sshCidrs.isEmpty();
	}

	private static void validate(String name, String region, String instanceType, String keyName, List<String> sshCidrs,
			boolean allowSshFromAnywhere, int appPort, List<String> appCidrs, int rootVolumeGib, String kmsKeyArn,
			String vpcId, String subnetId, String repositoryUrl, String repositoryBranch, String checkoutDirectory,
			Map<String, String> tags) {
		Checks checks = new Checks();
		checks.matches("name", name, NAME,
				"1-32 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen "
						+ "(it prefixes AWS resource names)");
		checks.matches("region", region, REGION, "an AWS region code such as us-east-1 or eu-central-1");
		if (region != null && REGION.matcher(region).matches() && !commercialPartition(region)) {
			checks.fail("region", "region must be in AWS's commercial partition (aws), but was '" + region
					+ "', which is in " + partition(region) + ": the host's Ubuntu image owner (Canonical's account "
					+ "099720109477), its IAM and Session Manager setup are those of the commercial partition only");
		}
		validateInstanceType(checks, instanceType);
		checks.matchesIfPresent("keyName", keyName, KEY_NAME,
				"the name of an existing EC2 key pair (letters, digits, '.', '_' and '-')");
		validateSsh(checks, keyName, sshCidrs, allowSshFromAnywhere);
		checks.between("appPort", appPort, 1, 65535, "");
		if (appPort == 22) {
			checks.fail("appPort", "appPort must not be 22, which is the SSH port; the default is " + DEFAULT_APP_PORT);
		}
		if (appCidrs.isEmpty()) {
			checks.fail("appCidrs", "appCidrs must name at least one CIDR block, otherwise nobody can reach the "
					+ "application; use " + ANYWHERE_IPV4 + " for a public website");
		}
		for (String cidr : appCidrs) {
			String problem = Cidrs.problem(cidr);
			if (problem != null) {
				checks.fail("appCidrs", "appCidrs entry " + problem);
			}
		}
		checks.between("rootVolumeGib", rootVolumeGib, 20, 16384,
				" (Docker, the kind node image and application images need at least 20 GiB; gp3 volumes end at "
						+ "16384 GiB)");
		checks.matchesIfPresent("kmsKeyArn", kmsKeyArn, KMS_KEY_ARN,
				"the ARN of a KMS key, such as arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-"
						+ "1234567890ab (leave it unset to use the AWS managed aws/ebs key)");
		checks.matchesIfPresent("vpcId", vpcId, VPC_ID, "a VPC id such as vpc-0123456789abcdef0");
		checks.matchesIfPresent("subnetId", subnetId, SUBNET_ID, "a subnet id such as subnet-0123456789abcdef0");
		if ((vpcId == null) != (subnetId == null)) {
			String missing = (vpcId == null) ? "vpcId" : "subnetId";
			checks.fail(missing,
					"vpcId and subnetId must be set together (the security group lives in the VPC, "
							+ "the host in the subnet), but " + missing + " is missing; set both or neither to use the "
							+ "default VPC");
		}
		validateRepositoryUrl(checks, repositoryUrl);
		checks.matches("repositoryBranch", repositoryBranch, BRANCH,
				"a Git branch name such as main or release/1.0 (letters, digits, '.', '_', '-' and '/')");
		checks.matches("checkoutDirectory", checkoutDirectory, DIRECTORY,
				"an absolute path at least two levels deep, such as " + DEFAULT_CHECKOUT_DIRECTORY);
		if (checkoutDirectory != null && (checkoutDirectory.contains("/../") || checkoutDirectory.endsWith("/..")
				|| checkoutDirectory.startsWith(INFRA_DIRECTORY))) {
			checks.fail("checkoutDirectory",
					"checkoutDirectory must not contain '..' segments or lie in " + INFRA_DIRECTORY
							+ " (where the cluster's Terraform state lives), but was '" + checkoutDirectory + "'");
		}
		validateTags(checks, tags);
		checks.throwIfAny();
	}

	private static void validateInstanceType(Checks checks, String instanceType) {
		checks.matches("instanceType", instanceType, INSTANCE_TYPE, "an EC2 instance type such as t2.medium");
		if (instanceType == null) {
			return;
		}
		Matcher matcher = INSTANCE_TYPE.matcher(instanceType);
		if (matcher.matches() && (matcher.group(3).contains("g") || "a".equals(matcher.group(1)))) {
			checks.fail("instanceType", "instanceType '" + instanceType + "' is an arm64 (Graviton) type, but the "
					+ "host image and tools are x86_64; choose an x86_64 type such as t2.medium or t3.medium");
		}
	}

	private static void validateSsh(Checks checks, String keyName, List<String> sshCidrs,
			boolean allowSshFromAnywhere) {
		for (String cidr : sshCidrs) {
			String problem = Cidrs.problem(cidr);
			if (problem != null) {
				checks.fail("sshCidrs", "sshCidrs entry " + problem);
			}
			else if (Cidrs.isAnywhere(cidr) && !allowSshFromAnywhere) {
				checks.fail("sshCidrs", "sshCidrs entry '" + cidr + "' would open SSH to the whole internet; restrict "
						+ "it to your own address (for example 203.0.113.7/32), leave sshCidrs empty and use AWS "
						+ "Systems Manager Session Manager, or set allowSshFromAnywhere if you really mean it");
			}
		}
		if (!sshCidrs.isEmpty() && keyName == null) {
			checks.fail("keyName", "keyName must name an EC2 key pair when SSH is enabled (sshCidrs is " + sshCidrs
					+ "); create one with 'aws ec2 create-key-pair' or leave sshCidrs empty");
		}
	}

	/**
	 * Returns whether a region belongs to AWS's commercial partition {@code aws}: not
	 * GovCloud ({@code us-gov-*}), China ({@code cn-*}) or the isolated regions
	 * ({@code us-iso*}, {@code eu-isoe-*} and the like).
	 * @param region a region code
	 * @return whether the region is in the commercial partition
	 */
	static boolean commercialPartition(String region) {
		return !region.startsWith("cn-") && !region.contains("-gov-") && !region.contains("-iso");
	}

	private static String partition(String region) {
		if (region.startsWith("cn-")) {
			return "aws-cn (China)";
		}
		if (region.contains("-gov-")) {
			return "aws-us-gov (GovCloud)";
		}
		return "an isolated partition (aws-iso*)";
	}

	/**
	 * Returns a repository URL fit for a message: without user information, query or
	 * fragment, where a token could hide.
	 * @param url the URL as given
	 * @return the URL with those parts replaced by {@code ***}
	 */
	static String redacted(String url) {
		return Checks.printable(url)
			.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1***@")
			.replaceAll("[?#].*$", "?***");
	}

	private static void validateRepositoryUrl(Checks checks, String repositoryUrl) {
		if (repositoryUrl == null || repositoryUrl.isBlank()) {
			checks.fail("repositoryUrl", "repositoryUrl must not be empty; it must be the HTTPS URL of the project's "
					+ "Git repository, such as " + DEFAULT_REPOSITORY_URL);
			return;
		}
		String expectation = "repositoryUrl must be the HTTPS URL of a Git repository, such as "
				+ DEFAULT_REPOSITORY_URL + ", but was '" + redacted(repositoryUrl) + "'";
		URI uri;
		try {
			uri = new URI(repositoryUrl);
		}
		catch (URISyntaxException ex) {
			checks.fail("repositoryUrl", expectation);
			return;
		}
		if (uri.getRawUserInfo() != null) {
			checks.fail("repositoryUrl",
					"repositoryUrl must not contain credentials (user data is readable by anyone "
							+ "who may describe the instance); make the repository public or clone it yourself over "
							+ "Session Manager");
		}
		else if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null || uri.getRawPath() == null
				|| !URL_PATH.matcher(uri.getRawPath()).matches()) {
			checks.fail("repositoryUrl", expectation);
		}
	}

	private static void validateTags(Checks checks, Map<String, String> tags) {
		if (tags.size() > MAX_TAGS) {
			checks.fail("tags", "tags may hold at most " + MAX_TAGS + " entries (AWS allows 50 per resource and "
					+ "Project51 sets its own), but has " + tags.size());
		}
		for (Map.Entry<String, String> tag : tags.entrySet()) {
			String key = tag.getKey();
			if (key == null || !TAG_KEY.matcher(key).matches()) {
				checks.fail("tags", "tags key '" + Checks.printable(String.valueOf(key)) + "' must be 1-128 letters, "
						+ "digits, spaces or _ . : / = + - @");
			}
			else if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
				checks.fail("tags", "tags key '" + key + "' uses the reserved prefix 'aws:'; choose another key");
			}
			else if ("Name".equals(key)) {
				checks.fail("tags", "tags key 'Name' is set by Project51 for each resource; choose another key");
			}
			String value = tag.getValue();
			if (value == null || !TAG_VALUE.matcher(value).matches()) {
				checks.fail("tags",
						"tags value '" + Checks.printable(String.valueOf(value)) + "' of key '"
								+ Checks.printable(String.valueOf(key))
								+ "' must be at most 256 letters, digits, spaces or _ . : / = + - @");
			}
		}
	}

	/**
	 * Builds {@link HostSettings}. Every setter accepts any value; {@link #build()}
	 * validates them all and reports every problem at once.
	 */
	public static final class Builder {

		private String name = DEFAULT_NAME;

		private String region = DEFAULT_REGION;

		private String instanceType = DEFAULT_INSTANCE_TYPE;

		private String keyName;

		private List<String> sshCidrs = new ArrayList<>();

		private boolean allowSshFromAnywhere;

		private int appPort = DEFAULT_APP_PORT;

		private List<String> appCidrs = new ArrayList<>(List.of(ANYWHERE_IPV4));

		private int rootVolumeGib = DEFAULT_ROOT_VOLUME_GIB;

		private String kmsKeyArn;

		private String vpcId;

		private String subnetId;

		private String repositoryUrl = DEFAULT_REPOSITORY_URL;

		private String repositoryBranch = DEFAULT_REPOSITORY_BRANCH;

		private String checkoutDirectory = DEFAULT_CHECKOUT_DIRECTORY;

		private Map<String, String> tags = new LinkedHashMap<>();

		private boolean createClusterOnBoot = true;

		private Builder() {
		}

		private Builder(HostSettings settings) {
			this.name = settings.name;
			this.region = settings.region;
			this.instanceType = settings.instanceType;
			this.keyName = settings.keyName;
			this.sshCidrs = new ArrayList<>(settings.sshCidrs);
			this.allowSshFromAnywhere = settings.allowSshFromAnywhere;
			this.appPort = settings.appPort;
			this.appCidrs = new ArrayList<>(settings.appCidrs);
			this.rootVolumeGib = settings.rootVolumeGib;
			this.kmsKeyArn = settings.kmsKeyArn;
			this.vpcId = settings.vpcId;
			this.subnetId = settings.subnetId;
			this.repositoryUrl = settings.repositoryUrl;
			this.repositoryBranch = settings.repositoryBranch;
			this.checkoutDirectory = settings.checkoutDirectory;
			this.tags = new LinkedHashMap<>(settings.tags);
			this.createClusterOnBoot = settings.createClusterOnBoot;
		}

		/**
		 * Sets the resource name prefix.
		 * @param name the prefix
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the AWS region.
		 * @param region the region code
		 * @return this builder
		 */
		public Builder region(String region) {
			this.region = region;
			return this;
		}

		/**
		 * Sets the EC2 instance type.
		 * @param instanceType the type
		 * @return this builder
		 */
		public Builder instanceType(String instanceType) {
			this.instanceType = instanceType;
			return this;
		}

		/**
		 * Sets the EC2 key pair name.
		 * @param keyName the key pair name, or {@code null} for none
		 * @return this builder
		 */
		public Builder keyName(String keyName) {
			this.keyName = keyName;
			return this;
		}

		/**
		 * Sets the CIDR blocks allowed to use SSH; an empty list disables SSH.
		 * @param sshCidrs the blocks
		 * @return this builder
		 */
		public Builder sshCidrs(List<String> sshCidrs) {
			this.sshCidrs = new ArrayList<>(sshCidrs);
			return this;
		}

		/**
		 * Sets the CIDR blocks allowed to use SSH; none disables SSH.
		 * @param sshCidrs the blocks
		 * @return this builder
		 */
		public Builder sshCidrs(String... sshCidrs) {
			return sshCidrs(List.of(sshCidrs));
		}

		/**
		 * Sets whether SSH may be opened to the whole internet.
		 * @param allowSshFromAnywhere whether {@code /0} blocks are accepted for SSH
		 * @return this builder
		 */
		public Builder allowSshFromAnywhere(boolean allowSshFromAnywhere) {
			this.allowSshFromAnywhere = allowSshFromAnywhere;
			return this;
		}

		/**
		 * Sets the application port.
		 * @param appPort the port
		 * @return this builder
		 */
		public Builder appPort(int appPort) {
			this.appPort = appPort;
			return this;
		}

		/**
		 * Sets the CIDR blocks allowed to reach the application port.
		 * @param appCidrs the blocks
		 * @return this builder
		 */
		public Builder appCidrs(List<String> appCidrs) {
			this.appCidrs = new ArrayList<>(appCidrs);
			return this;
		}

		/**
		 * Sets the CIDR blocks allowed to reach the application port.
		 * @param appCidrs the blocks
		 * @return this builder
		 */
		public Builder appCidrs(String... appCidrs) {
			return appCidrs(List.of(appCidrs));
		}

		/**
		 * Sets the root volume size.
		 * @param rootVolumeGib the size in GiB
		 * @return this builder
		 */
		public Builder rootVolumeGib(int rootVolumeGib) {
			this.rootVolumeGib = rootVolumeGib;
			return this;
		}

		/**
		 * Sets the customer managed KMS key for the root volume.
		 * @param kmsKeyArn the key ARN, or {@code null} for the AWS managed key
		 * @return this builder
		 */
		public Builder kmsKeyArn(String kmsKeyArn) {
			this.kmsKeyArn = kmsKeyArn;
			return this;
		}

		/**
		 * Places the host in the given VPC and subnet instead of the default VPC.
		 * @param vpcId the VPC id
		 * @param subnetId the subnet id
		 * @return this builder
		 */
		public Builder network(String vpcId, String subnetId) {
			this.vpcId = vpcId;
			this.subnetId = subnetId;
			return this;
		}

		/**
		 * Sets the VPC id.
		 * @param vpcId the VPC id, or {@code null} for the default VPC
		 * @return this builder
		 */
		public Builder vpcId(String vpcId) {
			this.vpcId = vpcId;
			return this;
		}

		/**
		 * Sets the subnet id.
		 * @param subnetId the subnet id, or {@code null} for a default subnet
		 * @return this builder
		 */
		public Builder subnetId(String subnetId) {
			this.subnetId = subnetId;
			return this;
		}

		/**
		 * Sets the repository the host clones.
		 * @param repositoryUrl the HTTPS URL
		 * @return this builder
		 */
		public Builder repositoryUrl(String repositoryUrl) {
			this.repositoryUrl = repositoryUrl;
			return this;
		}

		/**
		 * Sets the branch the host checks out.
		 * @param repositoryBranch the branch
		 * @return this builder
		 */
		public Builder repositoryBranch(String repositoryBranch) {
			this.repositoryBranch = repositoryBranch;
			return this;
		}

		/**
		 * Sets where the repository is cloned on the host.
		 * @param checkoutDirectory an absolute path
		 * @return this builder
		 */
		public Builder checkoutDirectory(String checkoutDirectory) {
			this.checkoutDirectory = checkoutDirectory;
			return this;
		}

		/**
		 * Replaces the extra tags.
		 * @param tags the tags
		 * @return this builder
		 */
		public Builder tags(Map<String, String> tags) {
			this.tags = new LinkedHashMap<>(tags);
			return this;
		}

		/**
		 * Adds one extra tag.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder tag(String key, String value) {
			this.tags.put(key, value);
			return this;
		}

		/**
		 * Sets whether the host creates the kind cluster at first boot.
		 * @param createClusterOnBoot whether to apply the cluster stack from cloud-init
		 * @return this builder
		 */
		public Builder createClusterOnBoot(boolean createClusterOnBoot) {
			this.createClusterOnBoot = createClusterOnBoot;
			return this;
		}

		/**
		 * Validates the values and builds the settings.
		 * @return the settings
		 * @throws InvalidSettingsException listing every invalid value
		 */
		public HostSettings build() {
			return new HostSettings(this.name, this.region, this.instanceType, this.keyName, this.sshCidrs,
					this.allowSshFromAnywhere, this.appPort, this.appCidrs, this.rootVolumeGib, this.kmsKeyArn,
					this.vpcId, this.subnetId, this.repositoryUrl, this.repositoryBranch, this.checkoutDirectory,
					this.tags, this.createClusterOnBoot);
		}

	}

}
