package dev.project51.infra.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of {@link HostSettings}: what each value must look like, and the message that
 * says how to fix it.
 */
final class HostChecks {

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

	private HostChecks() {
	}

	/**
	 * Checks every value of {@link HostSettings}.
	 * @throws InvalidSettingsException listing every problem
	 */
	static void validate(String name, String region, String instanceType, String keyName, List<String> sshCidrs,
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
			checks.fail("appPort",
					"appPort must not be 22, which is the SSH port; the default is " + HostSettings.DEFAULT_APP_PORT);
		}
		if (appCidrs.isEmpty()) {
			checks.fail("appCidrs", "appCidrs must name at least one CIDR block, otherwise nobody can reach the "
					+ "application; use " + HostSettings.ANYWHERE_IPV4 + " for a public website");
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
				"an absolute path at least two levels deep, such as " + HostSettings.DEFAULT_CHECKOUT_DIRECTORY);
		if (checkoutDirectory != null && (checkoutDirectory.contains("/../") || checkoutDirectory.endsWith("/..")
				|| checkoutDirectory.startsWith(HostSettings.INFRA_DIRECTORY))) {
			checks.fail("checkoutDirectory",
					"checkoutDirectory must not contain '..' segments or lie in " + HostSettings.INFRA_DIRECTORY
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
					+ "Git repository, such as " + HostSettings.DEFAULT_REPOSITORY_URL);
			return;
		}
		String expectation = "repositoryUrl must be the HTTPS URL of a Git repository, such as "
				+ HostSettings.DEFAULT_REPOSITORY_URL + ", but was '" + redacted(repositoryUrl) + "'";
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

}
