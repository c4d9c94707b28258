package dev.project51.agent.server.chat.internal;

import dev.project51.agent.contract.ProblemDetail;
import dev.project51.agent.contract.StreamEvent;

/**
 * Receives the events of a streamed turn, in order: {@code onMeta}, {@code onToken}*,
 * then exactly one of {@code onDone} or {@code onError} (none after the turn was
 * cancelled). Calls never overlap.
 *
 * @since 0.1.0
 */
public interface ChatStreamListener {

	/**
	 * The answering model is known; sent just before the first token.
	 * @param meta the event
	 */
	void onMeta(StreamEvent.Meta meta);

	/**
	 * A piece of the answer.
	 * @param text the text to append
	 */
	void onToken(String text);

	/**
	 * The answer is complete.
	 * @param done the event
	 */
	void onDone(StreamEvent.Done done);

	/**
	 * The turn failed.
	 * @param problem what went wrong
	 */
	void onError(ProblemDetail problem);

}
