package dev.project51.server.internal.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.project51.server.internal.env.PropertyErrors;

/**
 * The names a server answers to in the {@code Host} header, against DNS rebinding: a page
 * of {@code evil.example} whose name the attacker re-points at {@code 127.0.0.1} is
 * same-origin with itself, so the browser lets it read the answers, but it still sends
 * {@code Host: evil.example}. Always allowed: {@code localhost} and names under
 * {@code .localhost} (browsers resolve them to the loop-back interface themselves), IPv4
 * and IPv6 addresses (a rebinding page always has a name; probes and clients that call by
 * address send one), and a request without {@code Host} (HTTP/1.0 clients, never a
 * browser). Besides those, the configured names: {@code example.com},
 * {@code *.example.com} (any name under it, not itself) or {@code *} (any name: no
 * check).
 *
 * @since 0.1.0
 */
public final class AllowedHosts {

	private static final Pattern NAME = Pattern
		.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[0-9a-z._~-]+)?]");

	private static final Pattern PORT = Pattern.compile("\\d{1,5}");

	private final boolean any;

	private final Set<String> names;

	private final List<String> suffixes;

	private AllowedHosts(boolean any, Set<String> names, List<String> suffixes) {
		this.any = any;
		this.names = names;
		this.suffixes = suffixes;
	}

	/**
	 * The allowed hosts: the configured ones besides those always allowed.
	 * @param configured names or patterns, each valid (see {@link #invalid(String)})
	 * @return the allowed hosts
	 */
	public static AllowedHosts of(List<String> configured) {
		boolean any = false;
		Set<String> names = new LinkedHashSet<>();
		List<String> suffixes = new ArrayList<>();
		suffixes.add(".localhost");
		names.add("localhost");
		for (String entry : configured) {
			if (entry == null || entry.isBlank()) {
				continue;
			}
			String reason = invalid(entry);
			if (reason != null) {
				throw new IllegalArgumentException("'" + entry + "' is not a host name: " + reason);
			}
			String normalized = normalize(entry.strip());
			if ("*".equals(normalized)) {
				any = true;
			}
			else if (normalized.startsWith("*.")) {
				suffixes.add(normalized.substring(1));
			}
			else {
				names.add(normalized);
			}
		}
		return new AllowedHosts(any, Set.copyOf(names), List.copyOf(suffixes));
	}

	/**
	 * Rejects each configured entry that is not a host name or pattern (see
	 * {@link #invalid(String)}), naming it by its index.
	 * @param problems the starter's property errors
	 * @param field the field of the list, e.g. {@code security.allowedHosts}
	 * @param entries the configured entries, or {@code null}
	 */
	public static void validate(PropertyErrors problems, String field, List<String> entries) {
		if (entries == null) {
			return;
		}
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			String reason = invalid(entry);
			if (reason != null) {
				problems.reject(field + "[" + i + "]", "invalid",
						"must be a host name, but was '" + entry + "': " + reason);
			}
		}
	}

	/**
	 * Why a configured entry is not a host name or pattern.
	 * @param entry the entry
	 * @return the reason, or {@code null} when it is valid
	 */
	public static String invalid(String entry) {
		if (entry == null || entry.isBlank()) {
			return null;
		}
		String normalized = normalize(entry.strip());
		if ("*".equals(normalized)) {
			return null;
		}
		String name = normalized.startsWith("*.") ? normalized.substring(2) : normalized;
		if (name.contains("://") || name.contains("/")) {
			return "give the name only, without scheme or path (e.g. chat.example.com)";
		}
		if (name.contains(":") && !name.startsWith("[")) {
			return "give the name only, without port (every port of an allowed name is allowed)";
		}
		if (name.length() > 253 || !NAME.matcher(name).matches()) {
			return "expected a DNS name such as chat.example.com or a pattern such as *.example.com";
		}
		return null;
	}

	/**
	 * Whether a request's {@code Host} header is allowed.
	 * @param host the header's value, or {@code null} when the request has none
	 * @return whether it is allowed
	 */
	public boolean allows(String host) {
		if (host == null) {
			return true;
		}
		String name = hostName(host.strip().toLowerCase(Locale.ROOT));
		if (name == null) {
			return false;
		}
		if (this.any || IPV4.matcher(name).matches() || IPV6.matcher(name).matches()) {
			return true;
		}
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (this.names.contains(name)) {
			return true;
		}
		for (String suffix : this.suffixes) {
			if (name.endsWith(suffix) && name.length() > suffix.length()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The host of a {@code Host} header without its port.
	 * @return the host, or {@code null} when the header is malformed
	 */
	private static String hostName(String host) {
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			if (end < 0) {
				return null;
			}
			String rest = host.substring(end + 1);
			if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
				return null;
			}
			return host.substring(0, end + 1);
		}
		int colon = host.lastIndexOf(':');
		if (colon >= 0) {
			if (!PORT.matcher(host.substring(colon + 1)).matches()) {
				return null;
			}
			host = host.substring(0, colon);
		}
		return host.isEmpty() ? null : host;
	}

	private static String normalize(String entry) {
		String lower = entry.toLowerCase(Locale.ROOT);
		return (lower.endsWith(".") && lower.length() > 1) ? lower.substring(0, lower.length() - 1) : lower;
	}

	@Override
	public String toString() {
		if (this.any) {
			return "any host";
		}
		List<String> all = new ArrayList<>(this.names);
		this.suffixes.forEach((suffix) -> all.add("*" + suffix));
		all.add("IP addresses");
		return String.join(", ", all);
	}

}
