package dev.project51.infra.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads {@link InfraSettings} from environment variables and command-line arguments.
 * Arguments win over environment variables, which win over the defaults. A blank value
 * counts as unset. Every setting has an environment variable {@code PROJECT51_*} and an
 * option {@code --*}; {@link #settings()} lists them and {@link #help()} renders them.
 * <p>
 * Options take their value as {@code --name=value} or {@code --name value}; boolean
 * options also accept a bare {@code --name} for {@code true}. Lists are comma-separated,
 * tags are {@code key=value} pairs separated by commas.
 *
 * @since 0.1.0
 */
public final class SettingsLoader {

	private static final List<Setting> SETTINGS = List.of(
			text("name", "PROJECT51_NAME", "--name", HostSettings.DEFAULT_NAME,
					"Prefix of AWS resource names and value of the Project tag.", (b, v) -> b.host.name(v)),
			text("region", "PROJECT51_AWS_REGION", "--region", HostSettings.DEFAULT_REGION, "AWS region of the host.",
					(b, v) -> b.host.region(v)),
			text("instanceType", "PROJECT51_INSTANCE_TYPE", "--instance-type", HostSettings.DEFAULT_INSTANCE_TYPE,
					"EC2 instance type (x86_64).", (b, v) -> b.host.instanceType(v)),
			text("keyName", "PROJECT51_KEY_NAME", "--key-name", "(none)",
					"Existing EC2 key pair; required when SSH is enabled.", (b, v) -> b.host.keyName(v)),
			list("sshCidrs", "PROJECT51_SSH_CIDRS", "--ssh-cidrs", "(none: SSH disabled, use Session Manager)",
					"CIDR blocks allowed to reach port 22, e.g. 203.0.113.7/32.", (b, v) -> b.host.sshCidrs(v)),
			bool("allowSshFromAnywhere", "PROJECT51_ALLOW_SSH_FROM_ANYWHERE", "--allow-ssh-from-anywhere", "false",
					"Whether 0.0.0.0/0 or ::/0 is accepted in the SSH CIDRs.",
					(b, v) -> b.host.allowSshFromAnywhere(v)),
			integer("appPort", "PROJECT51_APP_PORT", "--app-port", String.valueOf(HostSettings.DEFAULT_APP_PORT),
					"Port the application is served on (kind maps the NodePort to it).", (b, v) -> {
						b.host.appPort(v);
						b.cluster.hostPort(v);
					}),
			list("appCidrs", "PROJECT51_APP_CIDRS", "--app-cidrs", HostSettings.ANYWHERE_IPV4,
					"CIDR blocks allowed to reach the application port.", (b, v) -> b.host.appCidrs(v)),
			integer("rootVolumeGib", "PROJECT51_ROOT_VOLUME_GIB", "--root-volume-gib",
					String.valueOf(HostSettings.DEFAULT_ROOT_VOLUME_GIB),
					"Size of the encrypted gp3 root volume (GiB).", (b, v) -> b.host.rootVolumeGib(v)),
			text("kmsKeyArn", "PROJECT51_KMS_KEY_ARN", "--kms-key-arn", "(AWS managed key aws/ebs)",
					"Customer managed KMS key for the root volume.", (b, v) -> b.host.kmsKeyArn(v)),
			text("vpcId", "PROJECT51_VPC_ID", "--vpc-id", "(default VPC)", "VPC of the host; set with the subnet.",
					(b, v) -> b.host.vpcId(v)),
			text("subnetId", "PROJECT51_SUBNET_ID", "--subnet-id", "(a default subnet)",
					"Public subnet of the host; set with the VPC.", (b, v) -> b.host.subnetId(v)),
			text("repositoryUrl", "PROJECT51_REPOSITORY_URL", "--repository-url", HostSettings.DEFAULT_REPOSITORY_URL,
					"HTTPS URL of the Git repository the host clones.", (b, v) -> b.host.repositoryUrl(v)),
			text("repositoryBranch", "PROJECT51_REPOSITORY_BRANCH", "--repository-branch",
					HostSettings.DEFAULT_REPOSITORY_BRANCH, "Branch the host checks out.",
					(b, v) -> b.host.repositoryBranch(v)),
			text("checkoutDirectory", "PROJECT51_CHECKOUT_DIRECTORY", "--checkout-directory",
					HostSettings.DEFAULT_CHECKOUT_DIRECTORY, "Where the host clones the repository.",
					(b, v) -> b.host.checkoutDirectory(v)),
			tags("tags", "PROJECT51_TAGS", "--tags", "(none)", "Extra tags, e.g. Owner=alice,CostCenter=42.",
					(b, v) -> b.host.tags(v)),
			bool("createClusterOnBoot", "PROJECT51_CREATE_CLUSTER_ON_BOOT", "--create-cluster-on-boot", "true",
					"Whether the host applies the cluster stack itself at first boot.",
					(b, v) -> b.host.createClusterOnBoot(v)),
			text("clusterName", "PROJECT51_CLUSTER_NAME", "--cluster-name", ClusterSettings.DEFAULT_NAME,
					"Name of the kind cluster (kubectl context kind-<name>).", (b, v) -> b.cluster.name(v)),
			text("nodeImage", "PROJECT51_KIND_NODE_IMAGE", "--kind-node-image", PinnedVersions.KIND_NODE_IMAGE,
					"kind node image (pinned; must suit kind " + PinnedVersions.KIND + ").",
					(b, v) -> b.cluster.nodeImage(v)),
			text("kubeconfigPath", "PROJECT51_KUBECONFIG_PATH", "--kubeconfig-path",
					ClusterSettings.DEFAULT_KUBECONFIG_PATH, "Where the cluster's kubeconfig is written on the host.",
					(b, v) -> b.cluster.kubeconfigPath(v)),
			integer("nodePort", "PROJECT51_NODE_PORT", "--node-port", String.valueOf(ClusterSettings.DEFAULT_NODE_PORT),
					"NodePort of the frontend Service, mapped to the application port.",
					(b, v) -> b.cluster.nodePort(v)));

	private SettingsLoader() {
	}

	/**
	 * Returns the description of every setting, in help order.
	 * @return the settings
	 */
	public static List<SettingDescription> settings() {
		return SETTINGS.stream().map(Setting::description).toList();
	}

	/**
	 * Loads settings from the process environment.
	 * @return the settings
	 * @throws InvalidSettingsException listing every invalid value
	 */
	public static InfraSettings fromEnvironment() {
		return load(System.getenv(), List.of());
	}

	/**
	 * Loads settings from environment variables and command-line arguments.
	 * @param environment the environment variables, for example {@link System#getenv()}
	 * @param arguments the command-line arguments (only setting options, see
	 * {@link #settings()})
	 * @return the settings
	 * @throws InvalidSettingsException listing every invalid or unknown value, each
	 * naming the environment variable or option it came from
	 */
	public static InfraSettings load(Map<String, String> environment, List<String> arguments) {
		Objects.requireNonNull(environment, "environment");
		Objects.requireNonNull(arguments, "arguments");
		Map<Setting, Source> values = new LinkedHashMap<>();
		List<Violation> violations = new ArrayList<>();
		for (Setting setting : SETTINGS) {
			String value = environment.get(setting.env);
			if (value != null && !value.isBlank()) {
				values.put(setting, new Source(setting.env, value.trim()));
			}
		}
		parseArguments(arguments, values, violations);
		Builders builders = new Builders();
		for (Map.Entry<Setting, Source> entry : values.entrySet()) {
			Setting setting = entry.getKey();
			Source source = entry.getValue();
			try {
				setting.applier.apply(builders, source.value);
			}
			catch (ValueException ex) {
				violations.add(new Violation(setting.name, source.name + " " + ex.getMessage()));
			}
		}
		HostSettings host = build(() -> builders.host.build(), values, violations);
		ClusterSettings cluster = build(() -> builders.cluster.build(), values, violations);
		if (host != null && cluster != null && violations.isEmpty()) {
			try {
				return new InfraSettings(host, cluster);
			}
			catch (InvalidSettingsException ex) {
				violations.addAll(attribute(ex.violations(), values));
			}
		}
		throw new InvalidSettingsException(violations);
	}

	/**
	 * Renders every setting with its option, environment variable and default, for
	 * {@code --help}.
	 * @return the help text
	 */
	public static String help() {
		return help(Map.of());
	}

	/**
	 * Renders every setting with its option, environment variable and default, for
	 * {@code --help}, where a project's own defaults replace the library's.
	 * @param projectDefaults the project's defaults by environment variable, e.g.
	 * {@code PROJECT51_AWS_REGION=eu-central-1}
	 * @return the help text
	 */
	public static String help(Map<String, String> projectDefaults) {
		Objects.requireNonNull(projectDefaults, "projectDefaults");
		StringBuilder help = new StringBuilder();
		for (Setting setting : SETTINGS) {
			SettingDescription description = setting.description();
			String projectDefault = projectDefaults.get(description.environmentVariable());
			help.append("  ")
				.append(description.option())
				.append(description.flag() ? "[=true|false]" : "=<value>")
				.append('\n')
				.append("      env ")
				.append(description.environmentVariable())
				.append(", default ")
				.append((projectDefault != null && !projectDefault.isBlank()) ? projectDefault + " (this project)"
						: description.defaultValue())
				.append('\n')
				.append("      ")
				.append(description.description())
				.append('\n');
		}
		return help.toString();
	}

	private static void parseArguments(List<String> arguments, Map<Setting, Source> values,
			List<Violation> violations) {
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			if (!argument.startsWith("--")) {
				violations.add(new Violation("arguments", "unexpected argument '" + Checks.printable(argument)
						+ "'; options look like --region=eu-central-1 (run with --help to list them)"));
				continue;
			}
			int equals = argument.indexOf('=');
			String option = (equals < 0) ? argument : argument.substring(0, equals);
			Optional<Setting> match = SETTINGS.stream().filter((setting) -> setting.option.equals(option)).findFirst();
			if (match.isEmpty()) {
				violations.add(new Violation("arguments",
						"unknown option '" + Checks.printable(option) + "'; run with --help to list the options"));
				continue;
			}
			Setting setting = match.get();
			String value;
			if (equals >= 0) {
				value = argument.substring(equals + 1);
			}
			else if (setting.type == Type.BOOLEAN) {
				value = "true";
			}
			else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
				value = arguments.get(++i);
			}
			else {
				violations.add(new Violation(setting.name,
						"option " + option + " needs a value, for example " + option + "=" + example(setting)));
				continue;
			}
			if (value.isBlank()) {
				values.remove(setting);
			}
			else {
				values.put(setting, new Source(option, value.trim()));
			}
		}
	}

	private static <T> T build(Supplier<T> builder, Map<Setting, Source> values, List<Violation> violations) {
		try {
			return builder.get();
		}
		catch (InvalidSettingsException ex) {
			violations.addAll(attribute(ex.violations(), values));
			return null;
		}
	}

	private static List<Violation> attribute(List<Violation> violations, Map<Setting, Source> values) {
		List<Violation> attributed = new ArrayList<>();
		for (Violation violation : violations) {
			Optional<Setting> setting = SETTINGS.stream()
				.filter((candidate) -> candidate.name.equals(violation.setting())
						|| ("hostPort".equals(violation.setting()) && "appPort".equals(candidate.name)))
				.findFirst();
			if (setting.isEmpty()) {
				attributed.add(violation);
				continue;
			}
			Source source = values.get(setting.get());
			String where = (source != null) ? " (from " + source.name + ")"
					: " (set it with " + setting.get().env + " or " + setting.get().option + ")";
			attributed.add(new Violation(violation.setting(), violation.message() + where));
		}
		return attributed;
	}

	private static String example(Setting setting) {
		return switch (setting.type) {
			case INTEGER -> "8080";
			case LIST -> "203.0.113.7/32";
			case TAGS -> "Owner=alice";
			default -> "value";
		};
	}

	private static Setting text(String name, String env, String option, String defaultValue, String description,
			Applier<String> applier) {
		return new Setting(name, env, option, defaultValue, description, Type.TEXT, applier::apply);
	}

	private static Setting list(String name, String env, String option, String defaultValue, String description,
			Applier<List<String>> applier) {
		return new Setting(name, env, option, defaultValue, description, Type.LIST,
				(builders, value) -> applier.apply(builders, splitList(value)));
	}

	private static Setting bool(String name, String env, String option, String defaultValue, String description,
			Applier<Boolean> applier) {
		return new Setting(name, env, option, defaultValue, description, Type.BOOLEAN,
				(builders, value) -> applier.apply(builders, parseBoolean(value)));
	}

	private static Setting integer(String name, String env, String option, String defaultValue, String description,
			Applier<Integer> applier) {
		return new Setting(name, env, option, defaultValue, description, Type.INTEGER,
				(builders, value) -> applier.apply(builders, parseInteger(value)));
	}

	private static Setting tags(String name, String env, String option, String defaultValue, String description,
			Applier<Map<String, String>> applier) {
		return new Setting(name, env, option, defaultValue, description, Type.TAGS,
				(builders, value) -> applier.apply(builders, parseTags(value)));
	}

	private static List<String> splitList(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	private static boolean parseBoolean(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "yes", "1", "on" -> true;
			case "false", "no", "0", "off" -> false;
			default -> throw new ValueException("must be true or false, but was '" + Checks.printable(value) + "'");
		};
	}

	private static int parseInteger(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new ValueException("must be a whole number, but was '" + Checks.printable(value) + "'");
		}
	}

	private static Map<String, String> parseTags(String value) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (String pair : splitList(value)) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new ValueException("must be key=value pairs separated by commas, such as Owner=alice,Team=web, "
						+ "but has '" + Checks.printable(pair) + "'");
			}
			tags.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
		return tags;
	}

	/**
	 * Describes one setting for documentation and {@code --help}.
	 *
	 * @param name the setting name used in {@link Violation#setting()}
	 * @param environmentVariable the environment variable that sets it
	 * @param option the command-line option that sets it
	 * @param defaultValue the default, as text
	 * @param description what it does
	 * @param flag whether the setting is a boolean, so that the option alone means
	 * {@code true}
	 */
	public record SettingDescription(String name, String environmentVariable, String option, String defaultValue,
			String description, boolean flag) {
	}

	private enum Type {

		TEXT, LIST, BOOLEAN, INTEGER, TAGS

	}

	private record Setting(String name, String env, String option, String defaultValue, String help, Type type,
			Applier<String> applier) {

		SettingDescription description() {
			return new SettingDescription(this.name, this.env, this.option, this.defaultValue, this.help,
					this.type == Type.BOOLEAN);
		}

	}

	private record Source(String name, String value) {
	}

	@FunctionalInterface
	private interface Applier<T> {

		void apply(Builders builders, T value);

	}

	private static final class Builders {

		private final HostSettings.Builder host = HostSettings.builder();

		private final ClusterSettings.Builder cluster = ClusterSettings.builder();

	}

	private static final class ValueException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		ValueException(String message) {
			super(message);
		}

	}

}
