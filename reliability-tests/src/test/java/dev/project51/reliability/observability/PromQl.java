package dev.project51.reliability.observability;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to find the metric names a query reads: strings, label matchers,
 * range and offset brackets and grouping clauses are removed, then every identifier that
 * is not a function call, a keyword or a number is a metric name.
 */
final class PromQl {

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"and", "or", "unless", "bool", "offset", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");

	private PromQl() {
	}

	static Set<String> metricNames(String query) {
		String stripped = query.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
			.replaceAll("\\{[^}]*\\}", " ")
			.replaceAll("\\[[^\\]]*\\]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String name = matcher.group(1);
			boolean call = matcher.group(2) != null;
			if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
