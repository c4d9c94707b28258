package dev.project51.agent.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link AgentClientListener}, called so that what it throws or returns
 * can never break a call.
 */
final class ListenerCalls {

	private static final Logger logger = LoggerFactory.getLogger(AgentClient.class);

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

	private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "accept", "content-type", "user-agent",
			"content-length", "host");

	private final AgentClientListener listener;

	ListenerCalls(AgentClientListener listener) {
		this.listener = listener;
	}

	/**
	 * Runs a callback of the listener; what it throws never reaches the call.
	 */
	void call(Consumer<AgentClientListener> callback) {
		try {
			callback.accept(this.listener);
		}
		catch (RuntimeException ex) {
			logger.debug("The AgentClientListener failed: {}", ex.toString());
		}
	}

	/**
	 * The listener's headers for a call starting now on the calling thread.
	 */
	Map<String, String> requestHeaders(String operation) {
		Map<String, String> headers;
		try {
			headers = this.listener.requestHeaders(operation);
		}
		catch (RuntimeException ex) {
			logger.debug("The AgentClientListener failed: {}", ex.toString());
			return Map.of();
		}
		if (headers == null || headers.isEmpty()) {
			return Map.of();
		}
		Map<String, String> accepted = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			if (name != null && value != null && HEADER_NAME.matcher(name).matches()
					&& !RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
					&& value.chars().noneMatch((c) -> c < 0x20 || c == 0x7F)) {
				accepted.put(name, value);
			}
		});
		return Map.copyOf(accepted);
	}

}
