package com.example.project51demo.infra;

import java.util.HashMap;
import java.util.Map;

import dev.project51.infra.cli.Main;

/**
 * Synthesizes the two Terraform stacks of this project into {@code cdktf.out/stacks/{host,cluster}/cdk.tf.json}:
 * the EC2 host (applied from your machine) and the kind cluster (applied on the host at its first boot).
 * <p>
 * This project's choices are the defaults below; every {@code PROJECT51_*} environment variable or {@code --option}
 * overrides them ({@code --help} lists all). Apply the result with plain Terraform or OpenTofu, see README.md.
 */
public final class InfraApplication {

	/** Who may SSH to the host: {@code none} (use AWS Session Manager) or a CIDR such as 203.0.113.7/32. */
	static final String SSH_CIDR = "none";

	/** The EC2 key pair for SSH ({@code none} without SSH); create it with {@code aws ec2 create-key-pair}. */
	static final String SSH_KEY_NAME = "none";

	/** The settings this project was generated with. */
	static final Map<String, String> PROJECT_DEFAULTS = projectDefaults();

	private InfraApplication() {
	}

	public static void main(String[] args) {
		// --help shows these defaults; the environment and the options override them.
		System.exit(Main.run(args, PROJECT_DEFAULTS, System.getenv(), System.out, System.err));
	}

	/**
	 * The project defaults, overridden by the given environment.
	 * @param environment the process environment
	 * @return the environment the settings are read from
	 */
	static Map<String, String> environment(Map<String, String> environment) {
		Map<String, String> merged = new HashMap<>(PROJECT_DEFAULTS);
		merged.putAll(environment);
		return merged;
	}

	private static Map<String, String> projectDefaults() {
		Map<String, String> defaults = new HashMap<>();
		defaults.put("PROJECT51_NAME", "project51-demo");
		defaults.put("PROJECT51_CLUSTER_NAME", "project51-demo");
		defaults.put("PROJECT51_CHECKOUT_DIRECTORY", "/opt/project51-demo");
		defaults.put("PROJECT51_AWS_REGION", "us-east-1");
		defaults.put("PROJECT51_REPOSITORY_URL", "https://github.com/your-org/project51-demo.git");
		if (!"none".equals(SSH_CIDR)) {
			defaults.put("PROJECT51_SSH_CIDRS", SSH_CIDR);
			defaults.put("PROJECT51_KEY_NAME", SSH_KEY_NAME);
		}
		return Map.copyOf(defaults);
	}

}
