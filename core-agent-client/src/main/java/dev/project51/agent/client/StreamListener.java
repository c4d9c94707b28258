package dev.project51.agent.client;

import dev.project51.agent.contract.StreamEvent;

/**
 * Receives the events of a
 * {@linkplain AgentClient#stream(dev.project51.agent.contract.ChatRequest, StreamListener)
 * streamed answer}. Callbacks run on a client thread, in order, never concurrently. Keep
 * them short: the next event is read after the callback returns.
 * <p>
 * Exactly one of {@link #onDone} or {@link #onError} ends a stream, unless it was
 * {@linkplain StreamHandle#cancel() cancelled}: then neither is called afterwards. A
 * callback that throws cancels the exchange and ends the stream with {@link #onError}.
 *
 * @since 0.1.0
 */
public interface StreamListener {

	/**
	 * The answering model is known (first event).
	 * @param meta the conversation id and the model
	 */
	default void onMeta(StreamEvent.Meta meta) {
	}

	/**
	 * A piece of the answer, to append to what came before.
	 * @param text the piece
	 */
	void onToken(String text);

	/**
	 * The answer is complete (last event of a successful stream).
	 * @param done the whole answer, model and citations
	 */
	default void onDone(StreamEvent.Done done) {
	}

	/**
	 * The stream failed: an {@code error} event of the agent, a timeout, a broken
	 * connection or a broken stream (last callback of a failed stream).
	 * @param error the failure
	 */
	default void onError(AgentClientException error) {
	}

}
