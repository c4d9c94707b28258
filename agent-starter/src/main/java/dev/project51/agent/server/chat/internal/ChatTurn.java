package dev.project51.agent.server.chat.internal;

/**
 * A running streamed turn.
 *
 * @since 0.1.0
 */
public interface ChatTurn {

	/**
	 * The conversation of the turn.
	 * @return the conversation id
	 */
	String conversationId();

	/**
	 * Gives up the turn (for example because the client went away): the model stream is
	 * cancelled, no further event reaches the listener and the conversation is free for
	 * the next turn. Idempotent.
	 */
	void cancel();

}
