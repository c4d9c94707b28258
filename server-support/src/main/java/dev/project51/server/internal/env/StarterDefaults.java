package dev.project51.server.internal.env;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Adds a starter's defaults to an environment at the lowest precedence, so that any
 * configuration of the application overrides each one.
 */
public final class StarterDefaults {

	private StarterDefaults() {
	}

	/**
	 * Adds defaults to Boot's {@code defaultProperties}, the application's own default
	 * properties winning; when those are not a map, as a property source of their own
	 * right after them.
	 * @param environment the environment
	 * @param defaults the defaults
	 * @param sourceName the name of the property source of their own
	 */
	public static void add(ConfigurableEnvironment environment, Map<String, Object> defaults, String sourceName) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> existing = sources.get(DefaultPropertiesPropertySource.NAME);
		if (existing == null) {
			sources.addLast(new DefaultPropertiesPropertySource(defaults));
		}
		else if (existing instanceof MapPropertySource map) {
			Map<String, Object> merged = new LinkedHashMap<>(defaults);
			merged.putAll(map.getSource());
			sources.replace(DefaultPropertiesPropertySource.NAME, new DefaultPropertiesPropertySource(merged));
		}
		else {
			sources.addAfter(DefaultPropertiesPropertySource.NAME, new MapPropertySource(sourceName, defaults));
		}
	}

}
