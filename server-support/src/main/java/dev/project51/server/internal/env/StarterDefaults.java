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
	 * The defaults both servers share: Tomcat's timeouts in seconds, not minutes (10 s
	 * per read, 60 s for an idle keep-alive connection) and at most 1000 connections; the
	 * {@code health} and {@code prometheus} actuator endpoints over HTTP; every trace
	 * sampled; no stack trace at INFO when a client leaves an asynchronous answer
	 * ({@code org.apache.catalina.connector.CoyoteAdapter} at WARN).
	 * @return a new modifiable map of the shared defaults, for a server to add its own
	 */
	public static Map<String, Object> shared() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.tomcat.connection-timeout", "10s");
		defaults.put("server.tomcat.keep-alive-timeout", "60s");
		defaults.put("server.tomcat.max-connections", "1000");
		defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
		defaults.put("management.tracing.sampling.probability", "1.0");
		defaults.put("logging.level.org.apache.catalina.connector.CoyoteAdapter", "WARN");
		return defaults;
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
