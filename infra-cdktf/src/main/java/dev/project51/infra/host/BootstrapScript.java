package dev.project51.infra.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.project51.infra.settings.HostSettings;
import dev.project51.infra.settings.PinnedVersions;

/**
 * Renders the cloud-init user data of the host from the {@code bootstrap.sh} template.
 * Every value is shell-quoted, although the settings already restrict them to safe
 * characters.
 */
final class BootstrapScript {

	/** EC2 rejects user data larger than this many bytes (before base64 encoding). */
	static final int MAX_USER_DATA_BYTES = 16 * 1024;

	private static final String TEMPLATE = "bootstrap.sh";

	private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z0-9_]+)@@");

	private static final Pattern CLUSTER_SECTION = Pattern.compile("(?s)#@cluster-begin\\n(.*?)#@cluster-end\\n");

	private BootstrapScript() {
	}

	/**
	 * Renders the script.
	 * @param settings the host settings
	 * @param clusterStackJson the synthesized cluster stack to apply at first boot, or
	 * {@code null} to leave creating the cluster to an operator
	 * @return the script
	 * @throws IllegalArgumentException when the script exceeds the EC2 user data limit
	 */
	static String render(HostSettings settings, String clusterStackJson) {
		String template = CLUSTER_SECTION.matcher(loadTemplate()).replaceFirst((clusterStackJson != null) ? "$1" : "");
		Map<String, String> values = new LinkedHashMap<>();
		values.put("CHECKOUT_DIRECTORY", quote(settings.checkoutDirectory()));
		values.put("REPOSITORY_URL", quote(settings.repositoryUrl()));
		values.put("REPOSITORY_BRANCH", quote(settings.repositoryBranch()));
		values.put("INFRA_DIRECTORY", quote(HostSettings.INFRA_DIRECTORY));
		values.put("KIND_VERSION", quote(PinnedVersions.KIND));
		values.put("KIND_SHA256", quote(PinnedVersions.KIND_SHA256));
		values.put("KUBECTL_VERSION", quote(PinnedVersions.KUBECTL));
		values.put("KUBECTL_SHA256", quote(PinnedVersions.KUBECTL_SHA256));
		values.put("TERRAFORM_VERSION", quote(PinnedVersions.TERRAFORM));
		values.put("TERRAFORM_SHA256", quote(PinnedVersions.TERRAFORM_SHA256));
		values.put("DOCKER_KEY_FINGERPRINT", quote(PinnedVersions.DOCKER_APT_KEY_FINGERPRINT));
		values.put("APP_PORT", Integer.toString(settings.appPort()));
		if (clusterStackJson != null) {
			values.put("CLUSTER_STACK_JSON", clusterStackJson.strip());
		}
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder script = new StringBuilder(template.length() + 2048);
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalStateException("bootstrap template has no value for " + matcher.group(0));
			}
			matcher.appendReplacement(script, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(script);
		String rendered = script.toString();
		int size = rendered.getBytes(StandardCharsets.UTF_8).length;
		if (size > MAX_USER_DATA_BYTES) {
			throw new IllegalArgumentException("the host's user data is " + size + " bytes, more than the "
					+ MAX_USER_DATA_BYTES + " bytes EC2 accepts; shorten the cluster settings or set "
					+ "createClusterOnBoot to false and apply the cluster stack on the host yourself");
		}
		return rendered;
	}

	/**
	 * Quotes a value for bash: single quotes, with embedded single quotes escaped.
	 * @param value the value
	 * @return the quoted value
	 */
	static String quote(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

	private static String loadTemplate() {
		try (InputStream in = BootstrapScript.class.getResourceAsStream(TEMPLATE)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + TEMPLATE + " next to " + BootstrapScript.class);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + TEMPLATE, ex);
		}
	}

}
