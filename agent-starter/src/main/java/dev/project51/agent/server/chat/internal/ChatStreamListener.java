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
	 * The answer is complete; the OpenAI-compatible endpoint also gets its usage, finish
	 * reason and tool calls. Calls {@link #onDone(StreamEvent.Done)} unless overridden.
	 * @param done the event
	 * @param outcome what else is known about the answer
	 */
	default void onDone(StreamEvent.Done done, TurnOutcome outcome) {
		onDone(done);
	}

	/**
	 * The turn failed.
	 * @param problem what went wrong
	 */
	void onError(ProblemDetail problem);

}
