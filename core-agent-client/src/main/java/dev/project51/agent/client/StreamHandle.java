package dev.project51.agent.client;

import java.util.concurrent.CompletableFuture;

import dev.project51.agent.contract.StreamEvent;

/**
 * A running streamed answer.
 *
 * @since 0.1.0
 */
public interface StreamHandle {

	/**
	 * Cancels the stream and closes its HTTP exchange. Idempotent, callable from any
	 * thread, including from a listener callback. No listener callback starts after this
	 * method returns (one already running may finish). Does nothing once the stream has
	 * ended.
	 */
	void cancel();

	/**
	 * Whether the stream has ended (done, failed or cancelled).
	 * @return {@code true} if ended
	 */
	boolean isDone();

	/**
	 * The outcome: completes with the {@code done} event (after
	 * {@link StreamListener#onDone} returned and what followed the event was read, within
	 * 2 seconds, so that the connection is free for the next call), exceptionally with
	 * the {@link AgentClientException} also given to {@link StreamListener#onError}, or
	 * with a {@link java.util.concurrent.CancellationException} when cancelled.
	 * Cancelling this future cancels the stream.
	 * @return the future, always the same instance
	 */
	CompletableFuture<StreamEvent.Done> completion();

}
