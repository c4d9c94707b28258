package dev.project51.agent.server.chat.internal;

import java.time.Duration;

import dev.project51.agent.contract.AgentApi;

/**
 * Limits of a {@link ChatService}.
 *
 * @param maxMessageLength the longest accepted message, in characters
 * @param busyWait how long a turn waits for the previous turn of its conversation before
 * it is refused with {@code 409 conversation-busy}
 * @param timeout the longest a blocking turn may take before it is answered with
 * {@code 504 timeout}
 * @param streamTimeout the longest a streamed turn may take before it ends with a
 * {@code timeout} error event
 * @param streamHeartbeat the interval of keep-alive comments while a stream is silent
 * @param maxAnswerLength the longest answer of a conversation, in characters: a longer
 * one is cut there and ends with {@link AgentApi#ANSWER_CUT_MARKER}; at most
 * {@link AgentApi#DEFAULT_MAX_ANSWER_LENGTH}, which the size of a history page relies on
 * @since 0.1.0
 */
public record ChatSettings(int maxMessageLength, Duration busyWait, Duration timeout, Duration streamTimeout,
		Duration streamHeartbeat, int maxAnswerLength) {

	public ChatSettings {
		if (maxMessageLength < 1) {
			throw new IllegalArgumentException("maxMessageLength must be >= 1, but was " + maxMessageLength);
		}
		if (maxAnswerLength < 1 || maxAnswerLength > AgentApi.DEFAULT_MAX_ANSWER_LENGTH) {
			throw new IllegalArgumentException("maxAnswerLength must be between 1 and "
					+ AgentApi.DEFAULT_MAX_ANSWER_LENGTH + ", but was " + maxAnswerLength);
		}
		requirePositive(busyWait, "busyWait", true);
		requirePositive(timeout, "timeout", false);
		requirePositive(streamTimeout, "streamTimeout", false);
		requirePositive(streamHeartbeat, "streamHeartbeat", false);
	}

	/**
	 * Settings with the default maximum answer length.
	 * @param maxMessageLength the longest accepted message
	 * @param busyWait the wait for a busy conversation
	 * @param timeout the longest blocking turn
	 * @param streamTimeout the longest streamed turn
	 * @param streamHeartbeat the interval of keep-alive comments
	 */
	public ChatSettings(int maxMessageLength, Duration busyWait, Duration timeout, Duration streamTimeout,
			Duration streamHeartbeat) {
		this(maxMessageLength, busyWait, timeout, streamTimeout, streamHeartbeat, AgentApi.DEFAULT_MAX_ANSWER_LENGTH);
	}

	/**
	 * Settings with a keep-alive interval of one second.
	 * @param maxMessageLength the longest accepted message
	 * @param busyWait the wait for a busy conversation
	 * @param timeout the longest blocking turn
	 * @param streamTimeout the longest streamed turn
	 */
	public ChatSettings(int maxMessageLength, Duration busyWait, Duration timeout, Duration streamTimeout) {
		this(maxMessageLength, busyWait, timeout, streamTimeout, Duration.ofSeconds(1));
	}

	private static void requirePositive(Duration duration, String name, boolean zeroAllowed) {
		if (duration == null || duration.isNegative() || (!zeroAllowed && duration.isZero())) {
			throw new IllegalArgumentException(
					name + " must be a duration " + (zeroAllowed ? ">= 0" : "> 0") + ", but was " + duration);
		}
	}

}
