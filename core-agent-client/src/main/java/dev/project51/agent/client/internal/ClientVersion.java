package dev.project51.agent.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this library, from a resource filtered at build time.
 */
public final class ClientVersion {

	private static final String VERSION = load();

	private ClientVersion() {
	}

	/**
	 * The library version.
	 * @return e.g. {@code 0.1.0}, or {@code unknown} if the resource is missing
	 */
	public static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = ClientVersion.class
			.getResourceAsStream("/dev/project51/agent/client/version.properties")) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			String version = properties.getProperty("version", "unknown").trim();
			return (version.isEmpty() || version.startsWith("${")) ? "unknown" : version;
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
