package dev.project51.frontend.security.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The security headers the frontend adds to its responses, and helpers about origins.
 *
 * @since 0.1.0
 */
public final class SecurityHeaders {

	/**
	 * The default Content-Security-Policy. Everything is denied unless it comes from the
	 * page's own origin; no inline script or style, no plug-ins, no framing, no
	 * {@code <base>}, and Trusted Types are required with one policy allowed, DOMPurify's
	 * ({@code dompurify}, created once by the page's own script), so that no code path of
	 * the page can turn a string into HTML without sanitizing it.
	 */
	public static final String DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; "
			+ "require-trusted-types-for 'script'; trusted-types dompurify";

	/** Browser features the page never uses, all denied. */
	public static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
			+ "magnetometer=(), microphone=(), payment=(), usb=()";

	/** The page sends no referrer to the sites its answers link to. */
	public static final String REFERRER_POLICY = "no-referrer";

	private SecurityHeaders() {
	}

	/**
	 * Whether the value is a web origin: {@code http} or {@code https}, a host, an
	 * optional port, and nothing else.
	 * @param value the candidate, may be {@code null}
	 * @return {@code true} for values like {@code https://chat.example.com:8443}
	 */
	public static boolean isOrigin(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
					&& uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
					&& uri.getRawQuery() == null && uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * The canonical form of an origin: lower-case scheme and host, the port only when it
	 * is not the scheme's default.
	 * @param value an origin, see {@link #isOrigin(String)}
	 * @return the canonical origin, or {@code null} if the value is not an origin
	 */
	public static String normalizeOrigin(String value) {
		if (!isOrigin(value)) {
			return null;
		}
		URI uri = URI.create(value);
		return origin(uri.getScheme(), uri.getHost(), uri.getPort());
	}

	static String origin(String scheme, String host, int port) {
		String normalizedScheme = scheme.toLowerCase(Locale.ROOT);
		boolean defaultPort = port == -1 || ("http".equals(normalizedScheme) && port == 80)
				|| ("https".equals(normalizedScheme) && port == 443);
		return normalizedScheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

}
