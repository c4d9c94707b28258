package dev.project51.infra.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import dev.project51.infra.settings.HostSettings;
import dev.project51.infra.settings.PinnedVersions;
import software.constructs.Construct;

/**
 * The host stack, applied from the operator's machine: an AWS provider for the configured
 * region (tagging every resource), a {@link HostConstruct} and the outputs an operator
 * needs (public IP, application URL, Session Manager and SSH commands).
 * <p>
 * State is kept by the local backend in {@code terraform.<stack>.tfstate} next to the
 * synthesis output directory (three levels above {@code <out>/stacks/<stack>}), so that
 * re-synthesizing never deletes it.
 *
 * @since 0.1.0
 */
public class HostStack extends TerraformStack {

	/**
	 * The construct id of the host inside this stack; Terraform addresses start with it.
	 */
	public static final String HOST_ID = "host";

	/** Value of the {@code ManagedBy} tag. */
	public static final String MANAGED_BY = "project51-infra-cdktf";

	private final HostConstruct host;

	/**
	 * Creates the stack; the kind cluster is left to an operator.
	 * @param scope the app
	 * @param id the stack name, also the directory name under {@code <out>/stacks}
	 * @param settings the host settings
	 */
	public HostStack(Construct scope, String id, HostSettings settings) {
		this(scope, id, settings, null);
	}

	/**
	 * Creates the stack.
	 * @param scope the app
	 * @param id the stack name, also the directory name under {@code <out>/stacks}
	 * @param settings the host settings
	 * @param clusterStackJson the synthesized cluster stack the host applies at first
	 * boot, or {@code null}
	 */
	public HostStack(Construct scope, String id, HostSettings settings, String clusterStackJson) {
		super(scope, id);
		Objects.requireNonNull(settings, "settings");
		new LocalBackend(this, LocalBackendConfig.builder().path("../../../terraform." + id + ".tfstate").build());
		addOverride("terraform.required_version", PinnedVersions.REQUIRED_TERRAFORM);
		addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
		AwsProvider.Builder.create(this, "aws")
			.region(settings.region())
			.defaultTags(List.of(AwsProviderDefaultTags.builder().tags(defaultTags(settings)).build()))
			.build();
		this.host = new HostConstruct(this, HOST_ID, settings, clusterStackJson);

		output("instance_id", this.host.instanceId(), "Id of the host's EC2 instance");
		output("public_ip", this.host.publicIp(),
				"Public IPv4 address of the host (kept by automatic recovery, changed by stop/start)");
		output("public_dns", this.host.publicDns(), "Public DNS name of the host");
		output("app_url", "http://" + this.host.publicIp() + ":" + settings.appPort(),
				"URL of the application once it is deployed to the kind cluster");
		output("ssm_command",
				"aws ssm start-session --region " + settings.region() + " --target " + this.host.instanceId(),
				"Opens a shell on the host through AWS Systems Manager Session Manager (no open port needed)");
		output("bootstrap_log", "/var/log/project51-bootstrap.log",
				"Where the first-boot installation logs its progress on the host");
		if (settings.sshEnabled()) {
			output("ssh_command", "ssh -i ~/.ssh/" + settings.keyName() + ".pem ubuntu@" + this.host.publicIp(),
					"Opens a shell on the host over SSH (allowed from " + String.join(", ", settings.sshCidrs()) + ")");
		}
	}

	/**
	 * Returns the host construct of this stack.
	 * @return the host
	 */
	public HostConstruct host() {
		return this.host;
	}

	/**
	 * Returns the tags every resource of the host stack carries: {@code Project},
	 * {@code ManagedBy}, {@code Stack} and the extra tags of the settings (which win).
	 * @param settings the host settings
	 * @return the tags, in a stable order
	 */
	public static Map<String, String> defaultTags(HostSettings settings) {
		Map<String, String> tags = new LinkedHashMap<>();
		tags.put("Project", settings.name());
		tags.put("ManagedBy", MANAGED_BY);
		tags.put("Stack", "host");
		tags.putAll(settings.tags());
		return tags;
	}

	private void output(String name, String value, String description) {
		new TerraformOutput(this, name, TerraformOutputConfig.builder().value(value).description(description).build());
	}

}
