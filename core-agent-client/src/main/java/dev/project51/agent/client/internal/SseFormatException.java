package dev.project51.agent.client.internal;

/**
 * A server-sent event stream broke a limit or the format.
 */
public final class SseFormatException extends RuntimeException {

	/**
	 * An exception with the given message.
	 * @param message what is wrong
	 */
	public SseFormatException(String message) {
		super(message);
	}

}
