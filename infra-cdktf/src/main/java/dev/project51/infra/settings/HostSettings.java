package dev.project51.infra.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
		HostChecks.validate(name, region, instanceType, keyName, sshCidrs, allowSshFromAnywhere, appPort, appCidrs,
				rootVolumeGib, kmsKeyArn, vpcId, subnetId, repositoryUrl, repositoryBranch, checkoutDirectory, tags);
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
