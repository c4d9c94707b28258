package dev.project51.agent.client.internal;

import java.util.Locale;

/**
 * Media type checks on {@code Content-Type} values.
 */
public final class MediaTypes {

	private MediaTypes() {
	}

	/**
	 * The type/subtype of a {@code Content-Type} value, lower case, without parameters.
	 * @param contentType the header value, may be {@code null}
	 * @return the essence, or {@code ""} if absent
	 */
	public static String essence(String contentType) {
		if (contentType == null) {
			return "";
		}
		int semicolon = contentType.indexOf(';');
		String essence = (semicolon >= 0) ? contentType.substring(0, semicolon) : contentType;
		return essence.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the value is JSON: {@code application/json} or any
	 * {@code application/*+json} (problem details, the actuator's vendor type).
	 * @param contentType the header value, may be {@code null}
	 * @return {@code true} for a JSON media type
	 */
	public static boolean isJson(String contentType) {
		String essence = essence(contentType);
		return essence.equals("application/json") || (essence.startsWith("application/") && essence.endsWith("+json"));
	}

	/**
	 * Whether the value is {@code application/problem+json}.
	 * @param contentType the header value, may be {@code null}
	 * @return {@code true} for a problem detail
	 */
	public static boolean isProblemJson(String contentType) {
		return essence(contentType).equals("application/problem+json");
	}

	/**
	 * Whether the value is {@code text/event-stream}.
	 * @param contentType the header value, may be {@code null}
	 * @return {@code true} for an event stream
	 */
	public static boolean isEventStream(String contentType) {
		return essence(contentType).equals("text/event-stream");
	}

}
