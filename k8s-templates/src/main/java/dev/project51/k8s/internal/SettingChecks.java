package dev.project51.k8s.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

import dev.project51.k8s.InvalidSettingException;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Validation helpers shared by the settings builders. Every failure is an
 * {@link InvalidSettingException} whose message names the setting, shows the bad value
 * and says how to fix it. Not API.
 *
 * @since 0.1.0
 */
public final class SettingChecks {

	/**
	 * RFC 1123 label that also starts with a letter (RFC 1035), so it works as a Service
	 * name.
	 */
	private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

	/** Kubernetes label value (may be empty, but we never want that). */
	private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

	/** Environment variable name as POSIX shells accept it. */
	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/**
	 * Image repository without tag: optional registry host (with port), then lower-case
	 * path components.
	 */
	private static final Pattern IMAGE_REPOSITORY = Pattern.compile(
			"(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

	/** Docker tag grammar. */
	private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	/** HTTP path as used by probes and health checks. */
	private static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*");

	/** Path relative to a repository root, optionally starting with {@code ./}. */
	private static final Pattern RELATIVE_PATH = Pattern.compile("(\\./)?[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

	private SettingChecks() {
	}

	/**
	 * Require a non-null value.
	 * @param <T> the value type
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static <T> T notNull(String setting, T value) {
		if (value == null) {
			throw new InvalidSettingException(setting, null, setting + " must be set, but was null");
		}
		return value;
	}

	/**
	 * Require a DNS label (RFC 1123, starting with a letter, at most 63 characters).
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String dnsLabel(String setting, String value) {
		notNull(setting, value);
		if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be a DNS label (RFC 1123: at most 63 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit), but was '"
					+ value + "'; for example 'project51' or 'my-app'");
		}
		return value;
	}

	/**
	 * Require a Kubernetes label value.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String labelValue(String setting, String value) {
		notNull(setting, value);
		if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be a Kubernetes label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit), but was '"
					+ value + "'");
		}
		return value;
	}

	/**
	 * Require an environment variable name.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String envName(String setting, String value) {
		notNull(setting, value);
		if (!ENV_NAME.matcher(value).matches()) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be an environment variable name (letters, digits and '_', not starting with a digit), but was '"
					+ value + "'");
		}
		return value;
	}

	/**
	 * Require an image repository without tag or digest, e.g.
	 * {@code docker.io/acme/shop-frontend} or {@code acme}.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String imageRepository(String setting, String value) {
		notNull(setting, value);
		String last = value.substring(value.lastIndexOf('/') + 1);
		if (value.contains("/") && last.contains(":")) {
			throw new InvalidSettingException(setting, value,
					setting + " must not contain a tag, but was '" + value + "'; put the tag in imageTag instead");
		}
		if (value.contains("@") || !IMAGE_REPOSITORY.matcher(value).matches() || value.length() > 255) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be an image repository without tag or digest: an optional registry host, then lower-case path components separated by '/', e.g. 'docker.io/acme' or 'acme', but was '"
					+ value + "'");
		}
		return value;
	}

	/**
	 * Require a Docker image tag that is not {@code latest}.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String imageTag(String setting, String value) {
		notNull(setting, value);
		if (!IMAGE_TAG.matcher(value).matches()) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be a Docker tag (letters, digits, '_', '.' or '-', at most 128 characters, not starting with '.' or '-'), but was '"
					+ value + "'");
		}
		if (value.equals("latest")) {
			throw new InvalidSettingException(setting, value, setting
					+ " must not be 'latest': a moving tag cannot be rolled back; use an immutable tag such as the git SHA");
		}
		return value;
	}

	/**
	 * Require a TCP port in {@code 1..65535}.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static int port(String setting, int value) {
		return range(setting, value, 1, 65535);
	}

	/**
	 * Require a value within an inclusive range.
	 * @param setting the setting name
	 * @param value the value
	 * @param min the minimum
	 * @param max the maximum
	 * @return the value
	 */
	public static int range(String setting, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidSettingException(setting, value,
					setting + " must be between " + min + " and " + max + ", but was " + value);
		}
		return value;
	}

	/**
	 * Require a value of at least {@code min}.
	 * @param setting the setting name
	 * @param value the value
	 * @param min the minimum
	 * @return the value
	 */
	public static int atLeast(String setting, int value, int min) {
		if (value < min) {
			throw new InvalidSettingException(setting, value, setting + " must be >= " + min + ", but was " + value);
		}
		return value;
	}

	/**
	 * Require a Kubernetes resource quantity such as {@code 250m}, {@code 1} or
	 * {@code 512Mi}.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String quantity(String setting, String value) {
		notNull(setting, value);
		try {
			if (value.isBlank() || Quantity.getAmountInBytes(new Quantity(value)).signum() <= 0) {
				throw new IllegalArgumentException("not positive");
			}
		}
		catch (RuntimeException ex) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be a positive Kubernetes quantity such as '250m' or '1' (CPU) or '512Mi' (memory), but was '"
					+ value + "'");
		}
		return value;
	}

	/**
	 * Require an absolute HTTP path.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String httpPath(String setting, String value) {
		notNull(setting, value);
		if (!HTTP_PATH.matcher(value).matches()) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be an absolute HTTP path such as '/actuator/health/readiness', but was '" + value + "'");
		}
		return value;
	}

	/**
	 * Require a non-blank string without line breaks.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String singleLine(String setting, String value) {
		notNull(setting, value);
		if (value.isBlank() || value.contains("\n") || value.contains("\r")) {
			throw new InvalidSettingException(setting, value,
					setting + " must be a non-blank single line, but was '" + value + "'");
		}
		return value;
	}

	/**
	 * Require one of a set of values.
	 * @param setting the setting name
	 * @param value the value
	 * @param allowed the allowed values
	 * @return the value
	 */
	public static String oneOf(String setting, String value, Set<String> allowed) {
		if (value == null || !allowed.contains(value)) {
			throw new InvalidSettingException(setting, value,
					setting + " must be one of " + allowed.stream().sorted().toList() + ", but was '" + value + "'");
		}
		return value;
	}

	/**
	 * Require a path relative to the repository root without {@code ..}.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String relativePath(String setting, String value) {
		notNull(setting, value);
		if (!RELATIVE_PATH.matcher(value).matches() || value.contains("..")) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be a path relative to the repository root without '..', e.g. backend/Dockerfile, but was '"
					+ value + "'");
		}
		return value;
	}

	/**
	 * Require an http(s) URL with a host and without trailing slash.
	 * @param setting the setting name
	 * @param value the value
	 * @return the value
	 */
	public static String httpUrl(String setting, String value) {
		try {
			URI uri = new URI(value);
			if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
					|| value.endsWith("/")) {
				throw new URISyntaxException(value, "not an http(s) URL");
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidSettingException(setting, value, setting
					+ " must be an http(s) URL without trailing slash, e.g. https://project51-backend.onrender.com, but was '"
					+ value + "'");
		}
		return value;
	}

}
