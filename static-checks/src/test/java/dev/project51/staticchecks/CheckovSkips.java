package dev.project51.staticchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * The skipped checks of {@code static-checks/checkov.yaml}, each with the reason written
 * as the comment on its line.
 */
final class CheckovSkips {

	private static final Pattern ENTRY = Pattern.compile("^\\s*-\\s*(\\S+)\\s*(?:#\\s*(.*?))?\\s*$");

	private CheckovSkips() {
	}

	/**
	 * Reads the configuration: the {@code skip-check} list as checkov reads it (YAML),
	 * and the reason of each entry from its line.
	 * @param configuration the checkov configuration file
	 * @return check id to reason (empty when an entry has none), in file order
	 * @throws AssertionError when the file is not a checkov configuration with a
	 * {@code skip-check} list, or holds other settings
	 */
	static Map<String, String> read(Path configuration) {
		String text;
		try {
			text = Files.readString(configuration, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Object parsed = new Yaml().load(text);
		if (!(parsed instanceof Map<?, ?> map) || !(map.get("skip-check") instanceof List<?> list)) {
			throw new AssertionError(configuration + " must be a checkov configuration with a skip-check list");
		}
		if (map.size() != 1) {
			throw new AssertionError(
					configuration + " may hold only skip-check (the tests choose the rest), not " + map.keySet());
		}
		List<String> ids = new ArrayList<>();
		list.forEach((id) -> ids.add(String.valueOf(id)));
		Map<String, String> reasons = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			Matcher matcher = ENTRY.matcher(line);
			if (matcher.matches()) {
				reasons.put(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "");
			}
		}
		Map<String, String> skips = new LinkedHashMap<>();
		for (String id : ids) {
			skips.put(id, reasons.getOrDefault(id, ""));
		}
		return skips;
	}

}
